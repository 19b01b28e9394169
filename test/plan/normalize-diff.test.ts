import { describe, expect, it } from 'vitest';

import { diffExperiment } from '../../src/diff/index.js';
import type { LdExperiment, LdIteration } from '../../src/live/ld-types.js';
import {
  canonicalFromDesired,
  canonicalFromLive,
  iterationNumber,
  runningIterationNumber,
  withoutUnmanaged,
} from '../../src/normalize/index.js';
import { nameBook, resolveExperiment } from '../../src/resolve/index.js';
import { experiment, ldExperiment, liveFromDesired, liveState, manifestSet } from '../helpers/builders.js';
import { planOf } from './helpers.js';

const noHoldouts = (): undefined => undefined;

function liveExperimentOf(live: ReturnType<typeof liveFromDesired>): LdExperiment {
  return live.environments[0]!.experiments[0]!;
}

function desiredCanonical(m: ReturnType<typeof experiment>) {
  const { resolved } = resolveExperiment(m, manifestSet([m]), liveState());
  return canonicalFromDesired(resolved!);
}

describe('normalize', () => {
  it('reads string numbers as numbers and sorts sets, treatments and metrics', () => {
    const e = ldExperiment({
      key: 'x',
      tags: ['b', 'a', 'b'],
      analysisConfig: { bayesianThreshold: '95', significanceThreshold: '0.05' },
      currentIteration: {
        hypothesis: 'h',
        status: 'running',
        createdAt: 1,
        attributes: ['device', 'country'],
        primarySingleMetric: { key: 'm2', _versionId: 'v', name: 'M2', kind: 'custom', _links: {} },
        metrics: [
          { key: 'm1', _versionId: 'v', name: 'M1', kind: 'custom', isGroup: false, _links: {} },
          { key: 'g', _versionId: 'v', name: 'G', kind: 'funnel', isGroup: true, _links: {} },
        ],
        treatments: [
          { name: 'Zed', allocationPercent: '25.5', parameters: [{ flagKey: 'f', variationId: 'v2' }] },
          {
            name: 'Alpha',
            allocationPercent: '74.5',
            baseline: true,
            parameters: [{ flagKey: 'f', variationId: 'v1' }],
          },
        ],
        flags: { f: { _links: {} } },
      },
    });
    const canonical = canonicalFromLive(e, noHoldouts);
    expect(canonical).toEqual({
      name: 'x',
      methodology: 'bayesian',
      dataSource: 'launchdarkly',
      type: 'experiment',
      maintainerId: 'member-1',
      tags: ['a', 'b'],
      analysisConfig: { bayesianThreshold: 95, significanceThreshold: 0.05 },
      iteration: {
        hypothesis: 'h',
        randomizationUnit: 'user',
        attributes: ['country', 'device'],
        canReshuffleTraffic: true,
        primary: { key: 'm2', isGroup: false },
        metrics: [
          { key: 'g', isGroup: true },
          { key: 'm1', isGroup: false },
          { key: 'm2', isGroup: false },
        ],
        flags: { f: { ruleId: 'fallthrough', notInExperimentVariationId: 'v1' } },
        treatments: [
          { name: 'Alpha', baseline: true, allocationPercent: 74.5, parameters: [{ flagKey: 'f', variationId: 'v1' }] },
          { name: 'Zed', baseline: false, allocationPercent: 25.5, parameters: [{ flagKey: 'f', variationId: 'v2' }] },
        ],
      },
    });
  });

  it('maps a live holdout ID to its key, and keeps an unknown one distinguishable', () => {
    const e = ldExperiment({ key: 'x', holdoutId: 'h-1' });
    expect(canonicalFromLive(e, (id) => (id === 'h-1' ? 'q4' : undefined)).holdout).toBe('q4');
    expect(canonicalFromLive(e, noHoldouts).holdout).toBe('id:h-1');
  });

  it('drops from live what the manifest leaves out, without touching the input', () => {
    const m = experiment({ analysis: { bayesianThreshold: 90 } });
    const e = { ...liveExperimentOf(liveFromDesired(manifestSet([m]))), description: 'set in the UI', tags: ['ui'] };
    e.analysisConfig = { bayesianThreshold: '90', testDirection: 'two-sided' };
    const live = canonicalFromLive(e, noHoldouts);
    const before = structuredClone(live);
    const masked = withoutUnmanaged(live, desiredCanonical(m));
    expect(live).toEqual(before);
    expect(masked).not.toHaveProperty('description');
    expect(masked).not.toHaveProperty('tags');
    expect(masked).not.toHaveProperty('maintainerId');
    expect(masked.analysisConfig).toEqual({ bayesianThreshold: 90 });
    expect(masked.iteration).not.toHaveProperty('attributes');
  });

  it('never plans changes for fields the manifest does not manage', () => {
    const m = experiment({ state: 'running' });
    const live = liveFromDesired(manifestSet([m]));
    const e = liveExperimentOf(live);
    live.environments[0]!.experiments[0] = {
      ...e,
      description: 'UI text',
      tags: ['ui-tag'],
      _maintainerId: 'someone-else',
      analysisConfig: { bayesianThreshold: '80' },
      currentIteration: { ...e.currentIteration!, attributes: ['plan'], reallocationFrequencyMillis: 1000 },
    };
    expect(planOf(manifestSet([m]), live).steps).toEqual([]);
  });

  it('manages what the manifest states, even when it is empty', () => {
    const m = experiment({ tags: [] });
    const live = liveFromDesired(manifestSet([experiment({ tags: ['old'] })]));
    const plan = planOf(manifestSet([m]), live);
    expect(plan.resources[0]!.changes).toEqual([{ field: 'tags', from: 'old', to: '' }]);
  });
});

describe('diffExperiment', () => {
  const m = experiment();
  const live = liveFromDesired(manifestSet([m]));
  const names = nameBook(live, m);
  const liveCanonical = (): ReturnType<typeof canonicalFromLive> =>
    canonicalFromLive(liveExperimentOf(live), noHoldouts);

  it('is empty for equal canonical values', () => {
    const desired = desiredCanonical(m);
    const diff = diffExperiment(desired, withoutUnmanaged(liveCanonical(), desired), names);
    expect(diff).toMatchObject({ fields: [], changes: [] });
    expect(diff.touches('metadata', 'design', 'holdout', 'immutable')).toBe(false);
  });

  it('with one side absent, changes every field of the other and names no field to update', () => {
    const created = diffExperiment(desiredCanonical(m), undefined);
    expect(created.fields).toEqual([]);
    expect(created.changes.length).toBeGreaterThan(0);
    expect(created.changes.every((c) => c.from === undefined && c.to !== undefined)).toBe(true);
    const deleted = diffExperiment(undefined, liveCanonical());
    expect(deleted.changes.every((c) => c.to === undefined && c.from !== undefined)).toBe(true);
  });

  it('splits metadata from design and names the changed fields', () => {
    const changed = experiment({
      name: 'Renamed',
      iteration: {
        metrics: ['checkout-conversion'],
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 30, variations: { 'checkout-button': 'control' } },
          { name: 'Above the fold', baseline: false, allocationPercent: 70, variations: { 'checkout-button': 'top' } },
        ],
      },
    });
    const desired = desiredCanonical(changed);
    const diff = diffExperiment(desired, withoutUnmanaged(liveCanonical(), desired), names);
    expect(diff.touches('metadata')).toBe(true);
    expect(diff.touches('holdout', 'immutable')).toBe(false);
    expect(diff.fieldsIn('metadata').map((f) => f.field)).toEqual(['name']);
    expect(diff.fieldsIn('design').map((f) => f.field)).toEqual(['metrics', 'treatments']);
    expect(diff.changesIn('metadata')).toEqual([{ field: 'name', from: 'Checkout button placement', to: 'Renamed' }]);
    expect(diff.changesIn('design').map((c) => c.field)).toEqual([
      'iteration.metrics',
      'iteration.treatments[Above the fold].allocationPercent',
      'iteration.treatments[Control].allocationPercent',
    ]);
    expect(diff.fields.map((f) => f.field)).toEqual(['name', 'metrics', 'treatments']);
    expect(diff.changes).toEqual([
      { field: 'name', from: 'Checkout button placement', to: 'Renamed' },
      {
        field: 'iteration.metrics',
        from: 'Checkout conversion (checkout-conversion), Page load time (page-load-ms)',
        to: 'Checkout conversion (checkout-conversion)',
      },
      { field: 'iteration.treatments[Above the fold].allocationPercent', from: '50', to: '70' },
      { field: 'iteration.treatments[Control].allocationPercent', from: '50', to: '30' },
    ]);
  });

  it('shows rules and variations by name', () => {
    const changed = experiment({
      iteration: { flags: { 'checkout-button': { rule: 'rule-2', notInExperiment: 'bottom' } } },
    });
    const desired = desiredCanonical(changed);
    const diff = diffExperiment(desired, withoutUnmanaged(liveCanonical(), desired), names);
    expect(diff.changes).toEqual([
      { field: 'iteration.flags[checkout-button].rule', from: 'fallthrough', to: 'Everyone in Canada' },
      { field: 'iteration.flags[checkout-button].notInExperiment', from: 'control', to: 'Bottom placement' },
    ]);
  });

  it('lists added and removed treatments field by field', () => {
    const changed = experiment({
      iteration: {
        treatments: [
          { name: 'Control', baseline: true, allocationPercent: 50, variations: { 'checkout-button': 'control' } },
          { name: 'Below', baseline: false, allocationPercent: 50, variations: { 'checkout-button': 'bottom' } },
        ],
      },
    });
    const desired = desiredCanonical(changed);
    const diff = diffExperiment(desired, withoutUnmanaged(liveCanonical(), desired), names);
    expect(diff.changes).toEqual([
      { field: 'iteration.treatments[Below].baseline', to: 'false' },
      { field: 'iteration.treatments[Below].allocationPercent', to: '50' },
      { field: 'iteration.treatments[Below].variation[checkout-button]', to: 'Bottom placement' },
      { field: 'iteration.treatments[Above the fold].baseline', from: 'false' },
      { field: 'iteration.treatments[Above the fold].allocationPercent', from: '50' },
      { field: 'iteration.treatments[Above the fold].variation[checkout-button]', from: 'top' },
    ]);
  });
});

describe('iteration numbers, as LaunchDarkly counts them (1 for the first)', () => {
  const it_ = (id: string, status: LdIteration['status']): LdIteration => ({
    _id: id,
    hypothesis: 'h',
    status,
    createdAt: 1,
  });
  it.each<[string, Partial<LdExperiment>, number, number | undefined]>([
    ['no iteration at all', {}, 1, undefined],
    ['a draft only', { draftIteration: it_('a', 'not_started') }, 1, undefined],
    [
      'running after two earlier ones',
      { previousIterations: [it_('a', 'stopped'), it_('b', 'stopped')], currentIteration: it_('c', 'running') },
      3,
      3,
    ],
    ['stopped', { previousIterations: [it_('a', 'stopped')], currentIteration: it_('b', 'stopped') }, 2, undefined],
    [
      'a draft beside the running one',
      { currentIteration: it_('a', 'running'), draftIteration: it_('b', 'not_started') },
      2,
      1,
    ],
    [
      'the running one reported as the draft too',
      { currentIteration: it_('a', 'running'), draftIteration: it_('a', 'running') },
      1,
      1,
    ],
  ])('%s: compared iteration %i, running %s', (_, iterations, compared, running) => {
    const e = ldExperiment({ key: 'x', ...iterations });
    expect([iterationNumber(e), runningIterationNumber(e)]).toEqual([compared, running]);
  });
});

describe('holdout membership is managed only when the manifest states it', () => {
  const live = (holdoutId?: string) =>
    canonicalFromLive(ldExperiment({ key: 'x', ...(holdoutId ? { holdoutId } : {}) }), () => 'q4');
  const desired = (holdout?: string | null) => ({
    ...canonicalFromLive(ldExperiment({ key: 'x' }), () => undefined),
    ...(holdout !== undefined ? { holdout } : {}),
  });
  it.each<[string, string | null | undefined, string | undefined, string | null | undefined]>([
    ['omitted, live member', undefined, 'h-1', undefined],
    ['omitted, in no holdout', undefined, undefined, undefined],
    ['null, live member', null, 'h-1', 'q4'],
    ['null, in no holdout', null, undefined, null],
    ['a key, in no holdout', 'q4', undefined, null],
  ])('%s: live reads as %s', (_, want, have, expected) => {
    const out = withoutUnmanaged(live(have), desired(want));
    expect('holdout' in out ? out.holdout : 'absent').toEqual(expected === undefined ? 'absent' : expected);
  });
});
