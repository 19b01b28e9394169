/**
 * Each stage's one entry, alone and without I/O: resolveAll → normalizeAll → diffAll →
 * planChanges, fed exact inputs and checked against exact outputs.
 */
import { describe, expect, it } from 'vitest';

import {
  diffAll,
  EXPERIMENT_FIELD_RULES,
  HOLDOUT_FIELD_RULES,
  type Diffs,
  type FieldRule,
} from '../../src/diff/index.js';
import type { LiveState } from '../../src/live/types.js';
import type { ManifestSet } from '../../src/manifest/types.js';
import { normalizeAll } from '../../src/normalize/index.js';
import { planChanges } from '../../src/plan/index.js';
import { resolveAll } from '../../src/resolve/index.js';
import type { Problem } from '../../src/types.js';
import { experiment, holdout, liveFromDesired, liveState, manifestSet } from '../helpers/builders.js';

const stagesUpToDiff = (desired: ManifestSet, live: LiveState): Diffs => {
  const resolution = resolveAll(desired, live);
  expect(resolution.problems).toEqual([]);
  return diffAll(normalizeAll(resolution, live), live);
};

describe('normalizeAll', () => {
  it('an experiment LaunchDarkly does not hold has a desired side only', () => {
    const desired = manifestSet([experiment()]);
    const normalized = normalizeAll(resolveAll(desired, liveFromDesired(manifestSet())), liveState());
    expect(normalized.holdouts).toEqual([]);
    expect(normalized.experiments.map((e) => Object.keys(e))).toEqual([['resolved', 'desired']]);
    expect(normalized.experiments[0]?.desired).toMatchObject({
      name: 'Checkout button placement',
      methodology: 'bayesian',
      iteration: { primary: { key: 'checkout-conversion', isGroup: false } },
    });
  });

  it('a live experiment is read into the same canonical form, unmanaged fields dropped', () => {
    const desired = manifestSet([experiment()]);
    const live = liveFromDesired(desired);
    const [normalized] = normalizeAll(resolveAll(desired, live), live).experiments;
    expect(Object.keys(normalized ?? {})).toEqual(['resolved', 'desired', 'live', 'liveWhole', 'liveCanonical']);
    expect(normalized?.liveCanonical).toEqual(normalized?.desired);
    expect(normalized?.live).toBe(live.environments[0]?.experiments[0]);
  });

  it('a live holdout is compared only on what both sides state', () => {
    const desired = manifestSet([], [holdout({ description: 'kept out' })]);
    const live = liveFromDesired(manifestSet([], [holdout()]));
    const [normalized] = normalizeAll(resolveAll(desired, live), live).holdouts;
    expect(normalized?.desired.description).toBe('kept out');
    expect(normalized?.liveCanonical?.description).toBe('');
    expect(Object.keys(normalized?.desired ?? {}).sort()).toEqual(Object.keys(normalized?.liveCanonical ?? {}).sort());
  });
});

describe('diffAll', () => {
  const base = manifestSet([experiment()], [holdout()]);
  const live = liveFromDesired(base);
  it.each<[string, ManifestSet, { experiment: string[][]; holdout: string[][]; changes: unknown[] }]>([
    ['nothing differs', base, { experiment: [[], [], [], []], holdout: [[], [], [], []], changes: [] }],
    [
      'a renamed experiment: metadata',
      manifestSet([experiment({ name: 'Renamed' })], [holdout()]),
      {
        experiment: [['name'], [], [], []],
        holdout: [[], [], [], []],
        changes: [{ field: 'name', from: 'Checkout button placement', to: 'Renamed' }],
      },
    ],
    [
      'a new not-in-experiment variation: design, shown by name',
      manifestSet(
        [
          experiment({
            iteration: { flags: { 'checkout-button': { rule: 'fallthrough', notInExperiment: 'bottom' } } },
          }),
        ],
        [holdout()],
      ),
      {
        experiment: [[], ['flags'], [], []],
        holdout: [[], [], [], []],
        changes: [
          { field: 'iteration.flags[checkout-button].notInExperiment', from: 'control', to: 'Bottom placement' },
        ],
      },
    ],
    [
      'a holdout renamed and resized: metadata and immutable',
      manifestSet([experiment()], [holdout({ name: 'Bigger', holdoutAmount: 10 })]),
      { experiment: [[], [], [], []], holdout: [['name'], [], [], ['holdoutAmount']], changes: [] },
    ],
  ])('%s', (_, desired, expected) => {
    const diffs = stagesUpToDiff(desired, live);
    const byCategory = (d: Diffs['experiments'][number]['diff'] | Diffs['holdouts'][number]['diff'] | undefined) =>
      (['metadata', 'design', 'holdout', 'immutable'] as const).map((c) => (d?.fieldsIn(c) ?? []).map((f) => f.field));
    expect(byCategory(diffs.experiments[0]?.diff)).toEqual(expected.experiment);
    expect(byCategory(diffs.holdouts[0]?.diff)).toEqual(expected.holdout);
    expect(diffs.experiments[0]?.diff.changes).toEqual(expected.changes);
  });
});

describe('planChanges', () => {
  const desired = manifestSet([experiment()]);
  const live = liveState();
  const diffs = stagesUpToDiff(desired, live);
  const warning: Problem = { severity: 'warning', code: 'Earlier', message: 'from resolve' };
  const error: Problem = { severity: 'error', code: 'Earlier', message: 'from resolve' };

  it.each<[string, Problem[], { steps: string[] | undefined; problems: Problem[]; warnings?: Problem[] }]>([
    ['creates what LaunchDarkly lacks', [], { steps: ['createExperiment'], problems: [], warnings: [] }],
    ['an earlier error means no plan, and is returned first', [error], { steps: undefined, problems: [error] }],
    [
      'an earlier warning travels with the plan',
      [warning],
      { steps: ['createExperiment'], problems: [warning], warnings: [warning] },
    ],
  ])('%s', (_, earlier, expected) => {
    const { plan, problems } = planChanges({ diffs, desired, live, problems: earlier });
    expect(plan?.steps.map((s) => s.kind)).toEqual(expected.steps);
    expect(problems).toEqual(expected.problems);
    expect(plan?.warnings).toEqual(expected.warnings);
  });

  it('plans from the diffs it is given: an empty diff set plans no resource', () => {
    const { plan } = planChanges({ diffs: { experiments: [], holdouts: [] }, desired, live, problems: [] });
    expect(plan?.resources).toEqual([]);
    expect(plan?.steps).toEqual([]);
  });
});

describe('the field-rule tables every field list derives from', () => {
  const fields = (rules: readonly FieldRule[], keep: (r: FieldRule) => boolean): string[] =>
    rules.filter(keep).map((r) => r.field);
  it.each<[string, readonly FieldRule[], (r: FieldRule) => boolean, string[]]>([
    [
      'experiment metadata',
      EXPERIMENT_FIELD_RULES,
      (r) => r.category === 'metadata',
      ['name', 'description', 'maintainerId', 'tags'],
    ],
    [
      "the experiment's own fields an update after a new iteration sends",
      EXPERIMENT_FIELD_RULES,
      (r) => (r.category === 'metadata' || r.category === 'design') && !r.inIteration,
      ['name', 'description', 'maintainerId', 'tags', 'methodology', 'analysisConfig', 'dataSource'],
    ],
    [
      'sets a running iteration may grow',
      EXPERIMENT_FIELD_RULES,
      (r) => r.addWhileRunning === true,
      ['attributes', 'metrics'],
    ],
    ['experiment fields no instruction changes', EXPERIMENT_FIELD_RULES, (r) => r.category === 'immutable', ['type']],
    ['holdout fields that can change', HOLDOUT_FIELD_RULES, (r) => r.category === 'metadata', ['name', 'description']],
  ])('%s', (_, rules, keep, expected) => {
    expect(fields(rules, keep)).toEqual(expected);
  });
});
