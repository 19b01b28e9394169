/** orderSteps picks from a heap; it must order exactly as picking the smallest ready step by sorting did. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { DraftStep } from '../../src/plan/draft.js';
import { orderSteps } from '../../src/plan/order.js';

/** The implementation before the heap: sort every ready step, take the first. */
function referenceOrder(steps: readonly DraftStep[]): string[] | undefined {
  const seq = (s: DraftStep): number => Number(s.key.slice(1));
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const waiting = new Map(
    steps.map((s) => [s.key, new Set([...s.dependsOn, ...(s.after ?? [])].filter((d) => byKey.has(d)))]),
  );
  const ordered: string[] = [];
  while (waiting.size > 0) {
    const next = [...waiting.entries()]
      .filter(([, deps]) => deps.size === 0)
      .map(([key]) => byKey.get(key))
      .filter((s) => s !== undefined)
      .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : seq(a) - seq(b)))[0];
    if (!next) return undefined;
    ordered.push(next.key);
    waiting.delete(next.key);
    for (const deps of waiting.values()) deps.delete(next.key);
  }
  return ordered;
}

const step = (key: string, resource: string, dependsOn: string[], after: string[]): DraftStep => ({
  key,
  owner: resource,
  resource,
  target: { kind: 'experiment', project: 'p', environment: 'e', key: resource },
  kind: 'patchExperiment',
  method: 'PATCH',
  path: `/x/${resource}`,
  request: { kind: 'patchExperiment', instructions: [] },
  body: {},
  instructions: [],
  flagVersions: [],
  dependsOn,
  ...(after.length > 0 ? { after } : {}),
  bindings: [],
  impact: 'none',
  reason: 'test',
  touches: [],
});

const shapes = fc.array(
  fc.record({
    resource: fc.constantFrom('experiment/a', 'experiment/b', 'experiment/c', 'holdout/h'),
    dependsOn: fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
    after: fc.array(fc.nat({ max: 30 }), { maxLength: 2 }),
  }),
  { maxLength: 25 },
);

describe('orderSteps', () => {
  it('orders as sorting the ready steps did, on generated graphs (cycles give undefined)', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), fc.boolean(), (generated, acyclic, shuffled) => {
        const keys = generated.map((_, i) => `k${String(shuffled ? (i * 7) % 31 : i + 1)}`);
        const refs = (at: number, targets: number[]): string[] =>
          targets.filter((t) => t < generated.length && (!acyclic || t < at)).map((t) => keys[t] ?? '');
        const steps = generated.map((g, i) => step(keys[i] ?? '', g.resource, refs(i, g.dependsOn), refs(i, g.after)));
        expect(orderSteps(steps)?.map((s) => s.key)).toEqual(referenceOrder(steps));
      }),
      { numRuns: 500 },
    );
  });

  it('puts a ready step of a smaller address first, then the one created first', () => {
    const steps = [
      step('k1', 'experiment/b', [], []),
      step('k2', 'experiment/a', ['k1'], []),
      step('k3', 'experiment/a', [], []),
      step('k4', 'experiment/b', [], ['k3']),
    ];
    expect(orderSteps(steps)?.map((s) => s.key)).toEqual(['k3', 'k1', 'k2', 'k4']);
  });
});
