/**
 * Round trip, proven (issue 9, item 2): for any live state the emulator holds that a manifest can
 * state, `export` then `plan` against the same state shows no changes, with no warning and no
 * problem. Generated states cover every iteration status (draft, running with previous
 * iterations, stopped with a winner, archived, a draft next to a running iteration), multi-flag
 * treatments, rules by ref, description and ID, funnels and metric groups, holdout members (and
 * ended holdouts), analysis settings, methodology, data source, mab, unicode names, JSON
 * variations and names that collide with values. In-process over real HTTP, one emulator per run.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type {
  EmulatorSeed,
  SeedExperiment,
  SeedFlag,
  SeedHoldout,
  SeedIteration,
  SeedProject,
} from '../../src/emulator/index.js';
import { exportManifests } from '../../src/export/index.js';
import type { ExportResult } from '../../src/export/index.js';
import type { ConnectionOptions } from '../../src/pipeline.js';
import { plan, readProject } from '../../src/pipeline.js';
import { hasChanges } from '../../src/plan/types.js';

// ── the fixed world: flags chosen for awkward references ──────────────────────────────────────

const ENVIRONMENTS = ['production', 'staging'] as const;
type Env = (typeof ENVIRONMENTS)[number];

/** Flag → variation `_id`s, so seeds never depend on how a name or value reads. */
const FLAGS: Record<string, { variations: NonNullable<SeedFlag['variations']>; rules?: boolean }> = {
  // Rules by ref, by description only, and by nothing but their ID.
  button: {
    variations: [
      { _id: 'button-control', value: 'control', name: 'Control' },
      { _id: 'button-top', value: 'top', name: 'Top' },
      { _id: 'button-bottom', value: 'bottom', name: 'Bottom' },
    ],
    rules: true,
  },
  banner: {
    variations: [
      { _id: 'banner-on', value: true, name: 'Shown' },
      { _id: 'banner-off', value: false },
    ],
  },
  // Names that are other variations' values, a repeated name, a nameless one.
  collide: {
    variations: [
      { _id: 'collide-a', value: 'a', name: 'b' },
      { _id: 'collide-b', value: 'b', name: 'a' },
      { _id: 'collide-c', value: 'c' },
      { _id: 'collide-d', value: 'd', name: 'twin' },
      { _id: 'collide-e', value: 'e', name: 'twin' },
      { _id: 'collide-true', value: 'true', name: 'fallthrough' },
    ],
  },
  // JSON values, with and without names; two with the same value.
  json: {
    variations: [
      { _id: 'json-red', value: { color: 'red', sizes: [1, 2] }, name: 'Red' },
      { _id: 'json-blue', value: { color: 'blue' } },
      { _id: 'json-list', value: [1, 'two', null] },
      { _id: 'json-same-1', value: { same: true } },
      { _id: 'json-same-2', value: { same: true } },
    ],
  },
  // Unicode names and numbers.
  unicode: {
    variations: [
      { _id: 'uni-1', value: 1, name: 'Contrôle ✓' },
      { _id: 'uni-2', value: 2, name: '日本語のボタン' },
      { _id: 'uni-3', value: 3 },
    ],
  },
};
const FLAG_KEYS = Object.keys(FLAGS);

const RULES = [
  { _id: 'rule-beta', ref: 'beta-users', description: 'Beta users', clauses: [{ attribute: 'beta', values: [true] }] },
  { _id: 'rule-staff', description: 'Internal staff', clauses: [{ attribute: 'staff', values: [true] }] },
  { _id: 'rule-anon', clauses: [{ attribute: 'anonymous', values: [true] }] },
  // A description that is another rule's ref: only `{ description }` names it.
  { _id: 'rule-tricky', description: 'beta-users', clauses: [{ attribute: 'tricky', values: [true] }] },
];
const RULE_IDS = ['fallthrough', ...RULES.map((r) => r._id)];

const METRICS = ['conversion', 'revenue', 'latency', 'signups'];
const FUNNEL = 'checkout-funnel';
const GROUP = 'engagement';

function world(): Omit<SeedProject, 'experiments' | 'holdouts'> {
  return {
    key: 'web',
    environments: [...ENVIRONMENTS],
    contextKinds: [{ key: 'user' }, { key: 'account' }],
    flags: FLAG_KEYS.map((key) => {
      const flag = FLAGS[key];
      const env = { on: true, version: 3, ...(flag?.rules ? { rules: RULES } : {}) };
      return {
        key,
        kind: key === 'banner' ? ('boolean' as const) : ('multivariate' as const),
        variations: flag?.variations ?? [],
        environments: { production: env, staging: env },
      };
    }),
    metrics: METRICS.map((key) => ({ key, name: key })),
    metricGroups: [
      { key: FUNNEL, kind: 'funnel', metrics: [{ key: 'conversion' }, { key: 'revenue' }] },
      { key: GROUP, kind: 'standard', metrics: [{ key: 'signups' }, { key: 'latency' }] },
    ],
  };
}

// ── generators ───────────────────────────────────────────────────────────────────────────────

const TRICKY_NAMES = ['Contrôle ✓', 'true', '7', 'null', 'yes', '- dash', 'a: b', '#hash', ' padded ', 'Top', 'b'];
const nameArb = fc.oneof(
  fc.constantFrom(...TRICKY_NAMES),
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
);

const allocations = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
    return sorted.slice(1).map((v, i) => v - (sorted[i] ?? 0));
  });

const variationIds = (flag: string): string[] => FLAGS[flag]?.variations.map((v) => v._id ?? '') ?? [];

/** One iteration design in the seed's form: 1-2 flags, 2-3 treatments with distinct first-flag variations. */
const iterationArb: fc.Arbitrary<SeedIteration> = fc
  .shuffledSubarray(FLAG_KEYS, { minLength: 1, maxLength: 2 })
  .chain((flags) => {
    const first = flags[0] ?? 'button';
    const max = Math.min(3, variationIds(first).length);
    return fc
      .integer({ min: 2, max })
      .chain((n) =>
        fc.record({
          hypothesis: nameArb,
          flags: fc.tuple(
            ...flags.map((flag) =>
              fc.record(
                {
                  flag: fc.constant(flag),
                  rule: fc.constantFrom(...(FLAGS[flag]?.rules ? RULE_IDS : ['fallthrough'])),
                  notInExperimentVariation: fc.constantFrom(...variationIds(flag)),
                },
                { requiredKeys: ['flag', 'rule'] },
              ),
            ),
          ),
          firsts: fc.shuffledSubarray(variationIds(first), { minLength: n, maxLength: n }),
          others: fc.array(fc.tuple(...flags.slice(1).map((flag) => fc.constantFrom(...variationIds(flag)))), {
            minLength: n,
            maxLength: n,
          }),
          names: fc.uniqueArray(nameArb, { minLength: n, maxLength: n }),
          allocation: allocations(n),
          baseline: fc.integer({ min: 0, max: n - 1 }),
          randomizationUnit: fc.constantFrom('user', 'account'),
          attributes: fc.subarray(['country', 'device', 'plan', 'ország']),
          canReshuffleTraffic: fc.boolean(),
          primary: fc.constantFrom(...METRICS, FUNNEL),
          metrics: fc.subarray([...METRICS, FUNNEL, GROUP]),
          winner: fc.nat(),
          winningReason: fc.option(nameArb, { nil: undefined }),
        }),
      )
      .map((d) => ({
        hypothesis: d.hypothesis,
        flags: d.flags,
        randomizationUnit: d.randomizationUnit,
        attributes: d.attributes,
        canReshuffleTraffic: d.canReshuffleTraffic,
        primaryMetric: d.primary,
        metrics: [d.primary, ...d.metrics.filter((m) => m !== d.primary)],
        treatments: d.firsts.map((variation, i) => ({
          name: d.names[i] ?? `T${String(i)}`,
          allocation: d.allocation[i] ?? 0,
          baseline: i === d.baseline,
          parameters: [
            { flag: first, variation },
            ...flags.slice(1).map((flag, j) => ({ flag, variation: d.others[i]?.[j] ?? variationIds(flag)[0] ?? '' })),
          ],
        })),
        winner: d.names[d.winner % d.names.length] ?? 'T0',
        ...(d.winningReason !== undefined ? { winningReason: d.winningReason } : {}),
      }));
  });

const analysisArb = fc.record(
  {
    bayesianThreshold: fc.constantFrom('90', '95', '97.5'),
    significanceThreshold: fc.constantFrom('0.05', '0.1'),
    testDirection: fc.constantFrom('two-sided', 'one-sided'),
    correction: fc.record({
      multipleComparisonCorrectionMethod: fc.constantFrom('bonferroni' as const, 'benjamini-hochberg' as const),
      multipleComparisonCorrectionScope: fc.constantFrom(
        'variations' as const,
        'variations-and-metrics' as const,
        'metrics' as const,
      ),
    }),
    sequentialTestingEnabled: fc.boolean(),
  },
  { requiredKeys: [] },
);

type Shape = 'draft' | 'running' | 'running-with-previous' | 'running-with-draft' | 'stopped' | 'archived';

const experimentArb = (key: string, holdout: string | undefined): fc.Arbitrary<SeedExperiment> =>
  fc
    .record(
      {
        shape: fc.constantFrom<Shape>(
          'draft',
          'running',
          'running-with-previous',
          'running-with-draft',
          'stopped',
          'archived',
        ),
        name: nameArb,
        description: fc.option(nameArb, { nil: undefined }),
        tags: fc.subarray(['checkout', 'ldexp-managed', 'équipe', 'q4']),
        methodology: fc.constantFrom('bayesian' as const, 'frequentist' as const, 'export_only' as const),
        dataSource: fc.constantFrom('launchdarkly' as const, 'snowflake' as const),
        mab: fc.option(fc.integer({ min: 1, max: 86_400_000 }), { nil: undefined }),
        isMab: fc.boolean(),
        maintainerId: fc.option(fc.constantFrom('member-1', 'member-ü'), { nil: undefined }),
        analysis: fc.option(analysisArb, { nil: undefined }),
        inHoldout: fc.boolean(),
        iteration: iterationArb,
        previous: fc.array(iterationArb, { minLength: 1, maxLength: 2 }),
        draft: iterationArb,
      },
      {
        requiredKeys: [
          'shape',
          'name',
          'tags',
          'methodology',
          'dataSource',
          'isMab',
          'inHoldout',
          'iteration',
          'previous',
          'draft',
        ],
      },
    )
    .map((e) => {
      const mab = e.isMab;
      const strip = (it: SeedIteration): SeedIteration =>
        mab && e.mab !== undefined ? { ...it, reallocationFrequencyMillis: e.mab } : it;
      const state = e.shape.startsWith('running') ? 'running' : (e.shape as SeedExperiment['state']);
      const { correction, ...analysis } = e.analysis ?? {};
      const out: SeedExperiment = {
        key,
        name: e.name,
        tags: e.tags,
        methodology: e.methodology,
        dataSource: e.dataSource,
        state,
        iteration: strip(e.iteration),
      };
      if (mab) out.type = 'mab';
      if (e.description !== undefined) out.description = e.description;
      if (e.maintainerId !== undefined) out.maintainerId = e.maintainerId;
      if (e.analysis !== undefined) out.analysisConfig = { ...analysis, ...correction };
      if (holdout !== undefined && e.inHoldout) out.holdout = holdout;
      if (e.shape === 'running-with-previous') out.previousIterations = e.previous.map(strip);
      if (e.shape === 'running-with-draft') out.draftIteration = strip(e.draft);
      return out;
    });

const holdoutArb = (key: string): fc.Arbitrary<SeedHoldout> =>
  fc
    .record({
      key: fc.constant(key),
      name: nameArb,
      description: fc.option(nameArb, { nil: undefined }),
      holdoutAmount: fc.constantFrom(1, 5, 12.5, 50),
      randomizationUnit: fc.constantFrom('user', 'account'),
      primaryMetric: fc.constantFrom(...METRICS),
      metrics: fc.subarray([...METRICS, FUNNEL]),
      attributes: fc.subarray(['country', 'device']),
      status: fc.constantFrom('created' as const, 'ended' as const),
    })
    .map(({ description, ...h }) => {
      const out: SeedHoldout = { ...h, metrics: [h.primaryMetric, ...h.metrics.filter((m) => m !== h.primaryMetric)] };
      if (description !== undefined) out.description = description;
      return out;
    });

const environmentArb = (env: Env): fc.Arbitrary<{ experiments: SeedExperiment[]; holdouts: SeedHoldout[] }> =>
  fc.boolean().chain((withHoldout) => {
    const holdoutKey = withHoldout ? `holdout-${env}` : undefined;
    return fc.record({
      experiments: fc
        .integer({ min: 1, max: 3 })
        .chain((n) =>
          fc.tuple(...Array.from({ length: n }, (_, i) => experimentArb(`${env}-exp-${String(i)}`, holdoutKey))),
        ),
      holdouts: holdoutKey === undefined ? fc.constant([]) : holdoutArb(holdoutKey).map((h) => [h]),
    });
  });

const seedArb: fc.Arbitrary<EmulatorSeed> = fc
  .tuple(environmentArb('production'), environmentArb('staging'))
  .map(([production, staging]) => ({
    projects: [
      {
        ...world(),
        experiments: { production: production.experiments, staging: staging.experiments },
        holdouts: { production: production.holdouts, staging: staging.holdouts },
      },
    ],
  }));

// ── the property ─────────────────────────────────────────────────────────────────────────────

async function writeFiles(root: string, result: ExportResult): Promise<void> {
  for (const file of result.files) {
    const absolute = join(root, ...file.path.split('/'));
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, file.text);
  }
}

async function roundTrip(seed: EmulatorSeed): Promise<void> {
  const emulator = await startEmulator({ seed, port: 0 });
  const root = await mkdtemp(join(tmpdir(), 'ldexp-roundtrip-'));
  try {
    const connection: ConnectionOptions = { baseUrl: emulator.url, token: 'api-roundtrip', concurrency: 4 };
    const read = await readProject('web', undefined, connection);
    const exported = exportManifests(read.live, {
      project: 'web',
      environments: read.environments,
      includeArchived: true,
      source: emulator.url,
      exportedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(exported.warnings).toEqual([]);
    await writeFiles(root, exported);
    const planned = await plan([root], {}, connection);
    const texts = exported.files.map((f) => `--- ${f.path}\n${f.text}`).join('\n');
    expect(planned.problems, texts).toEqual([]);
    const changed = planned.plan?.resources.filter((r) => r.action !== 'no-op' || r.unapplied !== undefined) ?? [];
    expect(changed, texts).toEqual([]);
    expect(planned.plan && hasChanges(planned.plan)).toBe(false);
    const writes = emulator.requests.filter((r) => r.method !== 'GET');
    expect(writes).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
    await emulator.close();
  }
}

describe('export then plan shows no changes (generative)', () => {
  it('for generated live states', async () => {
    await fc.assert(fc.asyncProperty(seedArb, roundTrip), { numRuns: 40 });
  }, 240_000);
});
