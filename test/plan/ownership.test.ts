/**
 * Field ownership in the planner (src/plan/ownership.ts): a field owned elsewhere takes its live
 * value before diffing, so it is never a change, and every body that carries it whole (the
 * `analysisConfig` of an update, the IterationInput of a new iteration) carries LaunchDarkly's value.
 */
import { describe, expect, it } from 'vitest';

import type { ExperimentManifest } from '../../src/manifest/types.js';
import { experiment, holdout, liveFromDesired, manifestSet } from '../helpers/builders.js';
import { instructionsOf, planOf } from './helpers.js';

function owned<T extends { ownedElsewhere?: string[] }>(m: T, pointers: string[]): T {
  return { ...m, ownedElsewhere: pointers };
}

/** The live state of `inSync`, with the manifests then changed to `desired`. */
function planAgainst(inSync: ExperimentManifest, desired: ExperimentManifest) {
  const live = liveFromDesired(manifestSet([inSync]));
  return planOf(manifestSet([desired]), live);
}

describe('an owned analysis setting', () => {
  const inSync = experiment({ analysis: { bayesianThreshold: 90, significanceThreshold: 0.05 } });

  it('is sent back with its live value when another analysis setting changes (analysisConfig is replaced whole)', () => {
    const desired = owned(experiment({ analysis: { bayesianThreshold: 99, significanceThreshold: 0.1 } }), [
      '/spec/analysis/bayesianThreshold',
    ]);
    const plan = planAgainst(inSync, desired);
    expect(plan.resources[0]?.changes.map((c) => c.field)).toEqual(['analysisConfig.significanceThreshold']);
    expect(instructionsOf(plan.steps[0])).toEqual([
      {
        kind: 'updateExperimentFields',
        value: {
          analysisConfig: { operation: 'update', value: { bayesianThreshold: '90', significanceThreshold: '0.1' } },
        },
      },
    ]);
  });

  it('is no change on its own, and the manifest value given in vain is a warning', () => {
    const desired = owned(experiment({ analysis: { bayesianThreshold: 99, significanceThreshold: 0.05 } }), [
      '/spec/analysis',
    ]);
    const live = liveFromDesired(manifestSet([inSync]));
    const plan = planOf(manifestSet([desired]), live);
    expect(plan.steps).toEqual([]);
    expect(plan.resources[0]?.ownedElsewhere).toEqual(['spec.analysis']);
    expect(plan.warnings.map((w) => [w.code, w.pointer, w.message])).toEqual([
      [
        'IgnoredValueNotApplied',
        '/spec/analysis',
        'spec.analysis is owned elsewhere (ignore), so the manifest\'s {"bayesianThreshold":99,"significanceThreshold":0.05} is not applied; LaunchDarkly keeps {"bayesianThreshold":90,"significanceThreshold":0.05}. Remove the value or the ignore entry',
      ],
    ]);
  });
});

describe('owned iteration fields', () => {
  it('a draft edit of another design field leaves the owned one out of the update', () => {
    const inSync = experiment({ iteration: { attributes: ['country'], hypothesis: 'H1' } });
    const desired = owned(experiment({ iteration: { attributes: ['browser'], hypothesis: 'H2' } }), [
      '/spec/iteration/attributes',
    ]);
    const plan = planAgainst(inSync, desired);
    expect(instructionsOf(plan.steps[0])).toEqual([
      { kind: 'updateExperimentFields', value: { hypothesis: { operation: 'update', value: 'H2' } } },
    ]);
  });

  it('a field the manifest leaves out but owns elsewhere stays out of the diff too', () => {
    const inSync = experiment({ tags: ['ui'] });
    const desired = owned(experiment({}), ['/spec/tags']);
    expect(planAgainst(inSync, desired).steps).toEqual([]);
  });
});

describe('owned holdout fields', () => {
  it('an immutable field owned elsewhere is not an error, and a mutable one is not updated', () => {
    const inSync = holdout({ holdoutAmount: 5, description: 'live text' });
    const live = liveFromDesired(manifestSet([], [inSync]));
    const desired = owned(holdout({ holdoutAmount: 10, description: 'git text' }), [
      '/spec/description',
      '/spec/holdoutAmount',
    ]);
    const plan = planOf(manifestSet([], [desired]), live);
    expect(plan.steps).toEqual([]);
    expect(plan.resources[0]?.ownedElsewhere).toEqual(['spec.description', 'spec.holdoutAmount']);
    expect(plan.warnings.map((w) => w.pointer)).toEqual(['/spec/description', '/spec/holdoutAmount']);
  });
});

describe('a resource that does not exist yet', () => {
  it("is created with the manifest's value of an owned field", () => {
    const desired = owned(experiment({ tags: ['git'] }), ['/spec/tags']);
    const plan = planOf(manifestSet([desired]), liveFromDesired(manifestSet([])));
    expect((plan.steps[0]?.body as { tags?: string[] }).tags).toEqual(['git']);
    expect(plan.warnings).toEqual([]);
  });
});
