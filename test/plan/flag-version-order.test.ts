import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import type { ExperimentManifest } from '../../src/manifest/types.js';
import { buildPlan } from '../../src/pipeline.js';
import type { ExperimentPost, IterationInput } from '../../src/plan/bodies.js';
import { flagVersionsOf, requestBody, type StepRequest } from '../../src/plan/draft.js';
import type { FlagInputBody } from '../../src/plan/instructions.js';
import { getAt } from '../../src/util/json-pointer.js';
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
    name: 'two experiments on one flag created and started: both creates, then one start, then the other',
    live: () => liveOf(),
    desired: [exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' })],
    steps: [
      ['s1', 'exp-a', 'createExperiment', [], undefined],
      ['s2', 'exp-b', 'createExperiment', [], undefined],
      ['s3', 'exp-b', 'startIteration', ['s2'], ['s1']],
      // exp-a's draft was saved before s3 moved the flag: it is refreshed with the version read again.
      ['s4', 'exp-a', 'updateExperimentFields+startIteration', ['s1'], ['s2', 's3']],
    ],
  },
  {
    name: 'two live drafts on one flag started: the second refreshes its draft after the first',
    live: () => liveOf(exp('exp-a'), exp('exp-b')),
    desired: [exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' })],
    steps: [
      ['s1', 'exp-b', 'startIteration', [], undefined],
      ['s2', 'exp-a', 'updateExperimentFields+startIteration', [], ['s1']],
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
      // exp-a, created first, waits for exp-b, and reads the flag's version again after it.
      ['s1', 'exp-b', 'saveAndStartNewIteration', [], undefined],
      ['s2', 'exp-a', 'saveAndStartNewIteration', [], ['s1']],
    ],
  },
];

const VERSION_READ = {
  fromGet: '/api/v2/flags/web/checkout-button?env=production',
  responsePointer: '/environments/production/version',
};

/** The flag version a body sends for checkout-button in an `updateExperimentFields` / restart value. */
const sentFlags = (step: PlanStep): unknown => {
  const body = step.body as { instructions: { value?: { flags?: { value?: unknown } } }[] };
  return body.instructions[0]?.value?.flags?.value;
};

describe('flag version ordering', () => {
  it.each(cases)('$name', ({ live, desired, steps }) => {
    const plan = planOf(manifestSet(desired), live());
    expect(ordering(plan.steps)).toEqual(steps);
  });

  it('a second restart configuring one flag reads its version again instead of sending a stale one', () => {
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
    const { plan, problems } = buildPlan(manifestSet([restartOnBeta('exp-a'), restartOnBeta('exp-b')]), live);
    expect(problems).toEqual([]);
    const [first, second] = plan!.steps;
    expect(first!.bindings).toEqual([]);
    expect(sentFlags(first!)).toEqual({
      'checkout-button': { ruleId: 'rule-1', flagConfigVersion: 7, notInExperimentVariationId: 'var-control' },
    });
    expect(second!.bindings).toEqual([
      { bodyPointer: '/instructions/0/value/flags/value/checkout-button/flagConfigVersion', ...VERSION_READ },
    ]);
    expect(sentFlags(second!)).toEqual({
      'checkout-button': { ruleId: 'rule-1', notInExperimentVariationId: 'var-control' },
    });
    expect(second!.reason).toContain(
      'with the version of flag "checkout-button" read again right before sending, because an earlier step of this apply changes it',
    );
  });

  it('a started draft that an earlier start of the apply makes stale gets its flags refreshed from a read', () => {
    const plan = planOf(
      manifestSet([exp('exp-a', { state: 'running' }), exp('exp-b', { state: 'running' })]),
      liveOf(exp('exp-a'), exp('exp-b')),
    );
    const second = plan.steps[1]!;
    expect(second.body).toEqual({
      comment: `ldexp: ${second.reason}`,
      instructions: [
        {
          kind: 'updateExperimentFields',
          value: {
            flags: {
              operation: 'update',
              value: { 'checkout-button': { ruleId: 'fallthrough', notInExperimentVariationId: 'var-control' } },
            },
          },
        },
        { kind: 'startIteration' },
      ],
    });
    expect(second.bindings).toEqual([
      { bodyPointer: '/instructions/0/value/flags/value/checkout-button/flagConfigVersion', ...VERSION_READ },
    ]);
    expect(second.reason).toBe(
      'starts iteration 1: traffic enters the experiment and results start counting; first it refreshes the draft\'s flags, with the version of flag "checkout-button" read again right before sending, because an earlier step of this apply changes it',
    );
  });

  it('a live draft saved before its flag moved is refreshed with the current version in the start patch', () => {
    const live = liveOf(exp('exp-a'));
    live.projects.get('web')!.flags.get('checkout-button')!.environments['production']!.version = 9;
    const plan = planOf(manifestSet([exp('exp-a', { state: 'running' })]), live);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.bindings).toEqual([]);
    expect(plan.steps[0]!.reason).toBe(
      'refreshes the draft\'s flags (flag "checkout-button" changed since the draft was saved) and starts iteration 1: traffic enters the experiment and results start counting',
    );
    expect((plan.steps[0]!.body as { instructions: unknown[] }).instructions).toEqual([
      {
        kind: 'updateExperimentFields',
        value: {
          flags: {
            operation: 'update',
            value: {
              'checkout-button': {
                ruleId: 'fallthrough',
                flagConfigVersion: 9,
                notInExperimentVariationId: 'var-control',
              },
            },
          },
        },
      },
      { kind: 'startIteration' },
    ]);
  });

  it('a live draft with current versions starts without a refresh', () => {
    const plan = planOf(manifestSet([exp('exp-a', { state: 'running' })]), liveOf(exp('exp-a')));
    expect(plan.steps.map((s) => s.instructions)).toEqual([['startIteration']]);
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

describe('flagVersionsOf', () => {
  const version = { ruleId: 'r', flagConfigVersion: 7 };
  const iteration = (flags: Record<string, FlagInputBody>): IterationInput => ({
    hypothesis: 'h',
    canReshuffleTraffic: true,
    metrics: [],
    treatments: [],
    flags,
    randomizationUnit: 'user',
  });
  const post: ExperimentPost = {
    key: 'x',
    name: 'x',
    methodology: 'bayesian',
    dataSource: 'launchdarkly',
    type: 'experiment',
    iteration: iteration({ b: version, a: version }),
  };
  it.each<[string, StepRequest, [string, number, string][]]>([
    [
      'ExperimentPost',
      { kind: 'createExperiment', body: post },
      [
        ['b', 7, '/iteration/flags/b/flagConfigVersion'],
        ['a', 7, '/iteration/flags/a/flagConfigVersion'],
      ],
    ],
    [
      'IterationInput',
      { kind: 'createIteration', body: iteration({ a: version, c: { ruleId: 'r' } }) },
      [['a', 7, '/flags/a/flagConfigVersion']],
    ],
    [
      'semantic patch',
      {
        kind: 'patchExperiment',
        instructions: [
          { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'n' } } },
          { kind: 'saveAndStartNewIteration', value: { flags: { operation: 'update', value: { c: version } } } },
        ],
      },
      [['c', 7, '/instructions/1/value/flags/value/c/flagConfigVersion']],
    ],
    ['no flags', { kind: 'patchExperiment', instructions: [{ kind: 'stopIteration', winningTreatmentId: 'v' }] }, []],
    ['a holdout', { kind: 'patchHoldout', instructions: [{ kind: 'endHoldout' }] }, []],
  ])('%s', (_, request, sent) => {
    const found = flagVersionsOf(request);
    expect(found.map((v) => [v.flag, v.version, v.pointer])).toEqual(sent);
    // Each recorded pointer names the version the body sends.
    const body = requestBody(request, 'test');
    for (const v of found) expect(getAt(body, v.pointer)).toEqual({ found: true, value: v.version });
  });
});
