/**
 * Each lifecycle cell called directly with its row: exact input (manifest + LaunchDarkly) → exact
 * value (steps as specs, problems, what is shown, context, whether a restart was acknowledged).
 */
import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import { experimentPost, iterationInput } from '../../src/plan/bodies.js';
import type { StepSpec } from '../../src/plan/draft.js';
import type { CellValue, ExperimentRow } from '../../src/plan/experiment.js';
import { LIFECYCLE, planLifecycle, type CellKey } from '../../src/plan/lifecycle.js';
import type { Problem } from '../../src/types.js';
import { experiment, liveFromDesired, liveState, manifestSet, type ExperimentOverrides } from '../helpers/builders.js';
import { rowFor } from './rows.js';

const STOP = { winner: 'Above the fold', reason: 'Clear lift' };
const FLAGS = {
  'checkout-button': { ruleId: 'fallthrough', flagConfigVersion: 7, notInExperimentVariationId: 'var-control' },
};
const STARTED = '2023-11-14T22:15:00.000Z';
const ACK = { changeJustification: 'Design was wrong', replacesIteration: 1 };

/** LaunchDarkly holding the default experiment in `state`. */
const liveIn =
  (state: 'draft' | 'running' | 'stopped' | 'archived', overrides: ExperimentOverrides = {}) =>
  (): LiveState =>
    liveFromDesired(manifestSet([experiment({ state, stop: STOP, ...overrides })]));
const nothingLive = (): LiveState => liveState();

/** A problem as [severity, code, pointer]: what the table promises; messages are covered by the plan tests. */
type ProblemShape = [Problem['severity'], string, string | undefined];

interface Case {
  name: string;
  cell: CellKey;
  manifest: ExperimentOverrides;
  live: () => LiveState;
  steps: (row: ExperimentRow) => StepSpec[];
  problems?: ProblemShape[];
  shown: CellValue['shown'];
  context?: CellValue['context'];
  acknowledged?: boolean;
}

const start = (reason: string, moves = ['checkout-button']): StepSpec => ({
  request: { kind: 'patchExperiment', instructions: [{ kind: 'startIteration' }] },
  impact: 'start',
  reason,
  movesFlagVersions: moves,
  startFlags: FLAGS,
});

const create = (row: ExperimentRow): StepSpec => ({
  request: { kind: 'createExperiment', body: experimentPost(row.resolved, row.desired) },
  dependsOn: [],
  bindings: [],
  impact: 'create',
  reason: 'creates experiment "Checkout button placement" with a draft iteration',
});

const createIteration = (row: ExperimentRow): StepSpec => ({
  request: { kind: 'createIteration', body: iterationInput(row.resolved) },
  impact: 'draft-edit',
  reason: 'creates iteration 2 as a draft; the results of iteration 1 stay with it',
});

const archive: StepSpec = {
  request: { kind: 'patchExperiment', instructions: [{ kind: 'archiveExperiment' }] },
  impact: 'archive',
  reason: 'archives the experiment (its results are kept; it can be restored)',
};

const stopIteration = { kind: 'stopIteration', winningTreatmentId: 'var-top', winningReason: 'Clear lift' } as const;

const cases: Case[] = [
  {
    name: 'creates a draft',
    cell: 'absent->draft',
    manifest: { state: 'draft' },
    live: nothingLive,
    steps: (row) => [create(row)],
    shown: 'all',
  },
  {
    name: 'creates and starts',
    cell: 'absent->running',
    manifest: { state: 'running' },
    live: nothingLive,
    steps: (row) => [
      create(row),
      start('starts iteration 1: traffic enters the experiment and results start counting'),
    ],
    shown: 'all',
  },
  {
    name: 'cannot stop what does not exist',
    cell: 'absent->stopped',
    manifest: { state: 'stopped', stop: STOP },
    live: nothingLive,
    steps: () => [],
    problems: [['error', 'NothingToStop', '/spec/state']],
    shown: 'all',
  },
  {
    name: 'does not create an archived experiment',
    cell: 'absent->archived',
    manifest: { state: 'archived' },
    live: nothingLive,
    steps: () => [],
    problems: [['warning', 'NothingToArchive', '/spec/state']],
    shown: 'none',
  },
  {
    name: 'edits a draft (metadata only)',
    cell: 'draft->draft',
    manifest: { state: 'draft', name: 'Renamed' },
    live: liveIn('draft'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'Renamed' } } },
          ],
        },
        impact: 'metadata',
        reason: 'edits the draft: name',
      },
    ],
    shown: 'all',
  },
  {
    name: 'leaves an unchanged draft alone',
    cell: 'draft->draft',
    manifest: { state: 'draft' },
    live: liveIn('draft'),
    steps: () => [],
    shown: 'all',
  },
  {
    name: 'edits the draft and starts it in one patch',
    cell: 'draft->running',
    manifest: { state: 'running', iteration: { hypothesis: 'New' } },
    live: liveIn('draft'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            { kind: 'updateExperimentFields', value: { hypothesis: { operation: 'update', value: 'New' } } },
            { kind: 'startIteration' },
          ],
        },
        impact: 'start',
        reason:
          'applies the draft edits and starts iteration 1: traffic enters the experiment and results start counting',
        movesFlagVersions: ['checkout-button'],
        startFlags: FLAGS,
      },
    ],
    shown: 'all',
  },
  {
    name: 'cannot stop a draft',
    cell: 'draft->stopped',
    manifest: { state: 'stopped', stop: STOP },
    live: liveIn('draft'),
    steps: () => [],
    problems: [['error', 'NothingToStop', '/spec/state']],
    shown: 'all',
  },
  {
    name: 'archives a draft',
    cell: 'draft->archived',
    manifest: { state: 'archived' },
    live: liveIn('draft'),
    steps: () => [archive],
    shown: 'none',
  },
  {
    name: 'cannot take a running experiment back to draft',
    cell: 'running->draft',
    manifest: { state: 'draft' },
    live: liveIn('running'),
    steps: () => [],
    problems: [['error', 'CannotUnstart', '/spec/state']],
    shown: 'all',
  },
  {
    name: 'adds a metric to a running iteration in place',
    cell: 'running->running',
    manifest: { state: 'running', iteration: { metrics: ['checkout-conversion', 'page-load-ms', 'signups'] } },
    live: liveIn('running'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            {
              kind: 'updateExperimentFields',
              value: { metrics: { operation: 'add', value: [{ key: 'signups', isGroup: false }] } },
            },
          ],
        },
        impact: 'metadata',
        reason: 'updates the running experiment in place: metrics',
      },
    ],
    shown: 'all',
  },
  {
    name: 'refuses an unacknowledged restart',
    cell: 'running->running',
    manifest: { state: 'running', iteration: { hypothesis: 'New' } },
    live: liveIn('running'),
    steps: () => [],
    problems: [['error', 'ChangeJustificationRequired', '/spec/iteration']],
    shown: 'all',
    acknowledged: true,
  },
  {
    name: 'restarts when the manifest acknowledges the running iteration',
    cell: 'running->running',
    manifest: { state: 'running', iteration: { hypothesis: 'New', ...ACK } },
    live: liveIn('running'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            {
              kind: 'saveAndStartNewIteration',
              changeJustification: 'Design was wrong',
              value: {
                flags: { operation: 'update', value: FLAGS },
                hypothesis: { operation: 'update', value: 'New' },
              },
            },
          ],
        },
        impact: 'new-iteration',
        reason:
          'restarts iteration 1: its results stay with iteration 1 and iteration 2 starts from zero (justification: "Design was wrong"). Traffic may be reshuffled between treatments.',
        movesFlagVersions: ['checkout-button'],
      },
    ],
    shown: 'all',
    context: { iterationStartedAt: STARTED, iterationNumber: 1, changeJustification: 'Design was wrong' },
    acknowledged: true,
  },
  {
    name: 'stops with the declared winner',
    cell: 'running->stopped',
    manifest: { state: 'stopped', stop: STOP, name: 'Renamed' },
    live: liveIn('running'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'Renamed' } } },
            stopIteration,
          ],
        },
        impact: 'stop',
        reason: 'stops the experiment and declares "Above the fold" the winner',
        movesFlagVersions: ['checkout-button'],
      },
    ],
    shown: 'metadata',
    context: { iterationStartedAt: STARTED, iterationNumber: 1, winner: 'Above the fold' },
  },
  {
    name: 'cannot stop without a winner',
    cell: 'running->stopped',
    manifest: { state: 'stopped' },
    live: liveIn('running'),
    steps: () => [],
    problems: [['error', 'WinnerRequired', '/spec/state']],
    shown: 'metadata',
    context: { iterationStartedAt: STARTED, iterationNumber: 1 },
  },
  {
    name: 'cannot stop with a winner the iteration does not have',
    cell: 'running->stopped',
    manifest: { state: 'stopped', stop: { winner: 'Nope' } },
    live: liveIn('running'),
    steps: () => [],
    problems: [['error', 'UnknownWinner', '/spec/stop/winner']],
    shown: 'metadata',
    context: { iterationStartedAt: STARTED, iterationNumber: 1, winner: 'Nope' },
  },
  {
    name: 'stops and archives in one patch',
    cell: 'running->archived',
    manifest: { state: 'archived', stop: STOP },
    live: liveIn('running'),
    steps: () => [
      {
        request: { kind: 'patchExperiment', instructions: [stopIteration, { kind: 'archiveExperiment' }] },
        impact: 'archive',
        reason: 'stops the experiment, declares "Above the fold" the winner and archives it',
        movesFlagVersions: ['checkout-button'],
      },
    ],
    shown: 'none',
    context: { iterationStartedAt: STARTED, iterationNumber: 1, winner: 'Above the fold' },
  },
  {
    name: 'a new draft iteration, then the experiment-level edits',
    cell: 'stopped->draft',
    manifest: { state: 'draft', name: 'Renamed' },
    live: liveIn('stopped'),
    steps: (row) => [
      createIteration(row),
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'Renamed' } } },
          ],
        },
        impact: 'draft-edit',
        reason: 'updates the experiment: name',
      },
    ],
    shown: 'all',
  },
  {
    name: 'a new iteration, started',
    cell: 'stopped->running',
    manifest: { state: 'running' },
    live: liveIn('stopped'),
    steps: (row) => [
      createIteration(row),
      start('starts iteration 2: traffic enters the experiment and results start counting'),
    ],
    shown: 'all',
  },
  {
    name: 'a stopped design change is not applied, metadata is',
    cell: 'stopped->stopped',
    manifest: { state: 'stopped', stop: STOP, name: 'Renamed', iteration: { hypothesis: 'New' } },
    live: liveIn('stopped'),
    steps: () => [
      {
        request: {
          kind: 'patchExperiment',
          instructions: [
            { kind: 'updateExperimentFields', value: { name: { operation: 'update', value: 'Renamed' } } },
          ],
        },
        impact: 'metadata',
        reason: 'updates the stopped experiment: name',
      },
    ],
    problems: [['warning', 'StoppedDesignIgnored', '/spec/iteration']],
    shown: 'metadata',
  },
  {
    name: 'archives a stopped experiment',
    cell: 'stopped->archived',
    manifest: { state: 'archived', stop: STOP },
    live: liveIn('stopped'),
    steps: () => [archive],
    shown: 'none',
  },
  {
    name: 'leaves an archived experiment as it is',
    cell: 'archived->archived',
    manifest: { state: 'archived', stop: STOP, name: 'Renamed' },
    live: liveIn('archived'),
    steps: () => [],
    shown: 'none',
  },
];

const shapeOf = (problems: readonly Problem[]): ProblemShape[] => problems.map((p) => [p.severity, p.code, p.pointer]);

describe('lifecycle cells', () => {
  it('the table has a case for every cell', () => {
    expect(new Set(cases.map((c) => c.cell))).toEqual(new Set(Object.keys(LIFECYCLE)));
  });

  it.each(cases)('$cell: $name', (c) => {
    const row = rowFor(experiment({ ...c.manifest }), c.live());
    expect(`${row.from}->${c.manifest.state ?? 'draft'}`).toBe(c.cell);
    const value = (LIFECYCLE[c.cell] as (r: ExperimentRow) => CellValue)(row);
    expect({ ...value, problems: shapeOf(value.problems) }).toEqual({
      steps: c.steps(row),
      problems: c.problems ?? [],
      shown: c.shown,
      context: c.context ?? {},
      acknowledged: c.acknowledged ?? false,
    });
  });
});

describe('planLifecycle', () => {
  it('restores an archived experiment, then runs the cell of its iteration state', () => {
    const row = rowFor(experiment({ state: 'running', stop: STOP }), liveIn('archived')());
    const value = planLifecycle(row);
    expect(
      value.steps.map((s) => [s.request.kind, 'instructions' in s.request ? s.request.instructions : [], s.impact]),
    ).toEqual([
      ['patchExperiment', [{ kind: 'restoreExperiment' }], 'restore'],
      ['createIteration', [], 'draft-edit'],
      ['patchExperiment', [{ kind: 'startIteration' }], 'start'],
    ]);
    expect(value.problems).toEqual([]);
  });

  it('warns about an acknowledgement that no cell asked for', () => {
    const row = rowFor(experiment({ state: 'draft', iteration: ACK }), liveIn('draft')());
    expect(shapeOf(planLifecycle(row).problems)).toEqual([
      ['warning', 'ReplacesIterationUnused', '/spec/iteration/replacesIteration'],
    ]);
  });

  it('does not warn when a cell used the acknowledgement', () => {
    const row = rowFor(experiment({ state: 'running', iteration: { hypothesis: 'New', ...ACK } }), liveIn('running')());
    expect(planLifecycle(row).problems).toEqual([]);
  });
});
