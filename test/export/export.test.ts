/** The pure conversion live → manifests: exact documents, exact warnings, files and layout. */
import { describe, expect, it } from 'vitest';

import { exportManifests, experimentDocument } from '../../src/export/index.js';
import type { ResourceContext } from '../../src/export/context.js';
import type { LdExperiment, LdHoldout, LdIteration } from '../../src/live/ld-types.js';
import { ENV, PROJECT, ldExperiment, liveProject, liveState } from '../helpers/builders.js';

const dependent = (key: string, isGroup = false) => ({
  key,
  _versionId: `v-${key}`,
  name: key,
  kind: isGroup ? 'funnel' : 'custom',
  isGroup,
  _links: {},
});

/** An iteration; an override of `undefined` removes the field. */
function iteration(overrides: Loose<LdIteration> = {}): LdIteration {
  const it = {
    _id: 'it-1',
    hypothesis: 'Top converts better',
    status: 'running',
    createdAt: 1,
    flags: { 'checkout-button': { targetingRule: 'fallthrough', _links: {} } },
    primarySingleMetric: { key: 'checkout-conversion', _versionId: 'v', name: 'c', kind: 'custom', _links: {} },
    metrics: [dependent('checkout-conversion')],
    treatments: [
      {
        _id: 'var-control',
        name: 'Control',
        allocationPercent: '50',
        baseline: true,
        parameters: [{ flagKey: 'checkout-button', variationId: 'var-control' }],
      },
      {
        _id: 'var-top',
        name: 'Top',
        allocationPercent: '50',
        parameters: [{ flagKey: 'checkout-button', variationId: 'var-top' }],
      },
    ],
    ...overrides,
  };
  return Object.fromEntries(Object.entries(it).filter(([, v]) => v !== undefined)) as unknown as LdIteration;
}

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

const HOLDOUT: LdHoldout = {
  _id: 'holdout-id',
  status: 'running',
  holdoutAmount: '5',
  createdAt: 1,
  updatedAt: 1,
  baseExperiment: ldExperiment({
    key: 'q-holdout',
    name: 'Quarter holdout',
    type: 'holdout',
    currentIteration: iteration({
      randomizationUnit: 'account',
      primarySingleMetric: { key: 'revenue', _versionId: 'v', name: 'r', kind: 'custom', _links: {} },
      metrics: [dependent('revenue'), dependent('checkout-funnel', true)],
    }),
  }),
};

function context(experiments: LdExperiment[] = []): ResourceContext {
  const live = liveState({ experiments, holdouts: [HOLDOUT] });
  const environment = live.environments[0]!;
  return {
    target: { project: PROJECT, environment: ENV },
    project: liveProject(),
    environment,
    address: 'experiment/web/production/x',
    warnings: [],
  };
}

describe('experimentDocument', () => {
  it('a stopped mab on two flags: every field in manifest form and order, defaults left out', () => {
    const experiment = ldExperiment({
      key: 'x',
      name: 'Everything',
      description: 'All of it',
      tags: ['z', 'a', 'z'],
      methodology: 'frequentist',
      dataSource: 'snowflake',
      type: 'mab',
      holdoutId: 'holdout-id',
      analysisConfig: {
        significanceThreshold: '0.05',
        testDirection: 'two-sided',
        multipleComparisonCorrectionMethod: 'bonferroni',
        multipleComparisonCorrectionScope: 'variations',
        sequentialTestingEnabled: false,
      },
      currentIteration: iteration({
        status: 'stopped',
        winningTreatmentId: 'var-top',
        winningReason: 'Clear lift',
        randomizationUnit: 'account',
        attributes: ['device', 'country'],
        canReshuffleTraffic: false,
        reallocationFrequencyMillis: 3_600_000,
        primarySingleMetric: undefined,
        primaryFunnel: { key: 'checkout-funnel', name: 'f', kind: 'funnel', _links: {} },
        metrics: [dependent('checkout-funnel', true), dependent('revenue')],
        flags: {
          'checkout-button': { targetingRule: 'rule-2', notInExperimentVariationId: 'var-bottom', _links: {} },
          banner: { targetingRule: 'fallthrough', notInExperimentVariationId: 'var-true', _links: {} },
        },
        treatments: [
          {
            _id: 'var-control',
            name: 'Control',
            allocationPercent: '50',
            baseline: true,
            parameters: [
              { flagKey: 'checkout-button', variationId: 'var-control' },
              { flagKey: 'banner', variationId: 'var-true' },
            ],
          },
          {
            _id: 'var-top',
            name: 'Top',
            allocationPercent: '50',
            parameters: [
              { flagKey: 'checkout-button', variationId: 'var-top' },
              { flagKey: 'banner', variationId: 'var-false' },
            ],
          },
        ],
      }),
    });
    const c = context([experiment]);
    expect(experimentDocument(experiment, c)).toEqual({
      apiVersion: 'ldexp/v1',
      kind: 'Experiment',
      metadata: { key: 'x', project: 'web', environment: 'production' },
      spec: {
        name: 'Everything',
        description: 'All of it',
        maintainerId: 'member-1',
        tags: ['a', 'z'],
        methodology: 'frequentist',
        dataSource: 'snowflake',
        type: 'mab',
        analysis: {
          significanceThreshold: 0.05,
          testDirection: 'two-sided',
          multipleComparisonCorrection: { method: 'bonferroni', scope: 'variations' },
          sequentialTesting: false,
        },
        holdout: 'q-holdout',
        state: 'stopped',
        iteration: {
          hypothesis: 'Top converts better',
          randomizationUnit: 'account',
          attributes: ['country', 'device'],
          canReshuffleTraffic: false,
          reallocationFrequencyMillis: 3_600_000,
          primaryFunnel: 'checkout-funnel',
          metrics: ['revenue'],
          flags: {
            banner: { rule: 'fallthrough' },
            'checkout-button': { rule: 'Everyone in Canada', notInExperiment: 'Bottom placement' },
          },
          treatments: [
            {
              name: 'Control',
              baseline: true,
              allocationPercent: 50,
              variations: { banner: true, 'checkout-button': 'control' },
            },
            { name: 'Top', allocationPercent: 50, variations: { banner: false, 'checkout-button': 'top' } },
          ],
        },
        stop: { winner: 'Top', reason: 'Clear lift' },
      },
    });
    expect(c.warnings).toEqual([]);
  });

  it('a draft next to a running iteration is exported as the draft (what plan compares)', () => {
    const experiment = ldExperiment({
      key: 'x',
      currentIteration: iteration({ hypothesis: 'running one' }),
      draftIteration: iteration({ status: 'not_started', hypothesis: 'the draft' }),
    });
    const document = experimentDocument(experiment, context([experiment]));
    expect(document?.['spec']).toMatchObject({ state: 'draft', iteration: { hypothesis: 'the draft' } });
  });

  it.each<[string, Partial<LdExperiment>, Loose<LdIteration>, [string, string][]]>([
    [
      'an empty name',
      { name: '' },
      {},
      [['/spec/name', 'LaunchDarkly holds an empty value, which a manifest cannot state; exported as "x"']],
    ],
    [
      'an empty tag',
      { tags: ['a', ''] },
      {},
      [['/spec/tags', 'an empty tag cannot be written in a manifest; tags left out (not managed)']],
    ],
    [
      'an unknown methodology',
      { methodology: 'magic' },
      {},
      [['/spec/methodology', 'methodology "magic" is not one a manifest can state; left out']],
    ],
    [
      'an unknown type',
      { type: 'layered' },
      {},
      [['/spec/type', 'type "layered" is not one a manifest can state; left out']],
    ],
    [
      'a threshold that is no number',
      { analysisConfig: { bayesianThreshold: 'high' } },
      {},
      [['/spec/analysis/bayesianThreshold', '"high" is not a number; left out (not managed)']],
    ],
    [
      'a holdout of another environment',
      { holdoutId: 'elsewhere' },
      {},
      [
        [
          '/spec/holdout',
          'the experiment is in holdout "elsewhere", which is not in this environment; membership left out (not managed)',
        ],
      ],
    ],
    [
      'six attributes',
      {},
      { attributes: ['a', 'b', 'c', 'd', 'e', 'f'] },
      [
        [
          '/spec/iteration/attributes',
          '6 attributes, more than the 5 a manifest allows; attributes left out (not managed)',
        ],
      ],
    ],
    [
      'a reallocation frequency without mab',
      {},
      { reallocationFrequencyMillis: 5 },
      [
        [
          '/spec/iteration/reallocationFrequencyMillis',
          'a manifest states it only for type mab; left out (not managed)',
        ],
      ],
    ],
    [
      'no primary metric',
      {},
      { primarySingleMetric: undefined },
      [['/spec/iteration/primaryMetric', 'the iteration has no primary metric in LaunchDarkly; a manifest needs one']],
    ],
    [
      'a stopped iteration without a winner',
      {},
      { status: 'stopped' },
      [['/spec/stop/winner', 'LaunchDarkly names no winning treatment; exported as the baseline "Control"']],
    ],
    [
      'a rule that no longer exists',
      {},
      { flags: { 'checkout-button': { targetingRule: 'rule-gone', _links: {} } } },
      [
        [
          '/spec/iteration/flags/checkout-button/rule',
          'flag "checkout-button" has no targeting rule with ID "rule-gone"',
        ],
      ],
    ],
  ])('%s: a warning names the field, the closest form is exported', (_, fields, iterationFields, expected) => {
    const experiment = ldExperiment({ key: 'x', currentIteration: iteration(iterationFields), ...fields });
    const c = context([experiment]);
    expect(experimentDocument(experiment, c)).toBeDefined();
    expect(c.warnings.map((w) => [w.field, w.message])).toEqual(expected);
  });

  it('an experiment without any iteration has no manifest form', () => {
    const c = context();
    expect(experimentDocument(ldExperiment({ key: 'x' }), c)).toBeUndefined();
    expect(c.warnings.map((w) => w.field)).toEqual(['/spec/iteration']);
  });
});

describe('exportManifests', () => {
  const running = ldExperiment({ key: 'running', currentIteration: iteration() });
  const archived = ldExperiment({
    key: 'old',
    archivedDate: 5,
    currentIteration: iteration({ status: 'stopped', winningTreatmentId: 'var-top' }),
  });
  const live = liveState({ experiments: [running, archived, HOLDOUT.baseExperiment], holdouts: [HOLDOUT] });
  const options = {
    project: PROJECT,
    environments: [ENV],
    includeArchived: false,
    source: 'https://app.launchdarkly.com',
    exportedAt: '2026-03-01T12:00:00.000Z',
  };

  it('one file per experiment and holdout, a Config; no archived, no holdout base experiment', () => {
    const result = exportManifests(live, options);
    expect(result.files.map((f) => [f.path, f.kind])).toEqual([
      ['ldexp.yaml', 'Config'],
      ['production/holdouts/q-holdout.yaml', 'Holdout'],
      ['production/running.yaml', 'Experiment'],
    ]);
    expect(result.archivedSkipped).toEqual(['experiment/web/production/old']);
    expect(result.files[0]?.text).toBe(
      '# Exported by ldexp from https://app.launchdarkly.com (project web, environment production) at 2026-03-01T12:00:00.000Z.\n\napiVersion: ldexp/v1\nkind: Config\nproject: web\nenvironment: production\n',
    );
    expect(result.files[1]?.text)
      .toBe(`# Exported by ldexp from https://app.launchdarkly.com (project web, environment production) at 2026-03-01T12:00:00.000Z.
# Review and commit it: \`ldexp plan\` shows no changes until Git or LaunchDarkly changes.

apiVersion: ldexp/v1
kind: Holdout
metadata:
  key: q-holdout
  project: web
  environment: production
spec:
  name: Quarter holdout
  randomizationUnit: account
  holdoutAmount: 5
  primaryMetric: revenue
  metrics:
    - revenue
    - { group: checkout-funnel }
  maintainerId: member-1
  state: active
`);
  });

  it('--include-archived adds archived experiments; other environments are not exported', () => {
    const result = exportManifests(live, { ...options, includeArchived: true, environments: [ENV] });
    expect(result.files.map((f) => f.path)).toContain('production/old.yaml');
    expect(exportManifests(live, { ...options, environments: ['staging'] }).files.map((f) => f.path)).toEqual([
      'ldexp.yaml',
    ]);
  });
});
