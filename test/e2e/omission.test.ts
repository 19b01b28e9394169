/**
 * Leaving a field out never changes anything (issue 7, section 1), against the emulator over HTTP:
 * manifests that state every optional field (mostly with non-default values) are applied until
 * Git and LaunchDarkly agree; then each optional field, and random sets of them, are deleted. A
 * field with a documented default must plan exactly what writing that default plans; any other
 * field must plan nothing at all. The optional fields come from the published JSON Schemas.
 *
 * Nothing is applied after the start, so live state cannot move: it is read over HTTP once, and
 * each of the ~250 edited sets of manifests is loaded from disk and planned against it in this
 * process (the pure half of `plan`). Planning over HTTP gives the same outcome, which a test below
 * holds for a sample of the edits.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorSeed, RunningEmulator, SeedFlag } from '../../src/emulator/index.js';
import { readSchemas } from '../helpers/schemas.js';
import type { LiveState } from '../../src/live/index.js';
import type { ConnectionOptions } from '../../src/pipeline.js';
import { applyPlan, buildPlan, plan, readLiveFor, validate } from '../../src/pipeline.js';
import type { Plan } from '../../src/plan/index.js';
import type { Problem } from '../../src/types.js';
import { optionalFieldsOf, optionalFieldsOfSchema, withField, type OptionalField } from './optional-fields.js';

// ── the world and the in-sync manifests ────────────────────────────────────────────────────────

const buttonFlag = (key: string, version: number): SeedFlag => ({
  key,
  kind: 'multivariate',
  variations: [
    { value: 'control', name: 'Control' },
    { value: 'top', name: 'Top' },
    { value: 'bottom', name: 'Bottom' },
  ],
  environments: {
    production: {
      on: true,
      version,
      rules: [{ ref: 'beta-users', description: 'Beta users', clauses: [{ attribute: 'beta', values: [true] }] }],
      fallthrough: 'Control',
    },
  },
});

const SEED: EmulatorSeed = {
  projects: [
    {
      key: 'web',
      environments: ['production'],
      contextKinds: [{ key: 'user' }, { key: 'account' }],
      flags: [
        ...['f-draft', 'f-running', 'f-stopped', 'f-archived', 'f-mab'].map((key, i) => buttonFlag(key, i + 2)),
        {
          key: 'banner',
          kind: 'boolean',
          variations: [
            { value: true, name: 'Shown' },
            { value: false, name: 'Hidden' },
          ],
          environments: { production: { on: true, version: 9 } },
        },
        { key: 'program', kind: 'boolean', environments: { production: { on: true, version: 1 } } },
      ],
      metrics: [
        { key: 'checkout-conversion', name: 'Checkout conversion' },
        { key: 'page-load-ms', name: 'Page load', isNumeric: true, unitAggregationType: 'average' },
        { key: 'revenue', name: 'Revenue', isNumeric: true, unitAggregationType: 'sum' },
        { key: 'signups', name: 'Signups' },
      ],
      metricGroups: [
        { key: 'checkout-funnel', kind: 'funnel', metrics: [{ key: 'checkout-conversion' }, { key: 'revenue' }] },
      ],
    },
  ],
};

type State = 'draft' | 'running' | 'stopped' | 'archived';

const WHERE = { project: 'web', environment: 'production' };
const MAINTAINER = 'member-omission';

const CONFIG = {
  apiVersion: 'ldexp/v1',
  kind: 'Config',
  project: 'web',
  environment: 'production',
  prune: false,
  managedTag: 'ldexp-managed',
  allowedTargets: ['web/production'],
  ignore: ['/spec/maintainerId'],
  exclude: ['vendor/**'],
};

const HOLDOUT = {
  apiVersion: 'ldexp/v1',
  kind: 'Holdout',
  metadata: { key: 'q-holdout', ...WHERE },
  spec: {
    name: 'Quarter holdout',
    description: 'Measures the quarter',
    randomizationUnit: 'account',
    attributes: ['country'],
    holdoutAmount: 5,
    primaryMetric: 'revenue',
    metrics: ['revenue', 'signups'],
    prerequisiteFlag: 'program',
    maintainerId: MAINTAINER,
    state: 'active',
    ignore: ['/spec/attributes'],
  },
};

const STOP = { stop: { winner: 'Top', reason: 'Clear lift' } };

/** A draft on two flags: the general `variations` form, a funnel, every analysis field. */
const draft = (state: State) => ({
  apiVersion: 'ldexp/v1',
  kind: 'Experiment',
  metadata: { key: 'exp-draft', ...WHERE },
  spec: {
    name: 'Draft, two flags',
    description: 'Every optional field',
    maintainerId: MAINTAINER,
    tags: ['checkout', 'ldexp-managed'],
    methodology: 'frequentist',
    dataSource: 'snowflake',
    type: 'experiment',
    analysis: {
      significanceThreshold: 0.05,
      testDirection: 'two-sided',
      multipleComparisonCorrection: { method: 'bonferroni', scope: 'variations' },
      sequentialTesting: false,
    },
    holdout: null,
    state,
    ignore: ['/spec/tags'],
    iteration: {
      hypothesis: 'Two flags move together',
      randomizationUnit: 'account',
      attributes: ['country', 'device'],
      canReshuffleTraffic: false,
      primaryFunnel: 'checkout-funnel',
      metrics: ['page-load-ms', { group: 'checkout-funnel' }],
      flags: {
        'f-draft': { rule: 'beta-users', notInExperiment: 'Top' },
        banner: { rule: 'fallthrough', notInExperiment: 'Shown' },
      },
      treatments: [
        { name: 'Control', baseline: true, allocationPercent: 40, variations: { 'f-draft': 'Control', banner: false } },
        { name: 'Top', baseline: false, allocationPercent: 60, variations: { 'f-draft': 'Top', banner: true } },
      ],
      changeJustification: 'Not needed for a draft',
    },
    ...STOP,
  },
});

/** A one-flag experiment with the `variation` shorthand, in `state`. */
const single = (key: string, flag: string, state: State, extra: { spec?: object; iteration?: object } = {}) => ({
  apiVersion: 'ldexp/v1',
  kind: 'Experiment',
  metadata: { key, ...WHERE },
  spec: {
    name: `Experiment ${key}`,
    description: 'Every optional field',
    maintainerId: MAINTAINER,
    tags: ['growth'],
    methodology: 'bayesian',
    dataSource: 'launchdarkly',
    analysis: { bayesianThreshold: 90 },
    state,
    iteration: {
      hypothesis: 'Top converts better',
      randomizationUnit: 'user',
      attributes: ['plan'],
      canReshuffleTraffic: true,
      primaryMetric: 'checkout-conversion',
      metrics: ['checkout-conversion', 'signups'],
      flags: { [flag]: { rule: 'beta-users', notInExperiment: 'Bottom' } },
      treatments: [
        { name: 'Control', baseline: true, allocationPercent: 50, variation: 'Control' },
        { name: 'Top', baseline: false, allocationPercent: 50, variation: 'Top' },
      ],
      changeJustification: 'Acknowledged once',
      replacesIteration: 1,
      ...extra.iteration,
    },
    ...(state === 'stopped' || state === 'archived' ? STOP : {}),
    ...extra.spec,
  },
});

/** The documents as they are once applied: `phase 1` first creates and starts what ends stopped or archived. */
function documents(phase: 1 | 2): [string, object][] {
  const ended = (state: 'stopped' | 'archived'): State => (phase === 1 ? 'running' : state);
  return [
    ['ldexp.yaml', CONFIG],
    ['q-holdout.yaml', HOLDOUT],
    ['exp-draft.yaml', draft('draft')],
    [
      'exp-running.yaml',
      {
        ...single('exp-running', 'f-running', 'running', {
          spec: { holdout: 'q-holdout' },
          iteration: { randomizationUnit: 'account' },
        }),
        metadata: { key: 'exp-running', project: 'web', environments: ['production'] },
      },
    ],
    ['exp-stopped.yaml', single('exp-stopped', 'f-stopped', ended('stopped'))],
    ['exp-archived.yaml', single('exp-archived', 'f-archived', ended('archived'))],
    [
      'exp-mab.yaml',
      single('exp-mab', 'f-mab', 'running', {
        spec: { type: 'mab' },
        iteration: { reallocationFrequencyMillis: 3_600_000 },
      }),
    ],
  ];
}

const IN_SYNC = documents(2);

// ── outcomes ───────────────────────────────────────────────────────────────────────────────────

type Outcome =
  | { invalid: string[] }
  | { errors: string[]; steps: { resource: string; instructions: string[]; impact: string; body: unknown }[] };

let emulator: RunningEmulator;
let dir: string;
let connection: ConnectionOptions;
/** LaunchDarkly once Git and it agree: nothing is applied after that. */
let converged: LiveState;

const codes = (problems: readonly Problem[]): string[] =>
  problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.code} ${p.position?.file.split('/').pop() ?? ''}${p.pointer ?? ''}`)
    .sort();

/** Each document's YAML: an edit leaves the other documents as they are, so each is written out once. */
const texts = new WeakMap<object, string>();
const textOf = (doc: object): string => {
  const text = texts.get(doc) ?? stringify(doc);
  texts.set(doc, text);
  return text;
};

/** What each file holds now: a file is written only when its text changes. */
const written = new Map<string, string>();

async function write(docs: readonly [string, object][]): Promise<void> {
  const changed = docs.map(([file, doc]) => [file, textOf(doc)] as const).filter(([f, t]) => written.get(f) !== t);
  await Promise.all(changed.map(([file, text]) => writeFile(join(dir, file), text)));
  for (const [file, text] of changed) written.set(file, text);
}

const outcome = (problems: readonly Problem[], planned?: Plan): Outcome => ({
  errors: codes(problems),
  steps: (planned?.steps ?? []).map((s) => ({
    resource: s.resource,
    instructions: s.instructions,
    impact: s.impact,
    body: s.body,
  })),
});

/** Outcomes by the documents' text: writing a default is planned once, however many cases ask. */
const outcomes = new Map<string, Outcome>();

/** What planning `docs` against the converged state gives; nothing is applied. */
async function outcomeOf(docs: readonly [string, object][]): Promise<Outcome> {
  const key = docs.map(([file, doc]) => `${file}\n${textOf(doc)}`).join('\n---\n');
  const known = outcomes.get(key);
  if (known) return known;
  await write(docs);
  const checked = await validate([dir], {});
  const result: Outcome =
    codes(checked.problems).length > 0
      ? { invalid: codes(checked.problems) }
      : (() => {
          const planned = buildPlan(checked.manifests, converged);
          return outcome([...checked.problems, ...planned.problems], planned.plan);
        })();
  outcomes.set(key, result);
  return result;
}

/** The same through `plan` over HTTP: load, read live, plan. */
async function outcomeOverHttp(docs: readonly [string, object][]): Promise<Outcome> {
  await write(docs);
  const checked = await validate([dir], {});
  if (codes(checked.problems).length > 0) return { invalid: codes(checked.problems) };
  const planned = await plan([dir], {}, connection);
  return outcome(planned.problems, planned.plan);
}

const NOTHING: Outcome = { errors: [], steps: [] };

// ── the fields and their defaults ──────────────────────────────────────────────────────────────

const schemas = await readSchemas();
const SCHEMA_OF: Record<string, Record<string, unknown>> = {
  Experiment: schemas.experiment as Record<string, unknown>,
  Holdout: schemas.holdout as Record<string, unknown>,
  Config: schemas.config as Record<string, unknown>,
};

const kindOf = (doc: object): string => (doc as { kind: string }).kind;

interface Deletion extends OptionalField {
  file: string;
  kind: string;
}

const DELETIONS: Deletion[] = IN_SYNC.flatMap(([file, doc]) =>
  optionalFieldsOf(SCHEMA_OF[kindOf(doc)]!, doc).map((f) => ({ ...f, file, kind: kindOf(doc) })),
);

/** `notInExperiment` defaults to the baseline treatment's variation of that flag. */
function computedDefault(doc: object, d: Deletion): { value: unknown } | undefined {
  if (d.default !== undefined) return { value: d.default };
  const flag = /^\/spec\/iteration\/flags\/([^/]+)\/notInExperiment$/.exec(d.pointer)?.[1];
  if (flag === undefined) return undefined;
  const it = (doc as { spec: { iteration: { treatments: Record<string, unknown>[] } } }).spec.iteration;
  const baseline = it.treatments.find((t) => t['baseline'] === true)!;
  return { value: baseline['variation'] ?? (baseline['variations'] as Record<string, unknown>)[flag] };
}

/** The in-sync documents with each deletion applied, by deleting the field or writing its default. */
function edited(deletions: readonly Deletion[], asDefault: boolean): [string, object][] {
  return IN_SYNC.map(([file, doc]) => {
    let out: unknown = doc;
    // Deepest first: deleting `spec.analysis` before `spec.analysis.significanceThreshold` would
    // leave the second nothing to delete.
    const mine = deletions.filter((x) => x.file === file).sort((a, b) => b.pointer.length - a.pointer.length);
    for (const d of mine) {
      const value = asDefault ? computedDefault(doc, d) : undefined;
      out = withField(out, d.pointer, value);
    }
    return [file, out as object];
  });
}

/** Whether omitting every deleted field is covered by a documented default. */
const defaulted = (d: Deletion): boolean => computedDefault(IN_SYNC.find(([f]) => f === d.file)![1], d) !== undefined;

// ── the tests ──────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  emulator = await startEmulator({ seed: SEED, port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'ldexp-omission-'));
  connection = { baseUrl: emulator.url, token: 'api-omission', concurrency: 2 };
  for (const phase of [1, 2] as const) {
    await write(documents(phase));
    const planned = await plan([dir], {}, connection);
    expect(codes(planned.problems)).toEqual([]);
    const report = await applyPlan(planned.plan!, connection, { checkFreshness: true });
    expect(report.outcomes.filter((o) => o.status !== 'ok')).toEqual([]);
  }
  // Every flag and target any edit can name: edits only take fields away or write defaults.
  converged = await readLiveFor((await validate([dir], {})).manifests, connection);
}, 60_000);

afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('leaving a field out of in-sync manifests', () => {
  it('starts in sync: nothing to do, over HTTP too', async () => {
    expect(await outcomeOf(IN_SYNC)).toEqual(NOTHING);
    expect(await outcomeOverHttp(IN_SYNC)).toEqual(NOTHING);
  });

  it('plans over HTTP what it plans against the state read once, for a sample of edits', async () => {
    // Every tenth field left out, written as its default where it has one, and all at once.
    const sample = DELETIONS.filter((_, i) => i % 10 === 0);
    const edits = [...sample.map((d) => edited([d], false)), ...sample.filter(defaulted).map((d) => edited([d], true))];
    edits.push(edited(sample, false));
    let planned = 0;
    for (const docs of edits) {
      const http = await outcomeOverHttp(docs);
      expect(await outcomeOf(docs)).toEqual(http);
      if ('steps' in http && http.steps.length > 0) planned += 1;
    }
    // The sample holds edits that plan something, not only no-ops and invalid documents.
    expect(planned).toBeGreaterThanOrEqual(3);
  });

  it.each(DELETIONS.map((d) => [`${d.file}${d.pointer}`, d] as const))('without %s', async (_, d) => {
    const omitted = await outcomeOf(edited([d], false));
    if ('invalid' in omitted) {
      // The document is no longer valid: nothing is planned, and writing the default (if any) is no better.
      if (defaulted(d)) expect(await outcomeOf(edited([d], true))).toEqual(omitted);
      return;
    }
    expect(omitted).toEqual(defaulted(d) ? await outcomeOf(edited([d], true)) : NOTHING);
  });

  it('audits every optional field of every kind: each is left out validly somewhere, but the one-of pairs', async () => {
    const valid = new Set<string>();
    for (const d of DELETIONS) {
      // The outcomes of the cases above: a field left out alone is validated once.
      if (!('invalid' in (await outcomeOf(edited([d], false))))) valid.add(`${d.kind} ${d.field}`);
    }
    // Exactly one of each pair is required, so neither can go alone.
    const ONE_OF = [
      'Experiment spec.iteration.primaryFunnel',
      'Experiment spec.iteration.primaryMetric',
      'Experiment spec.iteration.treatments[].variation',
      'Experiment spec.iteration.treatments[].variations',
    ];
    const all = Object.entries(SCHEMA_OF).flatMap(([kind, schema]) =>
      optionalFieldsOfSchema(schema).map((field) => `${kind} ${field}`),
    );
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((field) => !valid.has(field)).sort()).toEqual(ONE_OF);
  });

  it('any set of optional fields left out plans what writing their documented defaults plans', async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(fc.subarray(DELETIONS, { minLength: 2, maxLength: 6 }), async (deletions) => {
        const omitted = await outcomeOf(edited(deletions, false));
        if ('invalid' in omitted) return;
        planned += 1;
        const onlyDefaults = deletions.filter(defaulted);
        expect(omitted).toEqual(onlyDefaults.length === 0 ? NOTHING : await outcomeOf(edited(onlyDefaults, true)));
      }),
      { numRuns: 30, seed: 20_260_307, endOnFailure: true },
    );
    // Most random sets keep the documents valid, so the property is about plans, not validation.
    expect(planned).toBeGreaterThanOrEqual(10);
  });
});
