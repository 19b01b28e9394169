/** The benchmark's arithmetic and its table: pure, so they are unit-tested (timings are not). */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** `12.3×` (how many times `baseline` is of `measured`), or `—` when either is missing. */
export function formatRatio(baseline: number | undefined, measured: number | undefined): string {
  if (baseline === undefined || measured === undefined || !(measured > 0) || !(baseline >= 0)) return '—';
  const ratio = baseline / measured;
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A request's latency wait on the emulator: the part of its round trip the client cannot skip. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The longest chain of requests where each began only after the one before it ended: the dependent
 * round trips a run made (requests in flight together count once).
 */
export function chainDepth(intervals: readonly Interval[]): number {
  const byStart = [...intervals].sort((a, b) => a.start - b.start);
  const byEnd = byStart.map((interval, index) => ({ ...interval, index })).sort((a, b) => a.end - b.end);
  const depth = new Array<number>(byStart.length).fill(0);
  let ended = 0;
  let deepestEnded = 0;
  byStart.forEach((interval, index) => {
    for (; ended < byEnd.length && (byEnd[ended]?.end ?? Infinity) <= interval.start; ended++) {
      deepestEnded = Math.max(deepestEnded, depth[byEnd[ended]?.index ?? 0] ?? 0);
    }
    depth[index] = deepestEnded + 1;
  });
  return Math.max(0, ...depth);
}

/** A plain text table: the first row is the header; the first and last columns are text, the others numbers. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}
