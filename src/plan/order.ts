/** Topological order of draft steps, then final `s1…` ids. */
import { compareCodeUnits } from '../util/compare.js';
import type { DraftStep } from './draft.js';
import { isReadBinding, type PlanStep } from './types.js';

function seq(step: DraftStep): number {
  return Number(step.key.slice(1));
}

/** Which of two ready steps goes first: smallest resource address, then the one created first. */
function before(a: DraftStep, b: DraftStep): number {
  return compareCodeUnits(a.resource, b.resource) || seq(a) - seq(b);
}

/**
 * Kahn's algorithm. Among steps that are ready, the one with the smallest resource address goes
 * first, then the one created first: plans are stable and steps of one resource stay together.
 * `after` orders like `dependsOn`. Returns undefined on a cycle (cannot happen with the
 * dependencies planning creates). The ready steps are a heap: O(n log n), where picking the
 * smallest by sorting every ready step each time took minutes for 10,000 experiments.
 */
export function orderSteps(steps: readonly DraftStep[]): DraftStep[] | undefined {
  const position = new Map(steps.map((s, i) => [s.key, i]));
  const waitingFor = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const step of steps) {
    const deps = new Set([...step.dependsOn, ...(step.after ?? [])].filter((d) => position.has(d)));
    waitingFor.set(step.key, deps.size);
    for (const dep of deps) {
      const list = dependents.get(dep) ?? [];
      list.push(step.key);
      dependents.set(dep, list);
    }
  }
  // Ties (equal resource and creation number) go in list order, as a stable sort would.
  const ready = new Heap<DraftStep>((a, b) => before(a, b) || (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0));
  for (const step of steps) if (waitingFor.get(step.key) === 0) ready.push(step);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const ordered: DraftStep[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    ordered.push(next);
    for (const key of dependents.get(next.key) ?? []) {
      const left = (waitingFor.get(key) ?? 0) - 1;
      waitingFor.set(key, left);
      const step = byKey.get(key);
      if (left === 0 && step) ready.push(step);
    }
  }
  return ordered.length === steps.length ? ordered : undefined;
}

/** A binary min-heap under `compare`. */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && this.compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
      if (right < items.length && this.compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
      i = smallest;
    }
    return top;
  }
}

/**
 * Step ids (`s12`) in number order. Each number is read once, not at every comparison: the
 * `after` lists of a large plan hold tens of thousands of ids. Same comparisons, so the same order.
 */
export function byStepNumber(ids: readonly string[]): string[] {
  return ids
    .map((id) => ({ id, n: Number(id.slice(1)) }))
    .sort((a, b) => a.n - b.n)
    .map((entry) => entry.id);
}

/** Final steps: ids `s1…` in order, with dependencies, `after` and bindings rewritten to those ids. */
export function finalizeSteps(ordered: readonly DraftStep[]): { steps: PlanStep[]; idOf: Map<string, string> } {
  const idOf = new Map(ordered.map((s, i) => [s.key, `s${String(i + 1)}`]));
  const id = (key: string): string => idOf.get(key) ?? key;
  const ids = (keys: readonly string[]): string[] => byStepNumber(keys.map(id));
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
