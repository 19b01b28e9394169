import { describe, expect, it } from 'vitest';

import type { LdExperiment } from '../../src/live/ld-types.js';
import { buildPlan } from '../../src/pipeline.js';
import {
  experiment,
  holdout,
  ldExperiment,
  liveFromDesired,
  liveState,
  manifestSet,
  positionOf,
} from '../helpers/builders.js';
import { errorsOf, instructionsOf, planOf, shape } from './helpers.js';

const ENV_PATH = '/api/v2/projects/web/environments/production';
const HOLDOUTS = `${ENV_PATH}/holdouts`;
const Q4 = `${HOLDOUTS}/q4-holdout`;

describe('holdouts', () => {
  it('creates a holdout with the lower-case HoldoutPostRequest', () => {
    const h = holdout({
      description: 'Q4 program effect',
      attributes: ['country'],
      metrics: ['revenue', { group: 'checkout-funnel' }],
      prerequisiteFlag: 'banner',
      maintainerId: 'member-3',
    });
    const plan = planOf(manifestSet([], [h]), liveState());
    expect(plan.steps.map(shape)).toEqual([
      {
        id: 's1',
        kind: 'createHoldout',
        method: 'POST',
        path: HOLDOUTS,
        instructions: [],
        dependsOn: [],
        impact: 'create',
      },
    ]);
    expect(plan.steps[0]!.body).toEqual({
      name: 'Q4 holdout',
      key: 'q4-holdout',
      description: 'Q4 program effect',
      randomizationunit: 'user',
      attributes: ['country'],
      holdoutamount: '5',
      primarymetrickey: 'revenue',
      metrics: [
        { key: 'revenue', isGroup: false },
        { key: 'checkout-funnel', isGroup: true },
      ],
      prerequisiteflagkey: 'banner',
      maintainerId: 'member-3',
    });
    expect(plan.resources[0]).toMatchObject({ address: 'holdout/web/production/q4-holdout', action: 'create' });
  });

  it('binds a new member experiment to the holdout created in the same plan', () => {
    const e = experiment({ holdout: 'q4-holdout' });
    const plan = planOf(manifestSet([e], [holdout()]), liveState());
    expect(plan.steps.map((s) => [s.id, s.kind, s.dependsOn])).toEqual([
      ['s1', 'createHoldout', []],
      ['s2', 'createExperiment', ['s1']],
    ]);
    expect(plan.steps[1]!.bindings).toEqual([{ bodyPointer: '/holdoutId', fromStep: 's1', responsePointer: '/_id' }]);
    expect(plan.steps[1]!.body).not.toHaveProperty('holdoutId');
  });

  it('creates a member of an existing holdout with its ID and no binding', () => {
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const plan = planOf(manifestSet([experiment({ holdout: 'q4-holdout' })], [holdout()]), live);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.body).toMatchObject({ holdoutId: 'holdout-id-q4-holdout' });
    expect(plan.steps[0]!.bindings).toEqual([]);
  });

  it('accepts a live-only holdout as a reference', () => {
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const plan = planOf(manifestSet([experiment({ holdout: 'q4-holdout' })]), live);
    expect(plan.steps[0]!.body).toMatchObject({ holdoutId: 'holdout-id-q4-holdout' });
  });

  it('renames and re-describes with updateName / updateDescription', () => {
    const live = liveFromDesired(manifestSet([], [holdout({ description: 'old' })]));
    const plan = planOf(manifestSet([], [holdout({ name: 'Q4 global holdout', description: 'new' })]), live);
    expect(plan.steps.map(shape)).toEqual([
      {
        id: 's1',
        kind: 'patchHoldout',
        method: 'PATCH',
        path: Q4,
        instructions: ['updateName', 'updateDescription'],
        dependsOn: [],
        impact: 'metadata',
      },
    ]);
    expect(instructionsOf(plan.steps[0])).toEqual([
      { kind: 'updateName', value: 'Q4 global holdout' },
      { kind: 'updateDescription', value: 'new' },
    ]);
    expect(plan.resources[0]!.changes).toEqual([
      { field: 'name', from: 'Q4 holdout', to: 'Q4 global holdout' },
      { field: 'description', from: 'old', to: 'new' },
    ]);
  });

  it.each([
    ['holdoutAmount', { holdoutAmount: 10 }],
    ['randomizationUnit', { randomizationUnit: 'account' }],
    ['primaryMetric', { primaryMetric: 'signups' }],
    ['maintainerId', { maintainerId: 'member-9' }],
  ])('refuses a change of %s: immutable after creation', (field, change) => {
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const desired = holdout(change);
    const errors = errorsOf(manifestSet([], [desired]), live);
    expect(errors.map((e) => [e.code, e.pointer])).toContainEqual(['HoldoutImmutableField', `/spec/${field}`]);
    const error = errors.find((e) => e.pointer === `/spec/${field}`)!;
    expect(error.message).toBe(`holdout field "${field}" is immutable after creation: create a holdout with a new key`);
    expect(error.position).toEqual(positionOf(desired, `/spec/${field}`));
  });

  it.each(['draft', 'running', 'stopped'] as const)(
    'leaves a %s member alone when its manifest omits holdout: membership is not managed',
    (state) => {
      const stop = { winner: 'Control' };
      const live = liveFromDesired(manifestSet([experiment({ state, holdout: 'q4-holdout', stop })], [holdout()]));
      const { plan, problems } = buildPlan(manifestSet([experiment({ state, stop })], [holdout()]), live);
      expect(problems).toEqual([]);
      expect(plan?.steps).toEqual([]);
      expect(plan?.resources.map((r) => [r.address, r.action, r.changes])).toEqual([
        ['experiment/web/production/checkout-button', 'no-op', []],
        ['holdout/web/production/q4-holdout', 'no-op', []],
      ]);
    },
  );

  it('removes an experiment only on an explicit holdout: null, labelled irreversible', () => {
    const live = liveFromDesired(manifestSet([experiment({ state: 'running', holdout: 'q4-holdout' })], [holdout()]));
    const plan = planOf(manifestSet([experiment({ state: 'running', holdout: null })], [holdout()]), live);
    expect(plan.steps.map(shape)).toEqual([
      {
        id: 's1',
        kind: 'patchHoldout',
        method: 'PATCH',
        path: Q4,
        instructions: ['removeExperiment'],
        dependsOn: [],
        impact: 'irreversible',
      },
    ]);
    expect(plan.steps[0]!.reason).toBe(
      'removes experiment "Checkout button placement" from holdout "q4-holdout" for good: experiments join a holdout only when they are created, so it can never rejoin it',
    );
    expect(plan.resources.find((r) => r.type === 'experiment')!.impact).toBe('irreversible');
    expect(plan.steps[0]!.resource).toBe('holdout/web/production/q4-holdout');
    expect(instructionsOf(plan.steps[0])).toEqual([{ kind: 'removeExperiment', value: 'checkout-button' }]);
    const resource = plan.resources.find((r) => r.type === 'experiment')!;
    expect(resource.stepIds).toEqual(['s1']);
    expect(resource.changes).toEqual([{ field: 'holdout', from: 'q4-holdout' }]);
    expect(Object.keys(plan.fingerprints)).toEqual([
      'experiment/web/production/checkout-button',
      'holdout/web/production/q4-holdout',
    ]);
  });

  it('ends a holdout last, after every step touching it or its experiments', () => {
    const live = liveFromDesired(
      manifestSet(
        [
          experiment({ state: 'running', holdout: 'q4-holdout' }),
          experiment({ key: 'zz-other', state: 'running', holdout: 'q4-holdout' }),
        ],
        [holdout()],
      ),
    );
    const desired = manifestSet(
      [
        experiment({ state: 'stopped', holdout: 'q4-holdout', stop: { winner: 'Control' } }),
        experiment({ key: 'zz-other', state: 'running', holdout: null }),
      ],
      [holdout({ name: 'Q4 (ended)', state: 'ended' })],
    );
    const plan = planOf(desired, live);
    expect(plan.steps.map((s) => [s.id, s.resource, s.instructions, s.dependsOn, s.impact])).toEqual([
      ['s1', 'experiment/web/production/checkout-button', ['stopIteration'], [], 'stop'],
      ['s2', 'holdout/web/production/q4-holdout', ['updateName'], [], 'metadata'],
      ['s3', 'holdout/web/production/q4-holdout', ['removeExperiment'], [], 'irreversible'],
      ['s4', 'holdout/web/production/q4-holdout', ['endHoldout'], ['s1', 's2', 's3'], 'irreversible'],
    ]);
    expect(plan.steps[3]!.reason).toBe('ends holdout "Q4 (ended)" for good: this cannot be undone');
    expect(plan.resources.find((r) => r.type === 'holdout')).toMatchObject({
      stateFrom: 'active',
      stateTo: 'ended',
      impact: 'irreversible',
      stepIds: ['s2', 's4'],
    });
  });

  it('refuses an existing experiment joining a holdout', () => {
    const live = liveFromDesired(manifestSet([experiment()], [holdout()]));
    const desired = experiment({ holdout: 'q4-holdout' });
    const errors = errorsOf(manifestSet([desired], [holdout()]), live);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['HoldoutJoinOnlyAtCreation', '/spec/holdout']]);
    expect(errors[0]!.message).toContain('experiments join a holdout only when they are created');
    expect(errors[0]!.position).toEqual(positionOf(desired, '/spec/holdout'));
  });

  it('refuses an existing experiment switching holdouts', () => {
    const live = liveFromDesired(
      manifestSet([experiment({ holdout: 'q4-holdout' })], [holdout(), holdout({ key: 'q1-holdout' })]),
    );
    const desired = experiment({ holdout: 'q1-holdout' });
    const errors = errorsOf(manifestSet([desired], [holdout(), holdout({ key: 'q1-holdout' })]), live);
    expect(errors.map((e) => e.code)).toEqual(['HoldoutJoinOnlyAtCreation']);
    expect(errors[0]!.message).toContain('is in holdout "q4-holdout"');
  });

  it('reports an unknown holdout with candidates', () => {
    const live = liveFromDesired(manifestSet([], [holdout({ key: 'q4-holdout' })]));
    const desired = experiment({ holdout: 'q4-holdot' });
    const errors = errorsOf(manifestSet([desired], [holdout({ key: 'q1-holdout' })]), live);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['UnknownHoldout', '/spec/holdout']]);
    expect(errors[0]!.candidates).toEqual(['q4-holdout', 'q1-holdout']);
  });

  it('refuses to revive an ended holdout', () => {
    const live = liveFromDesired(manifestSet([], [holdout({ state: 'ended' })]));
    const errors = errorsOf(manifestSet([], [holdout()]), live);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['HoldoutEnded', '/spec/state']]);
  });

  it('does nothing for an ended holdout that never existed, with a warning', () => {
    const { plan, problems } = buildPlan(manifestSet([], [holdout({ state: 'ended' })]), liveState());
    expect(plan?.steps).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['NothingToEnd']);
  });

  it('lists an unmanaged holdout, never its base experiment', () => {
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const base: LdExperiment = live.environments[0]!.holdouts[0]!.baseExperiment;
    live.environments[0]!.experiments.push(base, ldExperiment({ key: 'legacy', name: 'Legacy' }));
    const plan = planOf(manifestSet(), live);
    expect(plan.unmanaged).toEqual([
      { address: 'experiment/web/production/legacy', type: 'experiment', name: 'Legacy', status: 'draft' },
      { address: 'holdout/web/production/q4-holdout', type: 'holdout', name: 'Q4 holdout', status: 'running' },
    ]);
    expect(plan.summary.unmanaged).toBe(2);
  });

  it('does not judge holdout fields LaunchDarkly does not report', () => {
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const h = live.environments[0]!.holdouts[0]!;
    const base = { ...h.baseExperiment };
    delete base.currentIteration;
    live.environments[0]!.holdouts[0] = { ...h, baseExperiment: base };
    const plan = planOf(manifestSet([], [holdout({ primaryMetric: 'signups', randomizationUnit: 'account' })]), live);
    expect(plan.steps).toEqual([]);
  });
});
