/**
 * Flag-version ordering answers "does this step already run before that one?" from bit sets
 * (src/plan/step-reach.ts). These tests hold it to the walk-per-question algorithm it replaced:
 * the same `after` keys and the same re-read flags, on generated step graphs and on 1,000
 * experiments sharing one flag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { flagVersionsOf, requestBody, type DraftStep, type StepRequest } from '../../src/plan/draft.js';
import { flagVersionOrder, successors } from '../../src/plan/flag-versions.js';
import { stepReach } from '../../src/plan/step-reach.js';

/** The algorithm before bit sets: one graph walk per sender × mover question. */
function referenceOrder(steps: readonly DraftStep[]): {
  after: Map<string, string[]>;
  rereads: Map<string, Set<string>>;
} {
  const next = successors(steps);
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set([from]);
    const stack = [from];
    for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
      if (key === to) return true;
      for (const k of next.get(key) ?? []) {
        if (!seen.has(k)) {
          seen.add(k);
          stack.push(k);
        }
      }
    }
    return false;
  };
  const groups = new Map<string, { senders: DraftStep[]; movers: DraftStep[] }>();
  const entry = (step: DraftStep, flag: string) => {
    const id = `${step.target.project}\u0000${step.target.environment}\u0000${flag}`;
    const found = groups.get(id) ?? { senders: [], movers: [] };
    groups.set(id, found);
    return found;
  };
  for (const step of steps) {
    const relied = [
      ...new Set([...step.flagVersions.map((v) => v.flag), ...Object.keys(step.startFlags ?? {})]),
    ].sort();
    for (const flag of relied) entry(step, flag).senders.push(step);
    for (const flag of step.movesFlagVersions ?? []) entry(step, flag).movers.push(step);
  }
  const after = new Map<string, string[]>();
  const rereads = new Map<string, Set<string>>();
  for (const [id, { senders, movers }] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const flag = id.split('\u0000')[2] ?? id;
    for (const mover of movers) {
      for (const sender of senders) {
        if (sender.key === mover.key || reaches(sender.key, mover.key)) continue;
        if (reaches(mover.key, sender.key)) {
          rereads.set(sender.key, (rereads.get(sender.key) ?? new Set()).add(flag));
          continue;
        }
        next.get(sender.key)?.add(mover.key);
        after.set(mover.key, [...(after.get(mover.key) ?? []), sender.key]);
      }
    }
  }
  return { after, rereads };
}

interface StepShape {
  resource: number;
  environment: number;
  sends: string[];
  starts: string[];
  moves: string[];
  /** Indexes of other steps this one depends on (taken modulo the step count; may point forward). */
  dependsOn: number[];
}

function draft(shape: StepShape, index: number, count: number): DraftStep {
  const flags = Object.fromEntries(shape.sends.map((f) => [f, { ruleId: 'fallthrough', flagConfigVersion: 3 }]));
  const dependsOn = [...new Set(shape.dependsOn.map((d) => `k${String(d % count)}`))].filter(
    (k) => k !== `k${String(index)}`,
  );
  const request: StepRequest = {
    kind: 'patchExperiment',
    instructions: [{ kind: 'updateExperimentFields', value: { flags: { operation: 'update', value: flags } } }],
  };
  return {
    key: `k${String(index)}`,
    owner: `experiment/r${String(shape.resource)}`,
    resource: `experiment/r${String(shape.resource)}`,
    target: {
      kind: 'experiment',
      project: 'p',
      environment: `e${String(shape.environment)}`,
      key: `r${String(shape.resource)}`,
    },
    kind: 'patchExperiment',
    method: 'PATCH',
    path: `/api/v2/projects/p/environments/e${String(shape.environment)}/experiments/r${String(shape.resource)}`,
    request,
    body: requestBody(request, 'test'),
    instructions: ['updateExperimentFields'],
    flagVersions: flagVersionsOf(request),
    dependsOn,
    bindings: [],
    impact: 'none',
    reason: 'test',
    touches: [],
    ...(shape.moves.length > 0 ? { movesFlagVersions: shape.moves } : {}),
    ...(shape.starts.length > 0
      ? {
          startFlags: Object.fromEntries(shape.starts.map((f) => [f, { ruleId: 'fallthrough', flagConfigVersion: 3 }])),
        }
      : {}),
  };
}

const flagSet = fc.subarray(['fa', 'fb', 'fc']);
const shape = (backward: boolean): fc.Arbitrary<StepShape> =>
  fc.record({
    resource: fc.integer({ min: 0, max: 5 }),
    environment: fc.integer({ min: 0, max: 1 }),
    sends: flagSet,
    starts: flagSet,
    moves: flagSet,
    dependsOn: backward ? fc.constant([]) : fc.array(fc.nat(), { maxLength: 2 }),
  });

/** Steps whose dependsOn points only backwards (a DAG), or anywhere (cycles possible). */
function stepsOf(shapes: StepShape[], acyclic: boolean): DraftStep[] {
  return shapes.map((s, i) => {
    const step = draft(s, i, shapes.length);
    return acyclic ? { ...step, dependsOn: step.dependsOn.filter((k) => Number(k.slice(1)) < i) } : step;
  });
}

const asRecord = (order: { after: Map<string, string[]>; rereads: Map<string, Set<string>> }) => ({
  after: Object.fromEntries(order.after),
  rereads: Object.fromEntries([...order.rereads].map(([k, v]) => [k, [...v].sort()])),
});

describe('flag-version ordering at scale', () => {
  it('decides exactly as the walk-per-question algorithm on generated step graphs', () => {
    fc.assert(
      fc.property(fc.array(shape(false), { maxLength: 24 }), fc.boolean(), (shapes, acyclic) => {
        const steps = stepsOf(shapes, acyclic);
        expect(asRecord(flagVersionOrder(steps))).toEqual(asRecord(referenceOrder(steps)));
      }),
      { numRuns: 400 },
    );
  });

  it('decides exactly as before for 1,000 experiments created and started on one flag', () => {
    const steps: DraftStep[] = [];
    for (let i = 0; i < 1000; i++) {
      const base = { resource: i, environment: 0, moves: [], dependsOn: [] };
      steps.push(draft({ ...base, sends: i % 10 === 0 ? ['shared'] : [], starts: [] }, steps.length, 1));
      if (i % 10 === 0)
        steps.push(draft({ ...base, sends: [], starts: ['shared'], moves: ['shared'] }, steps.length, 1));
    }
    const fast = flagVersionOrder(steps);
    expect(asRecord(fast)).toEqual(asRecord(referenceOrder(steps)));
    // 100 starts on one flag: all but one read the version again; each create runs before every start.
    expect(fast.rereads.size).toBe(99);
  });
});

describe('stepReach', () => {
  const graph = (edges: [string, string][], keys: string[]): Map<string, Set<string>> => {
    const next = new Map(keys.map((k) => [k, new Set<string>()]));
    for (const [a, b] of edges) next.get(a)?.add(b);
    return next;
  };

  it.each([
    [
      'a chain',
      [
        ['a', 'b'],
        ['b', 'c'],
      ] as [string, string][],
      ['a', 'c'],
      [true, false],
    ],
    [
      'through a step outside the members',
      [
        ['a', 'x'],
        ['x', 'c'],
      ] as [string, string][],
      ['a', 'c'],
      [true, false],
    ],
    ['unrelated steps', [] as [string, string][], ['a', 'c'], [false, false]],
    [
      'a cycle (walked)',
      [
        ['a', 'c'],
        ['c', 'a'],
      ] as [string, string][],
      ['a', 'c'],
      [true, true],
    ],
  ])('%s', (_name, edges, [from, to], [forward, backward]) => {
    const reach = stepReach(graph(edges, ['a', 'b', 'c', 'x']), [from ?? '', to ?? '']);
    expect([reach.reaches(from ?? '', to ?? ''), reach.reaches(to ?? '', from ?? '')]).toEqual([forward, backward]);
  });

  it('sees an added edge from every member that reaches its start', () => {
    const next = graph([['a', 'b']], ['a', 'b', 'c', 'd']);
    const reach = stepReach(next, ['a', 'b', 'c', 'd']);
    expect(reach.reaches('a', 'd')).toBe(false);
    next.get('c')?.add('d');
    reach.addEdge('c', 'd');
    next.get('b')?.add('c');
    reach.addEdge('b', 'c');
    expect([reach.reaches('a', 'd'), reach.reaches('b', 'd'), reach.reaches('d', 'a')]).toEqual([true, true, false]);
  });
});
