/**
 * "What differs" when the plan at merge is not the reviewed one. Only the reviewed plan's rendered
 * comment survives (not its steps), so the two comments are compared line by line.
 */

const MAX_LINES = 200;

/** Lines only in the reviewed comment (`-`) and only in the new one (`+`), each in its own order; blank lines ignored. */
export function changedLines(reviewed: string, current: string): string[] {
  const before = reviewed.split('\n').filter((line) => line.trim() !== '');
  const after = current.split('\n').filter((line) => line.trim() !== '');
  const removed = unmatched(before, after).map((line) => `- ${line}`);
  const added = unmatched(after, before).map((line) => `+ ${line}`);
  return [...removed, ...added];
}

/** Lines of `lines` left over after pairing each with an equal line of `other` (a multiset difference). */
function unmatched(lines: readonly string[], other: readonly string[]): string[] {
  const available = new Map<string, number>();
  for (const line of other) available.set(line, (available.get(line) ?? 0) + 1);
  const rest: string[] = [];
  for (const line of lines) {
    const count = available.get(line) ?? 0;
    if (count > 0) available.set(line, count - 1);
    else rest.push(line);
  }
  return rest;
}

/** A fenced `diff` block that nothing inside can close, capped at a readable length. */
export function diffBlock(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`… ${String(lines.length - MAX_LINES)} more changed lines`);
  const longestRun = Math.max(
    0,
    ...shown.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))),
  );
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}diff\n${shown.join('\n')}\n${fence}`;
}
