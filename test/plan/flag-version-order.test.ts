import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import type { ExperimentManifest } from '../../src/manifest/types.js';
import { flagVersionsSent } from '../../src/plan/flag-versions.js';
import { buildPlan } from '../../src/plan/index.js';
import type { PlanStep } from '../../src/plan/types.js';
import { experiment, liveFromDesired, manifestSet, type ExperimentOverrides } from '../helpers/builders.js';
import { planOf } from './helpers.js';

const STOP = { winner: 'Above the fold' };
const BANNER = {
  flags: { banner: { rule: 'fallthrough' } },
  treatments: [
    { name: 'Off', baseline: true, allocationPercent: 50, variations: { banner: false } },
    { name: 'On', baseline: false, allocationPercent: 50, variations: { banner: true } },
  ],
};

const exp = (key: string, overrides: ExperimentOverrides = {}): ExperimentManifest =>
  experiment({ key, stop: STOP, ...overrides });

/** LaunchDarkly holding these experiments as their manifests describe them. */
const liveOf = (...experiments: ExperimentManifest[]): LiveState => liveFromDesired(manifestSet(experiments));

/** id, experiment key, instructions (or the kind), dependsOn and after: what ordering decides. */
function ordering(steps: readonly PlanStep[]): [string, string, string, string[], string[] | undefined][] {
  return steps.map((s) => [
    s.id,
    s.resource.split('/').at(-1) ?? '',
    s.instructions.length > 0 ? s.instructions.join('+') : s.kind,
    s.dependsOn,
    s.after,
  ]);
}

interface Case {
  name: string;
  live: () => LiveState;
  desired: ExperimentManifest[];
  steps: ReturnType<typeof ordering>;
}

const cases: Case[] = [
  {
    name: 'stop(a) and a new draft b on the same flag: create(b) first, stop(a) waits for it',
    live: () => liveOf(exp('exp-a', { state: 'running' })),
    desired: [exp('exp-a', { state: 'stopped' }), exp('exp-b')],
    steps: [
      ['s1', 'exp-b', 'createExperiment', [], undefined],
      ['s2', 'exp-a', 'stopIteration', [], ['s1']],
    ],
  },
  {
    name: 'stop(a) and a new draft b on different flags: address order, no after',
    live: () => liveOf(exp('exp-a', { state: 'running' })),
    desired: [exp('exp-a', { state: 'stopped' }), exp('exp-b', { iteration: BANNER })],
    steps: [
      ['s1', 'exp-a', 'stopIteration', [], undefined],
      ['s2', 'exp-b', 'createExperiment', [], undefined],
    ],
  },
  {
    name: 'the same flag in another environment: no after',
    live: () => liveOf(exp('exp-a', { state: 'running' })),
    desired: [exp('exp-a', { state: 'stopped' }), exp('exp-b', { environment: 'staging' })],
    steps: [
      ['s1', 'exp-a', 'stopIteration', [], undefined],
      ['s2', 'exp-b', 'createExperiment', [], undefined],
    ],
  },
  {
    name: 'create and start of one experiment: dependsOn already orders them, no after',
    live: () => liveOf(),
    desired: [exp('exp-a', { state: 'running' })],
    steps: [
      ['s1', 'exp-a', 'createExperiment', [], undefined],
      ['s2', 'exp-a', 'startIteration', ['s1'], undefined],
    ],
  },
  {
    name: 'two experiments on one flag created and started: both creates before both starts',
    live: () => liveOf(),
    desired: [exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' })],
    steps: [
      ['s1', 'exp-a', 'createExperiment', [], undefined],
      ['s2', 'exp-b', 'createExperiment', [], undefined],
      ['s3', 'exp-a', 'startIteration', ['s1'], ['s2']],
      ['s4', 'exp-b', 'startIteration', ['s2'], ['s1']],
    ],
  },
  {
    name: 'stop(a), then a new draft iteration of b on the same flag: createIteration(b) first',
    live: () => liveOf(exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'stopped' })),
    desired: [exp('exp-a', { state: 'stopped' }), exp('exp-b', { state: 'draft' })],
    steps: [
      ['s1', 'exp-b', 'createIteration', [], undefined],
      ['s2', 'exp-a', 'stopIteration', [], ['s1']],
    ],
  },
  {
    name: 'a draft edit that sends flags (b) goes before the start of a (same flag)',
    live: () => liveOf(exp('exp-a'), exp('exp-b')),
    desired: [
      exp('exp-a', { state: 'running' }),
      exp('exp-b', { iteration: { flags: { 'checkout-button': { rule: 'beta-users' } } } }),
    ],
    steps: [
      ['s1', 'exp-b', 'updateExperimentFields', [], undefined],
      ['s2', 'exp-a', 'startIteration', [], ['s1']],
    ],
  },
  {
    name: 'a stop moves the flags of the live iteration, not of the manifest (design changes of a stop are ignored)',
    live: () => liveOf(exp('exp-a', { state: 'running', iteration: BANNER, stop: { winner: 'On' } })),
    desired: [exp('exp-a', { state: 'stopped', stop: { winner: 'On' } }), exp('exp-b', { iteration: BANNER })],
    steps: [
      ['s1', 'exp-b', 'createExperiment', [], undefined],
      ['s2', 'exp-a', 'stopIteration', [], ['s1']],
    ],
  },
  {
    name: 'a restart moves the flags of the iteration it ends as well as of the one it starts',
    live: () => liveOf(exp('exp-a', { state: 'running', iteration: BANNER })),
    desired: [
      exp('exp-a', { state: 'running', iteration: { changeJustification: 'Button now', replacesIteration: 1 } }),
      exp('exp-b', { iteration: BANNER }),
    ],
    steps: [
      ['s1', 'exp-b', 'createExperiment', [], undefined],
      ['s2', 'exp-a', 'saveAndStartNewIteration', [], ['s1']],
    ],
  },
  {
    name: 'two restarts that both send and move one flag: one after edge, the other would close a cycle',
    live: () => liveOf(exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' })),
    desired: [
      exp('exp-a', {
        state: 'running',
        iteration: {
          flags: { 'checkout-button': { rule: 'beta-users' } },
          changeJustification: 'Beta only',
          replacesIteration: 1,
        },
      }),
      exp('exp-b', {
        state: 'running',
        iteration: {
          flags: { 'checkout-button': { rule: 'beta-users' } },
          changeJustification: 'Beta only',
          replacesIteration: 1,
        },
      }),
    ],
    steps: [
      // exp-a, created first, waits for exp-b; exp-b waiting for exp-a too would be a cycle.
      ['s1', 'exp-b', 'saveAndStartNewIteration', [], undefined],
      ['s2', 'exp-a', 'saveAndStartNewIteration', [], ['s1']],
    ],
  },
];

describe('flag version ordering', () => {
  it.each(cases)('$name', ({ live, desired, steps }) => {
    const plan = planOf(manifestSet(desired), live());
    expect(ordering(plan.steps)).toEqual(steps);
  });

  it('warns when two restarts configure one flag, since no order can satisfy both', () => {
    const restartOnBeta = (key: string): ExperimentManifest =>
      exp(key, {
        state: 'running',
        iteration: {
          flags: { 'checkout-button': { rule: 'beta-users' } },
          changeJustification: 'Beta only',
          replacesIteration: 1,
        },
      });
    const live = liveOf(exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' }));
    const { problems } = buildPlan(manifestSet([restartOnBeta('exp-a'), restartOnBeta('exp-b')]), live);
    expect(problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'FlagVersionConflict']]);
    expect(problems[0]!.message).toContain(
      'experiment/web/production/exp-b and experiment/web/production/exp-a both configure and restart flag "checkout-button"',
    );
  });

  it('does not warn about a stop and a create on one flag: ordering reconciles them', () => {
    const live = liveOf(exp('exp-a', { state: 'running' }));
    const { problems } = buildPlan(manifestSet([exp('exp-a', { state: 'stopped', stop: STOP }), exp('exp-b')]), live);
    expect(problems).toEqual([]);
  });

  it('leaves `after` out of steps that need none, so their plans and hashes keep their shape', () => {
    const plan = planOf(manifestSet([exp('exp-a', { state: 'running' })]), liveOf());
    expect(plan.steps.map((s) => Object.keys(s).includes('after'))).toEqual([false, false]);
  });
});

describe('flagVersionsSent', () => {
  const version = { ruleId: 'r', flagConfigVersion: 7 };
  it.each([
    ['ExperimentPost', { key: 'x', iteration: { flags: { b: version, a: version } } }, ['a', 'b']],
    ['IterationInput', { hypothesis: 'h', flags: { a: version } }, ['a']],
    [
      'semantic patch',
      {
        instructions: [
          { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'n' } } },
          { kind: 'saveAndStartNewIteration', value: { flags: { operation: 'update', value: { c: version } } } },
        ],
      },
      ['c'],
    ],
    ['no flags', { instructions: [{ kind: 'stopIteration', winningTreatmentId: 'v' }] }, []],
    ['not an object', null, []],
  ])('%s', (_, body, flags) => {
    expect(flagVersionsSent(body)).toEqual(flags);
  });
});
