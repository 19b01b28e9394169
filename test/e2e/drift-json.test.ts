/**
 * `ldexp drift --format json` end to end: a real Git repository, the emulator edited "in the UI"
 * between commits, and stdout holding one JSON document valid against the published schema, with
 * the same exit codes as the text form.
 */
import { readFile } from 'node:fs/promises';

import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  editInLaunchDarkly,
  experimentManifest,
  gitIn,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
} from './helpers.js';
import type { Workspace } from './helpers.js';

const schema = JSON.parse(
  await readFile(new URL('../../schemas/drift-report.schema.json', import.meta.url), 'utf8'),
) as object;
const valid = new Ajv({ strict: true, allErrors: true }).compile(schema);

const FILE = 'manifests/exp-draft.yaml';
const draft = (name: string): string =>
  experimentManifest({ key: 'exp-draft', flag: 'draft-flag', state: 'draft', name });

let emulator: RunningEmulator;
let ws: Workspace;

async function commit(name: string): Promise<void> {
  await ws.write({ [FILE]: draft(name) });
  gitIn(ws.root, 'add', '-A');
  gitIn(ws.root, 'commit', '-q', '-m', name);
}

/** What someone does in the LaunchDarkly UI: rename the experiment. */
const renameInLaunchDarkly = (name: string): Promise<void> =>
  editInLaunchDarkly(emulator, 'exp-draft', { kind: 'updateName', value: name });

interface DriftJson {
  drifted: boolean;
  summary: string;
  base?: { ref: string; commit: string };
  drift: { key: string; changes: { field: string; from?: string; to?: string; origin?: string }[] }[];
  pending: { key: string; changes: { field: string; origin?: string }[] }[];
  notCreated: { key: string; source?: { file: string; line: number } }[];
}

async function driftJson(args: string[], expectedCode: number): Promise<DriftJson> {
  const result = await ldexp(['drift', '--format', 'json', ...args, 'manifests'], { emulator, cwd: ws.root });
  expect(result.code, result.stderr).toBe(expectedCode);
  const document = JSON.parse(result.stdout) as DriftJson;
  expect(valid(document), JSON.stringify(valid.errors)).toBe(true);
  return document;
}

beforeEach(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE }, { port: 0 });
  ws = await workspace();
  gitIn(ws.root, 'init', '-q', '-b', 'main');
  await commit('Draft experiment');
});

afterEach(async () => {
  await emulator.close();
  await ws.remove();
});

describe('ldexp drift --format json', () => {
  it('no drift: exit 0, drifted false; a new manifest is listed as not created, with its position', async () => {
    await ws.write({
      'manifests/new.yaml': experimentManifest({ key: 'brand-new', flag: 'new-flag', state: 'draft' }),
    });
    const report = await driftJson([], 0);
    expect(report).toMatchObject({
      drifted: false,
      drift: [],
      pending: [],
      summary: 'No drift: LaunchDarkly matches Git.',
    });
    expect(report.notCreated).toEqual([
      expect.objectContaining({
        key: 'brand-new',
        source: expect.objectContaining({ file: 'manifests/new.yaml', line: 1 }),
      }),
    ]);
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it('a UI rename: exit 2, what LaunchDarkly has and what Git says', async () => {
    await renameInLaunchDarkly('Renamed in UI');
    const report = await driftJson([], 2);
    expect(report.drifted).toBe(true);
    expect(report.drift).toEqual([
      expect.objectContaining({
        key: 'exp-draft',
        noManifest: false,
        changes: [{ field: 'name', from: 'Renamed in UI', to: 'Draft experiment' }],
      }),
    ]);
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it("with --base: Git's own change is pending (exit 0), a UI edit on top is drift labelled both (exit 2)", async () => {
    await commit('Renamed in Git');
    const pending = await driftJson(['--base', 'HEAD~1'], 0);
    expect(pending.base?.ref).toBe('HEAD~1');
    expect(pending.drift).toEqual([]);
    expect(pending.pending).toEqual([
      expect.objectContaining({
        key: 'exp-draft',
        changes: [expect.objectContaining({ field: 'name', origin: 'git' })],
      }),
    ]);

    await renameInLaunchDarkly('Renamed in UI');
    const drifted = await driftJson(['--base', 'HEAD~1'], 2);
    expect(drifted.drift).toEqual([
      expect.objectContaining({
        changes: [{ field: 'name', from: 'Renamed in UI', to: 'Renamed in Git', origin: 'both' }],
      }),
    ]);
  });

  it('--target narrows the report to one experiment', async () => {
    await ws.write({
      'manifests/new.yaml': experimentManifest({ key: 'brand-new', flag: 'new-flag', state: 'draft' }),
    });
    await renameInLaunchDarkly('Renamed in UI');
    const scoped = await driftJson(['--target', 'web/production/brand-new'], 0);
    expect(scoped).toMatchObject({
      drifted: false,
      drift: [],
      notCreated: [expect.objectContaining({ key: 'brand-new' })],
    });
    const other = await driftJson(['--target', 'web/production/exp-draft'], 2);
    expect(other.drift.map((entry) => entry.key)).toEqual(['exp-draft']);
    expect(other.notCreated).toEqual([]);
  });

  it('on errors: exit 1, the error on stderr and nothing on stdout', async () => {
    const result = await ldexp(['drift', '--format', 'json', '--base', 'nope', 'manifests'], {
      emulator,
      cwd: ws.root,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Error [GitRefNotFound]');
  });
});
