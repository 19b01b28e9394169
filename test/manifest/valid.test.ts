import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, test } from 'vitest';

import { loadManifests, parseManifestText } from '../../src/manifest/index.js';
import type { ExperimentManifest, HoldoutManifest, ManifestSet } from '../../src/manifest/index.js';
import { compileSchemas } from '../../src/schema/compile.js';
import { validateDocuments } from '../../src/schema/index.js';
import { readSchemas } from '../helpers/schemas.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const FILE = 'valid.yaml';

/** The model without the source's function, which toEqual cannot compare. */
function plain(set: ManifestSet): unknown {
  const strip = (m: ExperimentManifest | HoldoutManifest): unknown => ({
    ...m,
    source: { file: m.source.file, documentIndex: m.source.documentIndex },
  });
  return { ...set, experiments: set.experiments.map(strip), holdouts: set.holdouts.map(strip) };
}

const searchSpec = {
  name: 'Search ranking',
  state: 'draft',
  methodology: 'bayesian',
  dataSource: 'launchdarkly',
  type: 'experiment',
  iteration: {
    hypothesis: 'Personalised ranking increases clicks',
    randomizationUnit: 'user',
    canReshuffleTraffic: true,
    primaryFunnel: 'search-funnel',
    metrics: [],
    flags: {
      'search-ranker': { rule: { ref: 'beta-users' } },
      'search-layout': { rule: 'fallthrough' },
    },
    treatments: [
      {
        name: 'Baseline',
        baseline: true,
        allocationPercent: 33.3,
        variations: { 'search-ranker': 'classic', 'search-layout': { value: { columns: 1 } } },
      },
      {
        name: 'Personalised',
        baseline: false,
        allocationPercent: 33.3,
        variations: { 'search-ranker': { name: 'personalised' }, 'search-layout': { id: 'var-2' } },
      },
      {
        name: 'Both',
        baseline: false,
        allocationPercent: 33.4,
        variations: { 'search-ranker': true, 'search-layout': 2 },
      },
    ],
  },
};

const EXPECTED = {
  config: { file: FILE, project: 'web', environment: 'production', prune: false, managedTag: 'ldexp-managed' },
  files: [FILE],
  // The pure validator cannot see unread files; the loader fills in the Config's folder.
  scope: { limits: [] },
  experiments: [
    {
      kind: 'Experiment',
      key: 'checkout-button',
      project: 'web',
      environment: 'production',
      source: { file: FILE, documentIndex: 1 },
      spec: {
        name: 'Checkout button placement',
        description: 'Does moving the button up lift conversion?',
        maintainerId: '12ab3c45de678910fgh12345',
        tags: ['checkout'],
        methodology: 'bayesian',
        dataSource: 'launchdarkly',
        type: 'experiment',
        analysis: {
          bayesianThreshold: 95,
          significanceThreshold: 0.05,
          testDirection: 'two-sided',
          multipleComparisonCorrection: { method: 'bonferroni', scope: 'variations' },
          sequentialTesting: false,
        },
        holdout: 'q4-holdout',
        state: 'running',
        iteration: {
          hypothesis: 'Moving the button above the fold increases checkout conversion',
          randomizationUnit: 'user',
          attributes: ['country', 'device'],
          canReshuffleTraffic: true,
          primaryMetric: 'checkout-conversion',
          metrics: ['checkout-conversion', 'page-load-ms', { group: 'checkout-funnel' }],
          flags: { 'checkout-button-placement': { rule: 'fallthrough', notInExperiment: 'control' } },
          treatments: [
            {
              name: 'Control',
              baseline: true,
              allocationPercent: 50,
              variations: { 'checkout-button-placement': 'control' },
            },
            {
              name: 'Above the fold',
              baseline: false,
              allocationPercent: 50,
              variations: { 'checkout-button-placement': 'top' },
            },
          ],
          changeJustification: 'Metrics redesign',
          replacesIteration: 3,
        },
        stop: { winner: 'Above the fold', reason: 'Clear lift after two weeks' },
      },
    },
    // `environments: [staging, production]` → one experiment per environment, project from Config.
    {
      kind: 'Experiment',
      key: 'search-ranking',
      project: 'web',
      environment: 'staging',
      source: { file: FILE, documentIndex: 2 },
      spec: searchSpec,
    },
    {
      kind: 'Experiment',
      key: 'search-ranking',
      project: 'web',
      environment: 'production',
      source: { file: FILE, documentIndex: 2 },
      spec: searchSpec,
    },
  ],
  holdouts: [
    {
      kind: 'Holdout',
      key: 'q4-holdout',
      project: 'web',
      environment: 'production',
      source: { file: FILE, documentIndex: 3 },
      spec: {
        name: 'Q4 global holdout',
        description: 'Measures the combined effect of Q4 experiments',
        randomizationUnit: 'user',
        attributes: ['country'],
        holdoutAmount: 5,
        primaryMetric: 'revenue',
        metrics: ['revenue', { group: 'checkout-funnel' }],
        prerequisiteFlag: 'q4-program',
        maintainerId: '12ab3c45de678910fgh12345',
        state: 'active',
      },
    },
    {
      kind: 'Holdout',
      key: 'minimal-holdout',
      // No metadata: the command-line environment wins over Config's; the project comes from Config.
      project: 'web',
      environment: 'from-cli',
      source: { file: FILE, documentIndex: 4 },
      spec: {
        name: 'Minimal',
        randomizationUnit: 'user',
        holdoutAmount: 0.5,
        primaryMetric: 'revenue',
        metrics: ['revenue'],
        state: 'ended',
      },
    },
  ],
};

describe('valid manifests', () => {
  test('loadManifests builds the exact desired model with defaults filled and shorthands expanded', async () => {
    const { manifests, problems } = await loadManifests(['.'], { environment: 'from-cli' }, { cwd: FIXTURES });
    expect(problems).toEqual([]);
    expect(plain(manifests)).toEqual({ ...EXPECTED, scope: { configFolder: '.', limits: [] } });
  });

  test('the pure validator gives the same model, shares nothing with the parsed data, and locates', async () => {
    const text = readFileSync(path.join(FIXTURES, FILE), 'utf8');
    const { documents } = parseManifestText(FILE, text);
    const before = structuredClone(documents.map((d) => d.data));
    const schemas = compileSchemas(await readSchemas());
    const { manifests, problems } = validateDocuments(documents, { environment: 'from-cli' }, schemas);
    expect(problems).toEqual([]);
    expect(plain(manifests)).toEqual(EXPECTED);
    expect(documents.map((d) => d.data)).toEqual(before);

    const [checkout, staging, production] = manifests.experiments;
    // Expanded experiments share their source but no data.
    expect(staging?.source).toBe(production?.source);
    expect(staging?.spec).not.toBe(production?.spec);
    expect(staging?.spec.iteration.treatments[0]?.variations).not.toBe(
      production?.spec.iteration.treatments[0]?.variations,
    );
    const raw = documents[1]?.data as { spec: { iteration: { flags: unknown } } };
    expect(checkout?.spec.iteration.flags).not.toBe(raw.spec.iteration.flags);

    // A mapping value is located at its key: the place a reference problem about it points to.
    expect(checkout?.source.locate('/spec/iteration/treatments/1/variations')).toEqual({
      file: FILE,
      line: 51,
      column: 9,
      endLine: 51,
      endColumn: 19,
    });
    expect(checkout?.source.locate('/spec/iteration/treatments/0/variation')).toEqual({
      file: FILE,
      line: 48,
      column: 20,
      endLine: 48,
      endColumn: 27,
    });
  });

  test('without a Config the defaults are prune false and managedTag ldexp-managed', async () => {
    const text =
      'apiVersion: ldexp/v1\nkind: Holdout\nmetadata: { key: h }\nspec: { name: H, holdoutAmount: 10, primaryMetric: m, metrics: [m], state: active }\n';
    const schemas = compileSchemas(await readSchemas());
    const { manifests, problems } = validateDocuments(
      parseManifestText('h.yaml', text).documents,
      { project: 'p', environment: 'e' },
      schemas,
    );
    expect(problems).toEqual([]);
    expect(manifests.config).toEqual({ prune: false, managedTag: 'ldexp-managed' });
    expect(manifests.holdouts.map((h) => [h.project, h.environment, h.spec.randomizationUnit])).toEqual([
      ['p', 'e', 'user'],
    ]);
  });

  test('holdout: null is kept as null (leave the holdout); an omitted holdout stays absent (not managed)', async () => {
    const doc = (holdout: string): string =>
      `apiVersion: ldexp/v1\nkind: Experiment\nmetadata: { key: e }\nspec:\n  name: E\n${holdout}  state: draft\n  iteration:\n    hypothesis: H\n    primaryMetric: m\n    flags: { f: { rule: fallthrough } }\n    treatments: [{ name: A, baseline: true, allocationPercent: 100, variation: a }]\n`;
    const schemas = compileSchemas(await readSchemas());
    const specOf = (text: string) => {
      const { manifests, problems } = validateDocuments(
        parseManifestText('e.yaml', text).documents,
        { project: 'p', environment: 'e' },
        schemas,
      );
      expect(problems).toEqual([]);
      return manifests.experiments[0]!.spec;
    };
    expect(specOf(doc('  holdout: null\n')).holdout).toBeNull();
    expect(specOf(doc('  holdout: ~\n')).holdout).toBeNull();
    expect('holdout' in specOf(doc(''))).toBe(false);
  });
});
