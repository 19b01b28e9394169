import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import { buildPlan } from '../../src/pipeline.js';
import { experiment, holdout, liveFromDesired, manifestSet, positionOf } from '../helpers/builders.js';
import { errorsOf } from './helpers.js';

/** The holdout as it is after endHoldout, with its members still in it. */
function endHoldoutIn(live: LiveState): LiveState {
  for (const environment of live.environments) for (const h of environment.holdouts) h.status = 'ended';
  return live;
}

/** An ended holdout accepts no instruction and no new experiment; membership in it is history. */
describe('experiments and an ended holdout', () => {
  it('refuses a new experiment that joins an ended holdout, at spec.holdout', () => {
    const live = liveFromDesired(manifestSet([], [holdout({ state: 'ended' })]));
    const joining = experiment({ key: 'late-joiner', holdout: 'q4-holdout' });
    const errors = errorsOf(manifestSet([joining]), live);
    expect(errors.map((e) => [e.code, e.pointer, e.position])).toEqual([
      ['JoinEndedHoldout', '/spec/holdout', positionOf(joining, '/spec/holdout')],
    ]);
    expect(errors[0]!.message).toBe('holdout "q4-holdout" has ended in web/production and accepts no new experiments');
  });

  it('accepts an existing member that still names its ended holdout', () => {
    const member = experiment({ state: 'stopped', holdout: 'q4-holdout', stop: { winner: 'Control' } });
    const live = endHoldoutIn(liveFromDesired(manifestSet([member], [holdout()])));
    const { plan, problems } = buildPlan(manifestSet([member], [holdout({ state: 'ended' })]), live);
    expect(problems).toEqual([]);
    expect(plan?.steps).toEqual([]);
  });

  it('leaves a member of an ended holdout alone when its manifest omits holdout, without a word', () => {
    const member = experiment({ state: 'stopped', holdout: 'q4-holdout', stop: { winner: 'Control' } });
    const live = endHoldoutIn(liveFromDesired(manifestSet([member], [holdout()])));
    const silent = experiment({ state: 'stopped', stop: { winner: 'Control' } });
    const { plan, problems } = buildPlan(manifestSet([silent]), live);
    expect(problems).toEqual([]);
    expect(plan?.steps).toEqual([]);
  });

  it('refuses holdout: null on a member of an ended holdout: its membership cannot change', () => {
    const member = experiment({ state: 'stopped', holdout: 'q4-holdout', stop: { winner: 'Control' } });
    const live = endHoldoutIn(liveFromDesired(manifestSet([member], [holdout()])));
    const leaving = experiment({ state: 'stopped', holdout: null, stop: { winner: 'Control' } });
    const { plan, problems } = buildPlan(manifestSet([leaving]), live);
    expect(plan).toBeUndefined();
    expect(problems.map((p) => [p.severity, p.code, p.pointer, p.position])).toEqual([
      ['error', 'HoldoutEndedMembership', '/spec/holdout', positionOf(leaving, '/spec/holdout')],
    ]);
    expect(problems[0]!.message).toBe(
      'experiment "checkout-button" cannot leave holdout "q4-holdout": the holdout has ended, so its members can no longer change; write `holdout: q4-holdout` or delete the line',
    );
  });
});
