/**
 * Flag-version ordering decides from what each step recorded when it was built (its target's
 * project + environment and the flag versions its request sends), and a re-read rewrites the typed
 * request: exact steps in → exact `after`, re-reads and rewritten requests out.
 */
import { describe, expect, it } from 'vitest';

import { StepFactory, type DraftStep, type StepInit } from '../../src/plan/draft.js';
import { flagVersionOrder, orderFlagVersions } from '../../src/plan/flag-versions.js';
import type { FlagInputBody } from '../../src/plan/instructions.js';
import { resourceRef } from '../../src/types.js';

const V3: FlagInputBody = { ruleId: 'fallthrough', flagConfigVersion: 3 };
const NO_VERSION: FlagInputBody = { ruleId: 'fallthrough' };

const target = (key: string, environment = 'production') =>
  resourceRef('experiment', { project: 'web', environment }, key);

/** A patch that sends flag `f` at version 3 (an edit of the draft's flags). */
const sendsF = (key: string, environment?: string): Omit<StepInit, 'dependsOn'> => ({
  target: target(key, environment),
  request: {
    kind: 'patchExperiment',
    instructions: [{ kind: 'updateExperimentFields', value: { flags: { operation: 'update', value: { f: V3 } } } }],
  },
  impact: 'draft-edit',
  reason: 'edits',
  touches: [target(key, environment)],
});

/** A start of a draft that saved flag `f` at version 3: it relies on that version and moves it. */
const startsF = (key: string, environment?: string): Omit<StepInit, 'dependsOn'> => ({
  target: target(key, environment),
  request: { kind: 'patchExperiment', instructions: [{ kind: 'startIteration' }] },
  impact: 'start',
  reason: 'starts',
  touches: [target(key, environment)],
  movesFlagVersions: ['f'],
  startFlags: { f: V3 },
});

/** Steps `#1…` in order; `dependsOn` by position. */
function stepsOf(...inits: [Omit<StepInit, 'dependsOn'>, number[]?][]): DraftStep[] {
  const factory = new StepFactory();
  return inits.map(([init, deps = []]) => factory.make({ ...init, dependsOn: deps.map((d) => `#${String(d)}`) }));
}

describe('flag-version ordering from recorded versions', () => {
  it.each<[string, DraftStep[], Record<string, string[]>, Record<string, string[]>]>([
    ['a sender runs before a mover of the same flag', stepsOf([sendsF('a')], [startsF('b')]), { '#2': ['#1'] }, {}],
    [
      'the same flag in another environment is another version: no order',
      stepsOf([sendsF('a', 'staging')], [startsF('b')]),
      {},
      {},
    ],
    [
      'a sender already after the mover reads the version again',
      stepsOf([startsF('b')], [sendsF('a'), [1]]),
      {},
      { '#2': ['f'] },
    ],
    [
      'two starts on one flag: the second reads again',
      stepsOf([startsF('a')], [startsF('b'), [1]]),
      {},
      { '#2': ['f'] },
    ],
  ])('%s', (_, steps, after, rereads) => {
    const order = flagVersionOrder(steps);
    expect(Object.fromEntries(order.after)).toEqual(after);
    expect(Object.fromEntries([...order.rereads].map(([k, v]) => [k, [...v].sort()]))).toEqual(rereads);
  });

  it('a re-read drops the recorded version from the request and binds a GET of the flag at its pointer', () => {
    const [, rereading] = orderFlagVersions(stepsOf([startsF('b')], [sendsF('a'), [1]]));
    expect(rereading?.request).toEqual({
      kind: 'patchExperiment',
      instructions: [
        { kind: 'updateExperimentFields', value: { flags: { operation: 'update', value: { f: NO_VERSION } } } },
      ],
    });
    expect(rereading?.flagVersions).toEqual([]);
    expect(rereading?.bindings).toEqual([
      {
        bodyPointer: '/instructions/0/value/flags/value/f/flagConfigVersion',
        fromGet: '/api/v2/flags/web/f?env=production',
        responsePointer: '/environments/production/version',
      },
    ]);
    expect(rereading?.body).toEqual({
      comment: `ldexp: ${rereading?.reason ?? ''}`,
      instructions: rereading?.request.kind === 'patchExperiment' ? rereading.request.instructions : [],
    });
  });

  it("a start that sends no version first refreshes the draft's flags, then reads the version again", () => {
    const [, rereading] = orderFlagVersions(stepsOf([startsF('a')], [startsF('b'), [1]]));
    expect(rereading?.request).toEqual({
      kind: 'patchExperiment',
      instructions: [
        { kind: 'updateExperimentFields', value: { flags: { operation: 'update', value: { f: NO_VERSION } } } },
        { kind: 'startIteration' },
      ],
    });
    expect(rereading?.instructions).toEqual(['updateExperimentFields', 'startIteration']);
    expect(rereading?.bindings.map((b) => b.bodyPointer)).toEqual([
      '/instructions/0/value/flags/value/f/flagConfigVersion',
    ]);
    expect(rereading?.reason).toBe(
      'starts; first it refreshes the draft\'s flags, with the version of flag "f" read again right before sending, because an earlier step of this apply changes it',
    );
  });
});
