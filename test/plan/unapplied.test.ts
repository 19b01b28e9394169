/**
 * Differences no step can make are reported with the reason, per lifecycle cell and for holdouts;
 * a plan with such differences never reads "No changes". Pruning is skipped on a narrowed run.
 */
import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import type { ExperimentManifest, HoldoutManifest } from '../../src/manifest/types.js';
import { hasChanges, hasSteps, type ResourcePlan } from '../../src/plan/types.js';
import {
  experiment,
  holdout,
  ldExperiment,
  liveFromDesired,
  manifestSet,
  type ExperimentOverrides,
} from '../helpers/builders.js';
import { planOf } from './helpers.js';

const STOP = { winner: 'Above the fold' };
const exp = (overrides: ExperimentOverrides = {}): ExperimentManifest => experiment({ stop: STOP, ...overrides });
const live = (...experiments: ExperimentManifest[]): LiveState => liveFromDesired(manifestSet(experiments));
const NEW_HYPOTHESIS = { hypothesis: 'A sharper hypothesis' };

/** What the plan says for the one resource: instructions sent, changes made, differences left and why. */
function outcome(resource: ResourcePlan | undefined, instructions: string[][]): unknown {
  return {
    instructions,
    changes: resource?.changes.map((c) => c.field),
    unapplied: resource?.unapplied && {
      fields: resource.unapplied.changes.map((c) => c.field),
      reason: resource.unapplied.reason,
    },
  };
}

interface Case {
  name: string;
  desired: ExperimentManifest;
  live: () => LiveState;
  expected: unknown;
}

const cases: Case[] = [
  {
    name: 'stopped → stopped, design differs: no step, the design is left with the warning as reason',
    desired: exp({ state: 'stopped', iteration: NEW_HYPOTHESIS }),
    live: () => live(exp({ state: 'stopped' })),
    expected: {
      instructions: [],
      changes: [],
      unapplied: {
        fields: ['iteration.hypothesis'],
        reason:
          'experiment "checkout-button" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
      },
    },
  },
  {
    name: 'stopped → stopped, name and design differ: the name is applied, the design left',
    desired: exp({ state: 'stopped', name: 'Renamed', iteration: NEW_HYPOTHESIS }),
    live: () => live(exp({ state: 'stopped' })),
    expected: {
      instructions: [['updateExperimentFields']],
      changes: ['name'],
      unapplied: {
        fields: ['iteration.hypothesis'],
        reason:
          'experiment "checkout-button" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
      },
    },
  },
  {
    name: 'running → stopped with a new design: the stop ends the iteration as it ran',
    desired: exp({ state: 'stopped', iteration: NEW_HYPOTHESIS }),
    live: () => live(exp({ state: 'running' })),
    expected: {
      instructions: [['stopIteration']],
      changes: [],
      unapplied: {
        fields: ['iteration.hypothesis'],
        reason:
          'stopping ends the running iteration of "checkout-button" with the design it ran with, so hypothesis can only change in a new iteration (state draft or running)',
      },
    },
  },
  {
    name: 'archived → archived, name differs: nothing is sent to an archived experiment',
    desired: exp({ state: 'archived', name: 'Renamed' }),
    live: () => live(exp({ state: 'archived' })),
    expected: {
      instructions: [],
      changes: [],
      unapplied: {
        fields: ['name'],
        reason:
          'experiment "checkout-button" is archived as it is: ldexp does not edit an archived experiment, so LaunchDarkly keeps its name; ask for state draft, running or stopped to restore it with these changes',
      },
    },
  },
  {
    name: 'absent → archived: nothing is created, every field is left',
    desired: exp({ state: 'archived' }),
    live: () => live(),
    expected: {
      instructions: [],
      changes: [],
      unapplied: {
        fields: expect.arrayContaining(['name', 'iteration.hypothesis']),
        reason:
          'experiment "checkout-button" is not created: the manifest asks for an archived experiment that does not exist in LaunchDarkly',
      },
    },
  },
  {
    name: 'draft → draft, same design: nothing differs, nothing is left',
    desired: exp(),
    live: () => live(exp()),
    expected: { instructions: [], changes: [], unapplied: undefined },
  },
];

describe('differences that cannot be applied (experiments)', () => {
  it.each(cases)('$name', ({ desired, live: liveOf, expected }) => {
    const plan = planOf(manifestSet([desired]), liveOf());
    const resource = plan.resources.find((r) => r.type === 'experiment');
    expect(
      outcome(
        resource,
        plan.steps.map((s) => s.instructions),
      ),
    ).toEqual(expected);
    expect(plan.summary.unapplied).toBe(resource?.unapplied ? 1 : 0);
    expect(hasChanges(plan)).toBe(hasSteps(plan) || resource?.unapplied !== undefined);
  });
});

describe('differences that cannot be applied (holdouts)', () => {
  const ended = (overrides: Partial<HoldoutManifest['spec']> = {}): HoldoutManifest =>
    holdout({ state: 'ended', ...overrides });

  it('an ended holdout whose name differs: no step, the rename is left', () => {
    const plan = planOf(manifestSet([], [ended({ name: 'Renamed' })]), liveFromDesired(manifestSet([], [ended()])));
    expect(plan.steps).toEqual([]);
    expect(plan.resources[0]?.unapplied).toEqual({
      reason:
        'holdout "q4-holdout" has ended in LaunchDarkly, and an ended holdout accepts no change; make the manifest match it',
      changes: [{ field: 'name', from: 'Q4 holdout', to: 'Renamed' }],
    });
  });

  it('an ended holdout that matches has nothing left', () => {
    const plan = planOf(manifestSet([], [ended()]), liveFromDesired(manifestSet([], [ended()])));
    expect(plan.resources[0]?.unapplied).toBeUndefined();
    expect(hasChanges(plan)).toBe(false);
  });

  it('an ended holdout that does not exist is not created: every field is left, with the reason', () => {
    const plan = planOf(manifestSet([], [ended()]), liveFromDesired(manifestSet()));
    expect(plan.resources[0]?.unapplied?.reason).toBe(
      'holdout "q4-holdout" is not created: the manifest asks for an ended holdout that does not exist in LaunchDarkly',
    );
    expect(plan.resources[0]?.unapplied?.changes.map((c) => c.field)).toContain('holdoutAmount');
  });
});

describe('pruning on a narrowed run', () => {
  const managed = experiment({ tags: ['ldexp-managed'] });
  const world = (): LiveState => {
    const state = live(managed);
    state.environments[0]!.experiments.push(
      ldExperiment({ key: 'elsewhere', name: 'Elsewhere', tags: ['ldexp-managed'] }),
    );
    return state;
  };

  it('archives nothing and says why in a notice', () => {
    const desired = {
      ...manifestSet([managed], [], { prune: true }),
      scope: {
        configFolder: 'manifests',
        limits: [{ kind: 'unreadFiles' as const, files: ['manifests/b/elsewhere.yaml'] }],
      },
    };
    const plan = planOf(desired, world());
    expect(plan.steps).toEqual([]);
    expect(plan.notices).toEqual([
      {
        code: 'PruneSkipped',
        message:
          "Pruning skipped: this run sees only part of the managed set, so an experiment without a manifest here may have one in the part left out. The managed set is every manifest under manifests (the Config document's folder), and the paths given leave out 1 manifest file there: manifests/b/elsewhere.yaml. Run on manifests to prune.",
      },
    ]);
  });

  it('prunes as before on a whole run, with no notice', () => {
    const plan = planOf(manifestSet([managed], [], { prune: true }), world());
    expect(plan.steps.map((s) => [s.resource, s.instructions])).toEqual([
      ['experiment/web/production/elsewhere', ['archiveExperiment']],
    ]);
    expect(plan.notices).toEqual([]);
  });

  it('says nothing when prune is off, narrowed or not', () => {
    const desired = {
      ...manifestSet([managed]),
      scope: { configFolder: 'manifests', limits: [{ kind: 'unreadFiles' as const, files: ['x.yaml'] }] },
    };
    expect(planOf(desired, world()).notices).toEqual([]);
  });
});

describe('holdout membership that is not managed', () => {
  it('an experiment of an ended holdout that omits `holdout:` and is renamed: the rename is applied, nothing is left unapplied', () => {
    const ended = holdout({ state: 'ended' });
    const member = experiment({ holdout: ended.key });
    const world = liveFromDesired(manifestSet([member], [ended]));
    const plan = planOf(manifestSet([experiment({ name: 'Renamed' })], [ended]), world);
    const resource = plan.resources.find((r) => r.type === 'experiment');
    expect(plan.steps.map((s) => s.instructions)).toEqual([['updateExperimentFields']]);
    expect(resource?.changes.map((c) => c.field)).toEqual(['name']);
    // An omitted `holdout` is not managed, so membership is no difference at all (issue 7 §1).
    expect(resource?.unapplied).toBeUndefined();
    expect(plan.summary.unapplied).toBe(0);
  });
});
