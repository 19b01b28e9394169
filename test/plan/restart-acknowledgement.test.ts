/**
 * A restart of a running iteration is acknowledged for that iteration only: changeJustification
 * plus replacesIteration: N, N the running iteration as LaunchDarkly counts them.
 */
import { describe, expect, it } from 'vitest';

import type { LdIteration } from '../../src/live/ld-types.js';
import type { LiveState } from '../../src/live/types.js';
import { buildPlan } from '../../src/pipeline.js';
import {
  experiment,
  liveFromDesired,
  manifestSet,
  positionOf,
  type ExperimentOverrides,
  type IterationOverrides,
} from '../helpers/builders.js';
import { instructionsOf } from './helpers.js';

const STOP = { winner: 'Control' };
const TRAFFIC_70: IterationOverrides['treatments'] = [
  { name: 'Control', baseline: true, allocationPercent: 30, variations: { 'checkout-button': 'control' } },
  { name: 'Above the fold', baseline: false, allocationPercent: 70, variations: { 'checkout-button': 'top' } },
];

/** The default experiment live in `state`, after `previous` earlier (stopped) iterations. */
function liveAfter(previous: number, state: 'draft' | 'running' | 'stopped' | 'archived' = 'running'): LiveState {
  const live = liveFromDesired(manifestSet([experiment({ state, stop: STOP })]));
  const e = live.environments[0]!.experiments[0]!;
  const current = (e.currentIteration ?? e.draftIteration)!;
  e.previousIterations = Array.from({ length: previous }, (_, i): LdIteration => ({
    ...current,
    _id: `it-old-${String(i + 1)}`,
    status: 'stopped',
  }));
  return live;
}

/** Running iteration `running` with a not-yet-started draft next to it. */
function liveWithDraftBeside(previous: number): LiveState {
  const live = liveAfter(previous);
  const e = live.environments[0]!.experiments[0]!;
  e.draftIteration = { ...e.currentIteration!, _id: 'it-draft', status: 'not_started', hypothesis: 'Next' };
  delete e.draftIteration.startedAt;
  return live;
}

const restart = (iteration: IterationOverrides, rest: ExperimentOverrides = {}) =>
  experiment({ state: 'running', ...rest, iteration: { treatments: TRAFFIC_70, ...iteration } });

const problemsOf = (desired: ReturnType<typeof experiment>, live: LiveState) =>
  buildPlan(manifestSet([desired]), live).problems.map((p) => [p.severity, p.code, p.pointer, p.message]);

const ENDS_3 =
  'changing treatments ends iteration 3 of experiment "checkout-button": its results stay with iteration 3 and iteration 4 starts from zero';

describe('acknowledging a restart of running iteration 3', () => {
  it.each([
    {
      name: 'neither field',
      iteration: {},
      problem: [
        'error',
        'ChangeJustificationRequired',
        '/spec/iteration',
        `${ENDS_3}; to allow it, write \`changeJustification: <why>\` and \`replacesIteration: 3\` in spec.iteration`,
      ],
    },
    {
      name: 'only replacesIteration',
      iteration: { replacesIteration: 3 },
      problem: [
        'error',
        'ChangeJustificationRequired',
        '/spec/iteration',
        `${ENDS_3}; to allow it, write \`changeJustification: <why>\` in spec.iteration`,
      ],
    },
    {
      name: 'a blank justification',
      iteration: { changeJustification: '  ', replacesIteration: 3 },
      problem: [
        'error',
        'ChangeJustificationRequired',
        '/spec/iteration',
        `${ENDS_3}; to allow it, write \`changeJustification: <why>\` in spec.iteration`,
      ],
    },
    {
      name: 'only changeJustification (the format before acknowledgements)',
      iteration: { changeJustification: 'More traffic' },
      problem: [
        'error',
        'ReplacesIterationRequired',
        '/spec/iteration/replacesIteration',
        `${ENDS_3}; to allow it, add \`replacesIteration: 3\` next to changeJustification (a justification covers the restart of one iteration)`,
      ],
    },
    {
      name: 'an acknowledgement of iteration 2, written for the previous restart',
      iteration: { changeJustification: 'More traffic', replacesIteration: 2 },
      problem: [
        'error',
        'ReplacesIterationStale',
        '/spec/iteration/replacesIteration',
        `${ENDS_3}, but replacesIteration is 2: iteration 3 is running now, so the justification was written for another restart; if iteration 3 should restart too, review changeJustification and write \`replacesIteration: 3\``,
      ],
    },
  ])('refuses $name, at its position, and plans nothing', ({ iteration, problem }) => {
    const desired = restart(iteration);
    const { plan, problems } = buildPlan(manifestSet([desired]), liveAfter(2));
    expect(plan).toBeUndefined();
    expect(problems.map((p) => [p.severity, p.code, p.pointer, p.message])).toEqual([problem]);
    expect(problems[0]!.position).toEqual(positionOf(desired, problem[2]!));
  });

  it('restarts with the justification in the instruction, the reason and the context', () => {
    const desired = restart({ changeJustification: 'More traffic', replacesIteration: 3 });
    const { plan, problems } = buildPlan(manifestSet([desired]), liveAfter(2));
    expect(problems).toEqual([]);
    expect(plan!.steps.map((s) => [s.instructions, s.impact])).toEqual([
      [['saveAndStartNewIteration'], 'new-iteration'],
    ]);
    expect(instructionsOf(plan!.steps[0])[0]).toMatchObject({ changeJustification: 'More traffic' });
    expect(plan!.steps[0]!.reason).toBe(
      'restarts iteration 3: its results stay with iteration 3 and iteration 4 starts from zero (justification: "More traffic"). Traffic may be reshuffled between treatments.',
    );
    expect(plan!.resources[0]!.context).toMatchObject({ iterationNumber: 3, changeJustification: 'More traffic' });
  });

  it('counts iterations as LaunchDarkly does: 1 for the first', () => {
    const desired = restart({ changeJustification: 'More traffic', replacesIteration: 1 });
    expect(problemsOf(desired, liveAfter(0))).toEqual([]);
    expect(problemsOf(desired, liveAfter(1)).map((p) => p[1])).toEqual(['ReplacesIterationStale']);
  });
});

describe('an acknowledgement no step uses', () => {
  it.each([
    {
      name: 'the design matches the running iteration it names',
      desired: experiment({ state: 'running', iteration: { changeJustification: 'X', replacesIteration: 3 } }),
      live: () => liveAfter(2),
      message:
        'this plan does not restart iteration 3, so `replacesIteration: 3` acknowledges nothing; remove it (and changeJustification): each restart is acknowledged for its own iteration',
    },
    {
      name: 'after the restart it acknowledged was applied',
      desired: experiment({ state: 'running', iteration: { changeJustification: 'X', replacesIteration: 2 } }),
      live: () => liveAfter(2),
      message:
        'iteration 2 is not running (iteration 3 is), so `replacesIteration: 2` acknowledges nothing; remove it (and changeJustification): each restart is acknowledged for its own iteration',
    },
    {
      name: 'the experiment is stopped',
      desired: experiment({
        state: 'stopped',
        stop: STOP,
        iteration: { changeJustification: 'X', replacesIteration: 1 },
      }),
      live: () => liveAfter(0, 'stopped'),
      message:
        'iteration 1 is not running (no iteration is), so `replacesIteration: 1` acknowledges nothing; remove it (and changeJustification): each restart is acknowledged for its own iteration',
    },
  ])('is only a warning when $name', ({ desired, live, message }) => {
    const { plan, problems } = buildPlan(manifestSet([desired]), live());
    expect(plan?.steps).toEqual([]);
    expect(problems.map((p) => [p.severity, p.code, p.pointer, p.message])).toEqual([
      ['warning', 'ReplacesIterationUnused', '/spec/iteration/replacesIteration', message],
    ]);
  });

  it('warns about the leftover acknowledgement while planning another change', () => {
    const desired = experiment({
      state: 'running',
      name: 'Renamed',
      iteration: { changeJustification: 'X', replacesIteration: 1 },
    });
    const { plan, problems } = buildPlan(manifestSet([desired]), liveAfter(2));
    expect(plan!.steps.map((s) => s.impact)).toEqual(['metadata']);
    expect(problems.map((p) => p.code)).toEqual(['ReplacesIterationUnused']);
  });
});

describe('a new iteration from other states', () => {
  it('starting a draft that sits next to a running iteration ends it: acknowledged like a restart', () => {
    const desired = experiment({ state: 'running', iteration: { hypothesis: 'Next' } });
    expect(problemsOf(desired, liveWithDraftBeside(1))).toEqual([
      [
        'error',
        'ChangeJustificationRequired',
        '/spec/iteration',
        'starting the draft iteration ends iteration 2 of experiment "checkout-button": its results stay with iteration 2 and iteration 3 starts from zero; to allow it, write `changeJustification: <why>` and `replacesIteration: 2` in spec.iteration',
      ],
    ]);
  });

  it('sends the justification with startIteration, which LaunchDarkly requires while another runs', () => {
    const desired = experiment({
      state: 'running',
      iteration: { hypothesis: 'Next', changeJustification: 'Next idea', replacesIteration: 2 },
    });
    const { plan, problems } = buildPlan(manifestSet([desired]), liveWithDraftBeside(1));
    expect(problems).toEqual([]);
    expect(plan!.steps.map((s) => [s.instructions, s.impact])).toEqual([[['startIteration'], 'new-iteration']]);
    expect(instructionsOf(plan!.steps[0])).toEqual([{ kind: 'startIteration', changeJustification: 'Next idea' }]);
    expect(plan!.steps[0]!.reason).toBe(
      'starts iteration 3, which ends running iteration 2: its results stay with iteration 2 and iteration 3 starts from zero (justification: "Next idea")',
    );
    expect(plan!.resources[0]!.context).toMatchObject({ iterationNumber: 2, changeJustification: 'Next idea' });
  });

  it('restores an archived running experiment, then asks for the acknowledgement of its restart', () => {
    const live = liveAfter(0);
    live.environments[0]!.experiments[0]!.archivedDate = 1_700_000_200_000;
    const desired = restart({ changeJustification: 'Back, with more traffic' });
    expect(problemsOf(desired, live).map((p) => [p[1], p[2]])).toEqual([
      ['ReplacesIterationRequired', '/spec/iteration/replacesIteration'],
    ]);
  });

  it.each([
    ['stopped', 'running', ['createIteration', 'startIteration'], ['draft-edit', 'start']],
    ['stopped', 'draft', ['createIteration'], ['draft-edit']],
  ] as const)(
    'needs no acknowledgement from %s to %s: no running iteration ends, its results are already final',
    (from, to, kinds, impacts) => {
      const desired = experiment({ state: to, iteration: { hypothesis: 'Next' } });
      const { plan, problems } = buildPlan(manifestSet([desired]), liveAfter(1, from));
      expect(problems).toEqual([]);
      expect(plan!.steps.map((s) => s.instructions[0] ?? s.kind)).toEqual(kinds);
      expect(plan!.steps.map((s) => s.impact)).toEqual(impacts);
    },
  );
});
