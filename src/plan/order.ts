/** Topological order of draft steps, then final `s1…` ids. */
import type { DraftStep } from './draft.js';
import { isReadBinding, type PlanStep } from './types.js';

function seq(step: DraftStep): number {
  return Number(step.key.slice(1));
}

/**
 * Kahn's algorithm. Among steps that are ready, the one with the smallest resource address goes
 * first, then the one created first: plans are stable and steps of one resource stay together.
 * `after` orders like `dependsOn`. Returns undefined on a cycle (cannot happen with the
 * dependencies planning creates).
 */
export function orderSteps(steps: readonly DraftStep[]): DraftStep[] | undefined {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const waiting = new Map(
    steps.map((s) => [s.key, new Set([...s.dependsOn, ...(s.after ?? [])].filter((d) => byKey.has(d)))]),
  );
  const ordered: DraftStep[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting.entries()].filter(([, deps]) => deps.size === 0).map(([key]) => byKey.get(key));
    const next = ready
      .filter((s) => s !== undefined)
      .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : seq(a) - seq(b)))[0];
    if (!next) return undefined;
    ordered.push(next);
    waiting.delete(next.key);
    for (const deps of waiting.values()) deps.delete(next.key);
  }
  return ordered;
}

/** Final steps: ids `s1…` in order, with dependencies, `after` and bindings rewritten to those ids. */
export function finalizeSteps(ordered: readonly DraftStep[]): { steps: PlanStep[]; idOf: Map<string, string> } {
  const idOf = new Map(ordered.map((s, i) => [s.key, `s${String(i + 1)}`]));
  const id = (key: string): string => idOf.get(key) ?? key;
  const ids = (keys: readonly string[]): string[] =>
    keys.map(id).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const steps = ordered.map((s): PlanStep => ({
    id: id(s.key),
    resource: s.resource,
    kind: s.kind,
    method: s.method,
    path: s.path,
    body: s.body,
    instructions: s.instructions,
    dependsOn: ids(s.dependsOn),
    // Absent when empty, so plans without such ordering keep their shape and hash.
    ...(s.after !== undefined && s.after.length > 0 ? { after: ids(s.after) } : {}),
    bindings: s.bindings.map((b) => (isReadBinding(b) ? b : { ...b, fromStep: id(b.fromStep) })),
    impact: s.impact,
    reason: s.reason,
  }));
  return { steps, idOf };
}
