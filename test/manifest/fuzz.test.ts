/**
 * Bounded work on hostile input. Generated and mutated manifests (valid ones, mutated ones, random
 * envelopes, YAML token soup, raw bytes) go through the whole offline pipeline in process: parse,
 * validate, and a plan against an in-memory live state. Nothing may throw except a typed
 * LdexpError, no case may take long, and every problem about a manifest names file:line:column.
 * Very large files and very many documents must stay fast too. The seed is fixed, so CI runs the
 * same cases every time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LdexpError } from '../../src/errors.js';
import { buildPlan, validate } from '../../src/pipeline.js';
import { parseManifestText } from '../../src/manifest/parse.js';
import { manifestValidators, validateDocuments } from '../../src/schema/index.js';
import type { CompiledSchemas } from '../../src/schema/index.js';
import type { Problem } from '../../src/types.js';
import { workspace, type Workspace } from '../e2e/helpers.js';
import { optional } from '../helpers/arbitraries.js';
import { flag, liveProject, liveState, variation } from '../helpers/builders.js';

const SEED = 20261201;
const FILE = 'fuzz.yaml';
/** Far above what one small case takes (well under 10 ms), far below a hang. */
const CASE_BUDGET_MS = 2000;

const schemas: CompiledSchemas = manifestValidators;

/** Parse, validate and (when valid) plan one file; the problems of every stage. */
function pipeline(text: string, file = FILE): Problem[] {
  const parsed = parseManifestText(file, text);
  const validated = validateDocuments(parsed.documents, {}, schemas);
  const problems = [...parsed.problems, ...validated.problems];
  if (problems.some((p) => p.severity === 'error')) return problems;
  return [...problems, ...buildPlan(validated.manifests, liveState()).problems];
}

/**
 * The properties every case must have; returns the problems for further checks. Plain checks, not
 * `expect`: thousands of cases each make several, and vitest's expect costs more than a small case.
 */
function check(text: string): Problem[] {
  const started = performance.now();
  let problems: Problem[];
  try {
    problems = pipeline(text);
  } catch (error) {
    if (error instanceof LdexpError) return [];
    throw error;
  }
  const took = performance.now() - started;
  if (took >= CASE_BUDGET_MS) throw new Error(`took ${took.toFixed(0)} ms, over ${String(CASE_BUDGET_MS)} ms`);
  for (const problem of problems) expectPositioned(problem);
  return problems;
}

function expectPositioned(problem: Problem): void {
  const { file, line, column } = problem.position ?? {};
  if (file === FILE && line !== undefined && line >= 1 && column !== undefined && column >= 1) return;
  throw new Error(`not positioned in ${FILE}: ${JSON.stringify(problem)}`);
}

// ── generators ──────────────────────────────────────────────────────────────────────────────────

const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const FLAGS = { 'checkout-button': ['control', 'top', 'Bottom placement'], banner: [true, false] } as const;
const METRICS = ['checkout-conversion', 'page-load-ms', 'revenue', 'signups', 'no-such-metric'];

const experimentDoc = fc
  .record({
    key,
    state: fc.constantFrom('draft', 'running', 'stopped', 'archived', 'paused'),
    flag: fc.constantFrom('checkout-button', 'banner', 'missing-flag'),
    split: fc.integer({ min: -10, max: 110 }),
    metrics: fc.subarray(METRICS, { minLength: 1 }),
    holdout: optional(fc.constantFrom('hold', null)),
    environments: fc.option(fc.uniqueArray(fc.constantFrom('production', 'staging'), { minLength: 1 }), {
      nil: undefined,
    }),
    winner: optional(fc.constantFrom('Control', 'Treatment', 'Nobody')),
  })
  .map((o) => {
    const variations: readonly unknown[] = o.flag === 'missing-flag' ? ['a', 'b'] : FLAGS[o.flag];
    return {
      apiVersion: 'ldexp/v1',
      kind: 'Experiment',
      metadata: {
        key: o.key,
        project: 'web',
        ...(o.environments ? { environments: o.environments } : { environment: 'production' }),
      },
      spec: {
        name: o.key,
        state: o.state,
        ...(o.holdout !== undefined ? { holdout: o.holdout } : {}),
        iteration: {
          hypothesis: 'It helps',
          primaryMetric: o.metrics[0],
          metrics: o.metrics,
          flags: { [o.flag]: { rule: 'fallthrough' } },
          treatments: [
            { name: 'Control', baseline: true, allocationPercent: o.split, variation: variations[0] },
            { name: 'Treatment', allocationPercent: 100 - o.split, variation: variations[1] },
          ],
        },
        ...(o.winner !== undefined ? { stop: { winner: o.winner } } : {}),
      },
    };
  });

const holdoutDoc = fc.record({ key, amount: fc.integer({ min: -5, max: 120 }) }).map((o) => ({
  apiVersion: 'ldexp/v1',
  kind: 'Holdout',
  metadata: { key: o.key, project: 'web', environment: 'production' },
  spec: { name: o.key, holdoutAmount: o.amount, primaryMetric: 'revenue', metrics: ['revenue'], state: 'active' },
}));

const configDoc = fc
  .record({
    prune: fc.boolean(),
    allowed: optional(fc.constantFrom(['web/*'], ['web/staging'], ['x'])),
  })
  .map((o) => ({
    apiVersion: 'ldexp/v1',
    kind: 'Config',
    prune: o.prune,
    ...(o.allowed ? { allowedTargets: o.allowed } : {}),
  }));

/** A file of 1–4 documents as a person would write them (some invalid on purpose). */
const wellFormedFile = fc
  .array(fc.oneof({ weight: 4, arbitrary: experimentDoc }, holdoutDoc, configDoc), { minLength: 1, maxLength: 4 })
  .map((docs) => docs.map((doc) => stringify(doc)).join('---\n'));

/** Text edits: delete, insert YAML-significant text, duplicate or swap lines, re-indent, truncate. */
const SPECIAL = [
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '|',
  '>',
  '"',
  "'",
  '#',
  '\t',
  '\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '? ',
  ',',
  '@',
  '`',
  '\u0000',
  '\uFEFF',
  '\u2028',
];
const edit = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'duplicate-line', 'swap-lines', 'indent', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 20 }),
  text: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 8 })),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, e: Edit): string {
  const offset = Math.floor(e.at * text.length);
  const lines = text.split('\n');
  const line = Math.floor(e.at * lines.length);
  switch (e.kind) {
    case 'delete':
      return text.slice(0, offset) + text.slice(offset + e.length);
    case 'insert':
      return text.slice(0, offset) + e.text + text.slice(offset);
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap-lines':
      return [...lines.slice(0, line), lines[line + 1] ?? '', lines[line] ?? '', ...lines.slice(line + 2)].join('\n');
    case 'indent':
      return lines.map((l, i) => (i === line ? ' '.repeat(e.length % 5) + l.trimStart() : l)).join('\n');
    case 'truncate':
      return text.slice(0, offset);
  }
}

const mutatedFile = fc
  .tuple(wellFormedFile, fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([text, edits]) => edits.reduce(applyEdit, text));

/** The envelope right, everything inside it random. */
const randomEnvelope = fc
  .record({
    apiVersion: fc.oneof(fc.constant('ldexp/v1'), fc.jsonValue()),
    kind: fc.oneof(fc.constantFrom('Experiment', 'Holdout', 'Config'), fc.jsonValue()),
    metadata: fc.oneof(fc.record({ key, project: fc.jsonValue() }), fc.jsonValue()),
    spec: fc.jsonValue({ maxDepth: 4 }),
  })
  .map((doc) => stringify(doc));

const tokenSoup = fc
  .array(
    fc.oneof(fc.constantFrom(...SPECIAL, 'apiVersion: ldexp/v1\n', 'kind: Experiment\n', 'spec:\n', '  ', 'key'), key),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

/**
 * Any code point, lone surrogates included: what `unit: 'binary'` gives, without the 1.3 s that
 * fast-check spends building a reverse map of all 1,114,112 code points for that unit.
 */
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));

const rawText = fc.oneof(
  fc.string({ unit: codePoint, maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

/**
 * Each property with the problem codes its cases must reach and how many must plan: a generator
 * that stops reaching a gate fails here, not silently (this replaces a separate test that sampled
 * 300 more well-formed and mutated files for YamlSyntax, SchemaRange and DuplicateYamlKey). The
 * counts add up to the 10,000 generated and mutated manifests issue 11 asks the suite to run.
 */
interface FuzzCase {
  title: string;
  arbitrary: fc.Arbitrary<string>;
  numRuns: number;
  reaches: string[];
  plans: number;
}

const FUZZ_CASES: FuzzCase[] = [
  {
    title: 'well-formed files (valid and invalid), planned against live state',
    arbitrary: wellFormedFile,
    numRuns: 500,
    reaches: [
      'DuplicateKey',
      'ManagedTagMissing',
      'MissingStop',
      'MultipleConfigs',
      'NothingToArchive',
      'NothingToStop',
      'SchemaEnum',
      'SchemaPattern',
      'SchemaRange',
      'TargetNotAllowed',
      'UnknownFlag',
      'UnknownHoldout',
      'UnknownMetric',
      'UnknownWinner',
    ],
    plans: 40,
  },
  {
    title: 'mutated files',
    arbitrary: mutatedFile,
    numRuns: 1500,
    reaches: [
      'DuplicateYamlKey',
      'ManagedTagMissing',
      'MissingStop',
      'MultipleConfigs',
      'NotLdexpDocument',
      'SchemaEnum',
      'SchemaPattern',
      'SchemaRange',
      'SchemaRequired',
      'SchemaUnknownField',
      'TargetNotAllowed',
      'UnknownFlag',
      'UnknownHoldout',
      'UnknownKind',
      'UnknownMetric',
      'UnknownWinner',
      'UnsupportedApiVersion',
      'YamlSyntax',
      'YamlWarning',
    ],
    plans: 300,
  },
  {
    title: 'random documents inside the envelope',
    arbitrary: randomEnvelope,
    numRuns: 1500,
    reaches: ['NotLdexpDocument', 'SchemaPattern', 'SchemaRequired', 'SchemaType', 'SchemaUnknownField', 'UnknownKind'],
    plans: 100,
  },
  {
    title: 'YAML token soup (aliases, anchors, flow, tags, directives)',
    arbitrary: tokenSoup,
    numRuns: 5000,
    reaches: [
      'DuplicateYamlKey',
      'NotLdexpDocument',
      'UnknownKind',
      'UnsupportedApiVersion',
      'YamlSyntax',
      'YamlWarning',
    ],
    plans: 500,
  },
  {
    title: 'random bytes and text',
    arbitrary: rawText,
    numRuns: 1500,
    reaches: ['NotLdexpDocument', 'YamlSyntax'],
    plans: 400,
  },
];

describe('fuzz: generated and mutated manifests', () => {
  it('runs at least the 10,000 cases issue 11 asks for', () => {
    expect(FUZZ_CASES.reduce((total, c) => total + c.numRuns, 0)).toBeGreaterThanOrEqual(10_000);
  });

  for (const { title, arbitrary, numRuns, reaches, plans } of FUZZ_CASES) {
    it(`${title}: ${String(numRuns)} cases reach every gate they aim at`, () => {
      const codes = new Set<string>();
      let planned = 0;
      fc.assert(
        fc.property(arbitrary, (text) => {
          const problems = check(text);
          if (!problems.some((p) => p.severity === 'error')) planned += 1;
          for (const problem of problems) codes.add(problem.code);
        }),
        { numRuns, seed: SEED },
      );
      expect([...codes]).toEqual(expect.arrayContaining(reaches));
      expect(planned).toBeGreaterThanOrEqual(plans);
    });
  }
});

// ── large inputs ────────────────────────────────────────────────────────────────────────────────

/** Documents by description and state, with `__INDEX__` and `__FLAG__` where each one differs. */
const experimentTemplates = new Map<string, string>();

/**
 * One experiment as `yaml` writes it. Thousands are needed, so each shape is written out once and
 * the key, name and flag filled in: the same text, without thousands of stringify calls.
 */
function experimentText(index: number, description = '', flagKey = 'banner'): string {
  const state = index % 2 === 0 ? 'draft' : 'running';
  const shape = `${state}\n${description}`;
  let template = experimentTemplates.get(shape);
  if (template === undefined) {
    template = stringify({
      apiVersion: 'ldexp/v1',
      kind: 'Experiment',
      metadata: { key: 'exp-__INDEX__', project: 'web', environment: 'production' },
      spec: {
        name: 'Experiment __INDEX__',
        ...(description === '' ? {} : { description }),
        state,
        iteration: {
          hypothesis: 'It helps',
          primaryMetric: 'revenue',
          flags: { __FLAG__: { rule: 'fallthrough' } },
          treatments: [
            { name: 'Control', baseline: true, allocationPercent: 50, variation: true },
            { name: 'Treatment', allocationPercent: 50, variation: false },
          ],
        },
      },
    });
    experimentTemplates.set(shape, template);
  }
  return template.replaceAll('__INDEX__', String(index)).replace('__FLAG__', flagKey);
}

/** Runs `work` and fails when it takes longer than `limitMs`. */
function within<T>(limitMs: number, work: () => T): T {
  const started = performance.now();
  const result = work();
  expect(Math.round(performance.now() - started)).toBeLessThan(limitMs);
  return result;
}

describe('large inputs stay fast and positioned', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspace();
  });
  afterAll(async () => {
    await ws.remove();
  });

  // Each experiment on its own flag: 2,000 experiments sharing one flag are still super-linear in
  // the plan's flag-version ordering (src/plan/flag-versions.ts), which is being fixed separately.
  it('2,000 documents in one file are parsed, validated and planned', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `flag-${String(i)}`);
    const text = keys.map((flagKey, i) => experimentText(i, '', flagKey)).join('---\n');
    const flags = keys.map((flagKey) => flag(flagKey, { variations: [variation('t', true), variation('f', false)] }));
    const live = liveState({ project: liveProject({ flags }) });
    const planned = within(30_000, () => {
      const parsed = parseManifestText(FILE, text);
      const validated = validateDocuments(parsed.documents, {}, schemas);
      expect([...parsed.problems, ...validated.problems]).toEqual([]);
      return buildPlan(validated.manifests, live);
    });
    expect(planned.problems).toEqual([]);
    expect(planned.plan?.steps).toHaveLength(3000);
  });

  it('a 5 MB file (2,000 documents with long descriptions), with one error at its end', () => {
    const long = 'A long description. '.repeat(125);
    const docs = Array.from({ length: 2000 }, (_, i) => experimentText(i, long));
    const text = `${docs.join('---\n')}---\n${experimentText(1999)}`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const problems = within(20_000, () => pipeline(text));
    expect(problems.map((p) => [p.code, p.position?.line])).toEqual([
      ['DuplicateKey', text.split('\n').lastIndexOf('  key: exp-1999') + 1],
    ]);
  });

  it('hostile shapes: 20,000 duplicate keys, 20,000 empty documents, 50,000 list items, a deep nest, nested aliases', () => {
    const hostile = [
      'a: 1\n'.repeat(20_000),
      '---\n'.repeat(20_000),
      `apiVersion: ldexp/v1\nkind: Experiment\nmetadata: {key: a, project: web, environment: p}\nspec:\n  tags:\n${'    - t\n'.repeat(50_000)}`,
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      `a: &a [${'x, '.repeat(1000)}]\n${Array.from({ length: 200 }, (_, i) => `b${String(i)}: &b${String(i)} [*a, *a]`).join('\n')}\n`,
    ];
    for (const text of hostile) {
      const problems = within(30_000, () => pipeline(text));
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expectPositioned(problem);
    }
  });

  it('1,000 manifest files in nested folders load through loadManifests', async () => {
    for (let folder = 0; folder < 10; folder += 1) {
      const dir = join(ws.root, 'manifests', `team-${String(folder)}`);
      await mkdir(dir, { recursive: true });
      for (let file = 0; file < 100; file += 1) {
        const index = folder * 100 + file;
        await writeFile(join(dir, `exp-${String(index)}.yaml`), experimentText(index));
      }
    }
    await writeFile(join(ws.root, 'manifests', 'ldexp.yaml'), 'apiVersion: ldexp/v1\nkind: Config\nprune: true\n');
    const started = performance.now();
    const { manifests, problems } = await validate(['manifests'], {}, { cwd: ws.root });
    expect(Math.round(performance.now() - started)).toBeLessThan(20_000);
    expect(problems).toEqual([]);
    expect(manifests.experiments).toHaveLength(1000);
    expect(manifests.scope.limits).toEqual([]);
  });
});
