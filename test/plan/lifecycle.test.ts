import { describe, expect, it } from 'vitest';

import type { LdExperiment } from '../../src/live/ld-types.js';
import type { LiveState } from '../../src/live/types.js';
import type { ExperimentManifest } from '../../src/manifest/types.js';
import { buildPlan } from '../../src/pipeline.js';
import type { PlanStep } from '../../src/plan/types.js';
import {
  defaultFlags,
  experiment,
  flag,
  liveFromDesired,
  liveProject,
  liveState,
  manifestSet,
  positionOf,
  variation,
  type ExperimentOverrides,
} from '../helpers/builders.js';
import { errorsOf, instructionsOf, planOf, shape } from './helpers.js';

const EXPERIMENTS = '/api/v2/projects/web/environments/production/experiments';
const ONE = `${EXPERIMENTS}/checkout-button`;
const ITERATIONS = `${ONE}/iterations`;
const STOP = { winner: 'Above the fold', reason: 'Clear lift after two weeks' };

/** Live state as LaunchDarkly holds it once the default experiment reached `state`. */
function liveIn(state: 'draft' | 'running' | 'stopped' | 'archived', overrides: ExperimentOverrides = {}): LiveState {
  return liveFromDesired(manifestSet([experiment({ state, stop: STOP, ...overrides })]));
}

/** An archived experiment whose iteration never started. */
function liveArchivedDraft(): LiveState {
  const live = liveIn('draft');
  const e = live.environments[0]!.experiments[0]!;
  live.environments[0]!.experiments[0] = { ...e, archivedDate: 1_700_000_300_000 };
  return live;
}

const step = (
  id: string,
  kind: PlanStep['kind'],
  method: PlanStep['method'],
  path: string,
  instructions: string[],
  dependsOn: string[],
  impact: PlanStep['impact'],
) => ({ id, kind, method, path, instructions, dependsOn, impact });

interface Cell {
  cell: string;
  live: () => LiveState;
  desired: ExperimentManifest;
  steps: ReturnType<typeof step>[];
}

const renamed = { name: 'Checkout button, moved' };

const cells: Cell[] = [
  {
    cell: 'absent → draft: create',
    live: () => liveState(),
    desired: experiment({ state: 'draft' }),
    steps: [step('s1', 'createExperiment', 'POST', EXPERIMENTS, [], [], 'create')],
  },
  {
    cell: 'absent → running: create, then startIteration',
    live: () => liveState(),
    desired: experiment({ state: 'running' }),
    steps: [
      step('s1', 'createExperiment', 'POST', EXPERIMENTS, [], [], 'create'),
      step('s2', 'patchExperiment', 'PATCH', ONE, ['startIteration'], ['s1'], 'start'),
    ],
  },
  {
    cell: 'absent → archived: nothing',
    live: () => liveState(),
    desired: experiment({ state: 'archived', stop: STOP }),
    steps: [],
  },
  {
    cell: 'draft → draft: updateExperimentFields',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'draft', ...renamed, iteration: { hypothesis: 'Changed' } }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], [], 'draft-edit')],
  },
  {
    cell: 'draft → draft, metadata only: impact metadata',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'draft', ...renamed }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], [], 'metadata')],
  },
  {
    cell: 'draft → draft, converged: nothing',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'draft' }),
    steps: [],
  },
  {
    cell: 'draft → running: edits and startIteration in one patch',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'running', iteration: { hypothesis: 'Changed' } }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields', 'startIteration'], [], 'start')],
  },
  {
    cell: 'draft → running without edits: startIteration only',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'running' }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['startIteration'], [], 'start')],
  },
  {
    cell: 'draft → archived: archiveExperiment',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'archived', stop: STOP }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['archiveExperiment'], [], 'archive')],
  },
  {
    cell: 'running → running, metadata: updateExperimentFields',
    live: () => liveIn('running'),
    desired: experiment({ state: 'running', ...renamed, tags: ['checkout'] }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], [], 'metadata')],
  },
  {
    cell: 'running → running, added metric: updateExperimentFields add',
    live: () => liveIn('running'),
    desired: experiment({
      state: 'running',
      iteration: { metrics: ['checkout-conversion', 'page-load-ms', 'signups'] },
    }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], [], 'metadata')],
  },
  {
    cell: 'running → running, design: saveAndStartNewIteration',
    live: () => liveIn('running'),
    desired: experiment({
      state: 'running',
      iteration: {
        changeJustification: 'Give the new placement more traffic',
        replacesIteration: 1,
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 30, variations: { 'checkout-button': 'control' } },
          { name: 'Above the fold', baseline: false, allocationPercent: 70, variations: { 'checkout-button': 'top' } },
        ],
      },
    }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['saveAndStartNewIteration'], [], 'new-iteration')],
  },
  {
    cell: 'running → running, metadata and design: both in one patch',
    live: () => liveIn('running'),
    desired: experiment({
      state: 'running',
      ...renamed,
      iteration: { hypothesis: 'New', changeJustification: 'Why', replacesIteration: 1 },
    }),
    steps: [
      step(
        's1',
        'patchExperiment',
        'PATCH',
        ONE,
        ['updateExperimentFields', 'saveAndStartNewIteration'],
        [],
        'new-iteration',
      ),
    ],
  },
  {
    cell: 'running → stopped: stopIteration',
    live: () => liveIn('running'),
    desired: experiment({ state: 'stopped', stop: STOP }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['stopIteration'], [], 'stop')],
  },
  {
    cell: 'running → archived: stopIteration + archiveExperiment',
    live: () => liveIn('running'),
    desired: experiment({ state: 'archived', stop: STOP }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['stopIteration', 'archiveExperiment'], [], 'archive')],
  },
  {
    cell: 'stopped → draft: new draft iteration',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'draft' }),
    steps: [step('s1', 'createIteration', 'POST', ITERATIONS, [], [], 'draft-edit')],
  },
  {
    cell: 'stopped → draft with a new name: iteration, then experiment fields',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'draft', ...renamed }),
    steps: [
      step('s1', 'createIteration', 'POST', ITERATIONS, [], [], 'draft-edit'),
      step('s2', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], ['s1'], 'draft-edit'),
    ],
  },
  {
    cell: 'stopped → running: new iteration, startIteration',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'running' }),
    steps: [
      step('s1', 'createIteration', 'POST', ITERATIONS, [], [], 'draft-edit'),
      step('s2', 'patchExperiment', 'PATCH', ONE, ['startIteration'], ['s1'], 'start'),
    ],
  },
  {
    cell: 'stopped → stopped, metadata: updateExperimentFields',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'stopped', stop: STOP, ...renamed }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['updateExperimentFields'], [], 'metadata')],
  },
  {
    cell: 'stopped → stopped, design: nothing (warning)',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'stopped', stop: STOP, iteration: { hypothesis: 'Other' } }),
    steps: [],
  },
  {
    cell: 'stopped → archived: archiveExperiment',
    live: () => liveIn('stopped'),
    desired: experiment({ state: 'archived', stop: STOP }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['archiveExperiment'], [], 'archive')],
  },
  {
    cell: 'archived → draft: restore, new draft iteration',
    live: () => liveIn('archived'),
    desired: experiment({ state: 'draft' }),
    steps: [
      step('s1', 'patchExperiment', 'PATCH', ONE, ['restoreExperiment'], [], 'restore'),
      step('s2', 'createIteration', 'POST', ITERATIONS, [], ['s1'], 'draft-edit'),
    ],
  },
  {
    cell: 'archived → running: restore, new iteration, start',
    live: () => liveIn('archived'),
    desired: experiment({ state: 'running' }),
    steps: [
      step('s1', 'patchExperiment', 'PATCH', ONE, ['restoreExperiment'], [], 'restore'),
      step('s2', 'createIteration', 'POST', ITERATIONS, [], ['s1'], 'draft-edit'),
      step('s3', 'patchExperiment', 'PATCH', ONE, ['startIteration'], ['s2'], 'start'),
    ],
  },
  {
    cell: 'archived → stopped: restore',
    live: () => liveIn('archived'),
    desired: experiment({ state: 'stopped', stop: STOP }),
    steps: [step('s1', 'patchExperiment', 'PATCH', ONE, ['restoreExperiment'], [], 'restore')],
  },
  {
    cell: 'archived (never started) → running: restore, start the draft',
    live: liveArchivedDraft,
    desired: experiment({ state: 'running' }),
    steps: [
      step('s1', 'patchExperiment', 'PATCH', ONE, ['restoreExperiment'], [], 'restore'),
      step('s2', 'patchExperiment', 'PATCH', ONE, ['startIteration'], ['s1'], 'start'),
    ],
  },
  {
    cell: 'archived → archived: nothing',
    live: () => liveIn('archived'),
    desired: experiment({ state: 'archived', stop: STOP, ...renamed }),
    steps: [],
  },
];

describe('lifecycle table: steps per cell', () => {
  it.each(cells)('$cell', ({ live, desired, steps }) => {
    const plan = planOf(manifestSet([desired]), live());
    expect(plan.steps.map(shape)).toEqual(steps);
    expect(plan.resources[0]!.stepIds).toEqual(steps.map((s) => s.id));
  });
});

interface ErrorCell {
  cell: string;
  live: () => LiveState;
  desired: ExperimentManifest;
  code: string;
  pointer: string;
  message: string;
}

const errorCells: ErrorCell[] = [
  {
    cell: 'absent → stopped',
    live: () => liveState(),
    desired: experiment({ state: 'stopped', stop: STOP }),
    code: 'NothingToStop',
    pointer: '/spec/state',
    message: 'does not exist in LaunchDarkly',
  },
  {
    cell: 'draft → stopped',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'stopped', stop: STOP }),
    code: 'NothingToStop',
    pointer: '/spec/state',
    message: 'was never started',
  },
  {
    cell: 'running → draft',
    live: () => liveIn('running'),
    desired: experiment({ state: 'draft' }),
    code: 'CannotUnstart',
    pointer: '/spec/state',
    message: 'cannot go back to draft',
  },
  {
    cell: 'running → running, design without changeJustification',
    live: () => liveIn('running'),
    desired: experiment({ state: 'running', iteration: { hypothesis: 'New' } }),
    code: 'ChangeJustificationRequired',
    pointer: '/spec/iteration',
    message:
      'changing hypothesis ends iteration 1 of experiment "checkout-button": its results stay with iteration 1 and iteration 2 starts from zero; to allow it, write `changeJustification: <why>` and `replacesIteration: 1` in spec.iteration',
  },
  {
    cell: 'running → running, removing a metric is not growth',
    live: () => liveIn('running'),
    desired: experiment({ state: 'running', iteration: { metrics: ['checkout-conversion'] } }),
    code: 'ChangeJustificationRequired',
    pointer: '/spec/iteration',
    message: 'changing metrics',
  },
  {
    cell: 'running → stopped without stop',
    live: () => liveIn('running'),
    desired: experiment({ state: 'stopped' }),
    code: 'WinnerRequired',
    pointer: '/spec/state',
    message: 'needs `stop.winner`',
  },
  {
    cell: 'running → archived without stop',
    live: () => liveIn('running'),
    desired: experiment({ state: 'archived' }),
    code: 'WinnerRequired',
    pointer: '/spec/state',
    message: 'needs `stop.winner`',
  },
  {
    cell: 'running → stopped naming a treatment the running iteration lacks',
    live: () => liveIn('running'),
    desired: experiment({
      state: 'stopped',
      stop: { winner: 'Below' },
      iteration: {
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 50, variations: { 'checkout-button': 'control' } },
          { name: 'Below', baseline: false, allocationPercent: 50, variations: { 'checkout-button': 'bottom' } },
        ],
      },
    }),
    code: 'UnknownWinner',
    pointer: '/spec/stop/winner',
    message: 'has no treatment "Below"; it has: Control, Above the fold',
  },
  {
    cell: 'archived (never started) → stopped',
    live: liveArchivedDraft,
    desired: experiment({ state: 'stopped', stop: STOP }),
    code: 'NothingToStop',
    pointer: '/spec/state',
    message: 'was never started',
  },
  {
    cell: 'type change on an existing experiment',
    live: () => liveIn('draft'),
    desired: experiment({ state: 'draft', type: 'mab' }),
    code: 'ExperimentTypeImmutable',
    pointer: '/spec/type',
    message: 'its type cannot change',
  },
];

describe('lifecycle table: error cells', () => {
  it.each(errorCells)('$cell → $code', ({ live, desired, code, pointer, message }) => {
    const errors = errorsOf(manifestSet([desired]), live());
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]!.pointer).toBe(pointer);
    expect(errors[0]!.position).toEqual(positionOf(desired, pointer));
    expect(errors[0]!.message).toContain(message);
  });
});

describe('lifecycle bodies', () => {
  it('creates with the exact ExperimentPost', () => {
    const desired = experiment({
      state: 'draft',
      description: 'Does moving the button up lift conversion?',
      maintainerId: 'member-7',
      tags: ['checkout', 'q4', 'checkout'],
      analysis: { bayesianThreshold: 95, multipleComparisonCorrection: { method: 'bonferroni', scope: 'variations' } },
      iteration: {
        attributes: ['device', 'country'],
        primaryMetric: undefined,
        primaryFunnel: 'checkout-funnel',
        metrics: ['page-load-ms'],
        flags: { 'checkout-button': { rule: 'beta-users', notInExperiment: 'bottom' } },
      },
    });
    const plan = planOf(manifestSet([desired]), liveState());
    expect(plan.steps[0]!.body).toEqual({
      key: 'checkout-button',
      name: 'Checkout button placement',
      description: 'Does moving the button up lift conversion?',
      maintainerId: 'member-7',
      tags: ['checkout', 'q4'],
      methodology: 'bayesian',
      dataSource: 'launchdarkly',
      type: 'experiment',
      analysisConfig: {
        bayesianThreshold: '95',
        multipleComparisonCorrectionMethod: 'bonferroni',
        multipleComparisonCorrectionScope: 'variations',
      },
      iteration: {
        hypothesis: 'Moving the button above the fold lifts conversion',
        canReshuffleTraffic: true,
        metrics: [
          { key: 'checkout-funnel', isGroup: true },
          { key: 'page-load-ms', isGroup: false },
        ],
        primaryFunnelKey: 'checkout-funnel',
        treatments: [
          {
            name: 'Control',
            baseline: true,
            allocationPercent: '50',
            parameters: [{ flagKey: 'checkout-button', variationId: 'var-control' }],
          },
          {
            name: 'Above the fold',
            baseline: false,
            allocationPercent: '50',
            parameters: [{ flagKey: 'checkout-button', variationId: 'var-top' }],
          },
        ],
        flags: {
          'checkout-button': { ruleId: 'rule-1', flagConfigVersion: 7, notInExperimentVariationId: 'var-bottom' },
        },
        randomizationUnit: 'user',
        attributes: ['country', 'device'],
      },
    });
    expect(plan.steps[0]!.reason).toBe('creates experiment "Checkout button placement" with a draft iteration');
  });

  it('starts a created experiment with a bare startIteration', () => {
    const plan = planOf(manifestSet([experiment({ state: 'running' })]), liveState());
    expect(plan.steps[1]!.body).toEqual({
      comment: 'ldexp: starts iteration 1: traffic enters the experiment and results start counting',
      instructions: [{ kind: 'startIteration' }],
    });
  });

  it('edits a draft with whole-field updates in IterationInput shapes', () => {
    const desired = experiment({
      name: 'New name',
      iteration: {
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 40, variations: { 'checkout-button': 'control' } },
          { name: 'Above the fold', baseline: false, allocationPercent: 60, variations: { 'checkout-button': 'top' } },
        ],
      },
    });
    const plan = planOf(manifestSet([desired]), liveIn('draft'));
    expect(instructionsOf(plan.steps[0])).toEqual([
      {
        kind: 'updateExperimentFields',
        value: {
          name: { operation: 'update', value: 'New name' },
          treatments: {
            operation: 'update',
            value: [
              {
                name: 'Control',
                baseline: true,
                allocationPercent: '40',
                parameters: [{ flagKey: 'checkout-button', variationId: 'var-control' }],
              },
              {
                name: 'Above the fold',
                baseline: false,
                allocationPercent: '60',
                parameters: [{ flagKey: 'checkout-button', variationId: 'var-top' }],
              },
            ],
          },
        },
      },
    ]);
  });

  it('switching the primary from a metric to a funnel updates one key and removes the other', () => {
    const desired = experiment({ iteration: { primaryMetric: undefined, primaryFunnel: 'checkout-funnel' } });
    const plan = planOf(manifestSet([desired]), liveIn('draft'));
    const value = instructionsOf(plan.steps[0])[0]!['value'] as Record<string, unknown>;
    expect(value['primaryFunnelKey']).toEqual({ operation: 'update', value: 'checkout-funnel' });
    expect(value['primarySingleMetricKey']).toEqual({ operation: 'remove' });
    expect(value['metrics']).toEqual({
      operation: 'update',
      value: [
        { key: 'checkout-funnel', isGroup: true },
        { key: 'checkout-conversion', isGroup: false },
        { key: 'page-load-ms', isGroup: false },
      ],
    });
  });

  it('grows a running iteration with add operations carrying only the new members', () => {
    const desired = experiment({
      state: 'running',
      iteration: { metrics: ['checkout-conversion', 'page-load-ms', 'signups'], attributes: ['country', 'device'] },
    });
    const plan = planOf(manifestSet([desired]), liveIn('running', { iteration: { attributes: ['country'] } }));
    expect(instructionsOf(plan.steps[0])).toEqual([
      {
        kind: 'updateExperimentFields',
        value: {
          attributes: { operation: 'add', value: ['device'] },
          metrics: { operation: 'add', value: [{ key: 'signups', isGroup: false }] },
        },
      },
    ]);
  });

  it('restarts a running iteration with the justification, the design updates and the current flag versions', () => {
    const desired = experiment({
      state: 'running',
      iteration: { hypothesis: 'Bigger button', changeJustification: 'Redesign', replacesIteration: 1 },
    });
    const plan = planOf(manifestSet([desired]), liveIn('running'));
    expect(instructionsOf(plan.steps[0])).toEqual([
      {
        kind: 'saveAndStartNewIteration',
        changeJustification: 'Redesign',
        value: {
          // Always sent: a stale version makes LaunchDarkly refuse a second, concurrent restart.
          flags: {
            operation: 'update',
            value: {
              'checkout-button': {
                flagConfigVersion: 7,
                notInExperimentVariationId: 'var-control',
                ruleId: 'fallthrough',
              },
            },
          },
          hypothesis: { operation: 'update', value: 'Bigger button' },
        },
      },
    ]);
    expect(plan.steps[0]!.reason).toBe(
      'restarts iteration 1: its results stay with iteration 1 and iteration 2 starts from zero (justification: "Redesign"). Traffic may be reshuffled between treatments.',
    );
    expect(plan.resources[0]!.context).toEqual({
      iterationStartedAt: '2023-11-14T22:15:00.000Z',
      iterationNumber: 1,
      changeJustification: 'Redesign',
    });
  });

  it('stops with the live treatment ID of the winner and the reason', () => {
    const plan = planOf(manifestSet([experiment({ state: 'stopped', stop: STOP })]), liveIn('running'));
    expect(instructionsOf(plan.steps[0])).toEqual([
      { kind: 'stopIteration', winningTreatmentId: 'var-top', winningReason: 'Clear lift after two weeks' },
    ]);
    expect(plan.steps[0]!.reason).toBe('stops the experiment and declares "Above the fold" the winner');
    expect(plan.resources[0]!.context?.winner).toBe('Above the fold');
  });

  it('creates a new iteration with the full IterationInput', () => {
    const plan = planOf(manifestSet([experiment({ state: 'draft' })]), liveIn('stopped'));
    expect(plan.steps[0]!.body).toMatchObject({
      hypothesis: 'Moving the button above the fold lifts conversion',
      primarySingleMetricKey: 'checkout-conversion',
      flags: {
        'checkout-button': { ruleId: 'fallthrough', flagConfigVersion: 7, notInExperimentVariationId: 'var-control' },
      },
    });
    expect(plan.steps[0]!.reason).toBe('creates iteration 2 as a draft; the results of iteration 1 stay with it');
  });

  it('warns that a stopped experiment ignores design changes, at spec.iteration', () => {
    const desired = experiment({ state: 'stopped', stop: STOP, iteration: { hypothesis: 'Other' } });
    const { plan, problems } = buildPlan(manifestSet([desired]), liveIn('stopped'));
    expect(plan?.steps).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'StoppedDesignIgnored', pointer: '/spec/iteration' }),
    ]);
    expect(plan?.warnings.map((w) => w.code)).toEqual(['StoppedDesignIgnored']);
  });

  it('reports an archived experiment that never existed as a no-op with a warning', () => {
    const { plan, problems } = buildPlan(manifestSet([experiment({ state: 'archived', stop: STOP })]), liveState());
    expect(plan?.resources[0]).toMatchObject({ action: 'no-op', stateTo: 'archived', impact: 'none', stepIds: [] });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['NothingToArchive', 'warning']]);
  });

  it('refuses to start while a flag is off, at the flag', () => {
    const flags = defaultFlags();
    const off = flag('checkout-button', { variations: flags[0]!.variations, on: false });
    const live = liveState({ project: liveProject({ flags: [off, flags[1]!] }) });
    const desired = experiment({ state: 'running' });
    const errors = errorsOf(manifestSet([desired]), live);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([
      ['FlagOffForStart', '/spec/iteration/flags/checkout-button'],
    ]);
    expect(errors[0]!.message).toContain('is off in "production"');
  });

  it('refuses a new iteration of a running experiment on an archived flag', () => {
    const live = liveIn('running');
    live.projects
      .get('web')!
      .flags.set('checkout-button', { ...live.projects.get('web')!.flags.get('checkout-button')!, archived: true });
    const desired = experiment({
      state: 'running',
      iteration: { hypothesis: 'x', changeJustification: 'y', replacesIteration: 1 },
    });
    expect(errorsOf(manifestSet([desired]), live).map((e) => e.code)).toEqual(['FlagOffForStart']);
  });

  it('names resources, states and changes for people', () => {
    const desired = experiment({
      state: 'draft',
      iteration: {
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 30, variations: { 'checkout-button': 'control' } },
          {
            name: 'Above the fold',
            baseline: false,
            allocationPercent: 70,
            variations: { 'checkout-button': 'bottom' },
          },
        ],
      },
    });
    const plan = planOf(manifestSet([desired]), liveIn('draft'));
    expect(plan.resources[0]).toMatchObject({
      address: 'experiment/web/production/checkout-button',
      action: 'update',
      stateFrom: 'draft',
      stateTo: 'draft',
      impact: 'draft-edit',
      source: { file: 'checkout-button.yaml', line: 1, column: 1 },
    });
    expect(plan.resources[0]!.changes).toEqual([
      { field: 'iteration.treatments[Above the fold].allocationPercent', from: '50', to: '70' },
      { field: 'iteration.treatments[Above the fold].variation[checkout-button]', from: 'top', to: 'Bottom placement' },
      { field: 'iteration.treatments[Control].allocationPercent', from: '50', to: '30' },
    ]);
  });
});

describe('live experiments LaunchDarkly reports differently', () => {
  it('compares against the draft iteration when there is one', () => {
    const live = liveIn('stopped');
    const e: LdExperiment = live.environments[0]!.experiments[0]!;
    const draft = { ...e.currentIteration!, _id: 'it-2', status: 'not_started' as const, hypothesis: 'Next' };
    live.environments[0]!.experiments[0] = { ...e, draftIteration: draft };
    const plan = planOf(manifestSet([experiment({ state: 'draft', iteration: { hypothesis: 'Next' } })]), live);
    expect(plan.steps).toEqual([]);
  });

  it('treats an unnamed boolean variation by value in display', () => {
    const desired = experiment({
      iteration: {
        flags: { banner: { rule: 'fallthrough' } },
        treatments: [
          { name: 'Off', baseline: true, allocationPercent: 50, variations: { banner: false } },
          { name: 'On', baseline: false, allocationPercent: 50, variations: { banner: 'true' } },
        ],
      },
    });
    const plan = planOf(manifestSet([desired]), liveState());
    expect(plan.resources[0]!.changes).toContainEqual({
      field: 'iteration.treatments[On].variation[banner]',
      to: 'true',
    });
    expect(variation('x', 1).name).toBeUndefined();
  });
});
