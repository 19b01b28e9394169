/**
 * Three-way plans (`plan --base`) and `ldexp drift`, end to end: a real Git repository with two
 * commits, the emulator edited "in the UI" (a semantic PATCH, as LaunchDarkly's UI sends) between
 * them, and the real binary reading both.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  EXPERIMENTS,
  editInLaunchDarkly,
  experimentManifest,
  gitIn,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
} from './helpers.js';
import type { Workspace } from './helpers.js';

const FILE = 'manifests/exp-draft.yaml';
const LIVE_NAME = 'Draft experiment';
const draft = (name: string): string =>
  experimentManifest({ key: 'exp-draft', flag: 'draft-flag', state: 'draft', name });

let emulator: RunningEmulator;
let ws: Workspace;

function git(...args: string[]): string {
  return gitIn(ws.root, ...args);
}

/** Write the manifest and commit it. */
async function commit(name: string, message: string): Promise<void> {
  await ws.write({ [FILE]: draft(name) });
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}

/** What someone does in the LaunchDarkly UI: rename the experiment. */
const renameInLaunchDarkly = (name: string): Promise<void> =>
  editInLaunchDarkly(emulator, 'exp-draft', { kind: 'updateName', value: name });

const run = (args: string[]) => ldexp(args, { emulator, cwd: ws.root });

interface JsonChange {
  field: string;
  from?: string;
  to?: string;
  origin?: string;
}

async function jsonChanges(args: string[]): Promise<JsonChange[]> {
  const result = await run(['plan', '--json', ...args, 'manifests']);
  expect(result.code, result.stderr).toBe(0);
  const plan = JSON.parse(result.stdout) as { resources: { key: string; changes: JsonChange[] }[] };
  return plan.resources.find((resource) => resource.key === 'exp-draft')?.changes ?? [];
}

beforeEach(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE }, { port: 0 });
  ws = await workspace();
  git('init', '-q', '-b', 'main');
  await commit(LIVE_NAME, 'base: matches LaunchDarkly');
});

afterEach(async () => {
  await emulator.close();
  await ws.remove();
});

describe('plan --base labels each change', () => {
  it('git: only the manifests changed', async () => {
    await commit('Renamed in Git', 'rename in Git');

    expect(await jsonChanges(['--base', 'HEAD~1'])).toEqual([
      { field: 'name', from: LIVE_NAME, to: 'Renamed in Git', origin: 'git' },
    ]);
    const text = await run(['plan', '--base', 'HEAD~1', 'manifests']);
    expect(text.stdout).toMatch(/Compared with the manifests at HEAD~1 \([0-9a-f]{12}\): 1 change from Git, 0 drift/);
    expect(text.stdout).toContain('    Changed in Git:\n        name: Draft experiment → Renamed in Git');
    expect(text.stdout).not.toContain('⚠ Reverts');
    const markdown = await run(['plan', '--markdown', '--base', 'HEAD~1', 'manifests']);
    expect(markdown.stdout).toContain('**Changed in Git**');
    expect(markdown.stdout).not.toContain('[!CAUTION]');
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it('drift: only LaunchDarkly changed, and the plan says loudly that applying reverts it', async () => {
    await ws.write({ 'README.md': 'unrelated\n' });
    await commit(LIVE_NAME, 'unrelated change');
    await renameInLaunchDarkly('Renamed in UI');

    expect(await jsonChanges(['--base', 'HEAD~1'])).toEqual([
      { field: 'name', from: 'Renamed in UI', to: LIVE_NAME, origin: 'drift' },
    ]);
    const text = await run(['plan', '--base', 'HEAD~1', 'manifests']);
    expect(text.stdout).toContain(
      '    Drift: changed in LaunchDarkly outside Git (applying reverts it):\n        name: Renamed in UI → Draft experiment',
    );
    expect(text.stdout).toContain(
      '⚠ Reverts a change made in LaunchDarkly: experiment web/production/exp-draft (Draft experiment): name "Renamed in UI" → "Draft experiment"',
    );
    const markdown = await run(['plan', '--markdown', '--base', 'HEAD~1', 'manifests']);
    expect(markdown.stdout).toContain(
      '> [!CAUTION]\n> - **⚠️ Reverts a change made in LaunchDarkly:** experiment “Draft experiment” <code>experiment/web/production/exp-draft</code>: name',
    );
    expect(markdown.stdout).toContain('**⚠️ Drift: changed in LaunchDarkly outside Git \\(applying reverts it\\)**');
  });

  it('both: Git and LaunchDarkly changed the same field', async () => {
    await renameInLaunchDarkly('Renamed in UI');
    await commit('Renamed in Git', 'rename in Git');

    expect(await jsonChanges(['--base', 'HEAD~1'])).toEqual([
      { field: 'name', from: 'Renamed in UI', to: 'Renamed in Git', origin: 'both' },
    ]);
    const text = await run(['plan', '--base', 'HEAD~1', 'manifests']);
    expect(text.stdout).toContain(
      '⚠ Overwrites a change made in LaunchDarkly (Git changed it too): experiment web/production/exp-draft (Renamed in Git): name "Renamed in UI" → "Renamed in Git"',
    );
    const markdown = await run(['plan', '--markdown', '--base', 'HEAD~1', 'manifests']);
    expect(markdown.stdout).toContain('**⚠️ Overwrites a change made in LaunchDarkly (Git changed it too):**');
  });

  it('labels a whole experiment new in Git as git, and carries no labels without --base', async () => {
    await ws.write({
      'manifests/new.yaml': experimentManifest({ key: 'brand-new', flag: 'new-flag', state: 'draft' }),
    });
    git('add', '-A');
    git('commit', '-q', '-m', 'add an experiment');

    const result = await run(['plan', '--json', '--base', 'HEAD~1', 'manifests']);
    const plan = JSON.parse(result.stdout) as {
      resources: { key: string; stateOrigin?: string; changes: JsonChange[] }[];
    };
    const added = plan.resources.find((resource) => resource.key === 'brand-new')!;
    expect(added.stateOrigin).toBe('git');
    expect(new Set(added.changes.map((change) => change.origin))).toEqual(new Set(['git']));
    expect(await jsonChanges([])).toEqual([]);
    const unlabelled = JSON.parse((await run(['plan', '--json', 'manifests'])).stdout) as { base?: unknown };
    expect(unlabelled.base).toBeUndefined();
  });

  it('a plan saved with --base has the same hash as without, and applies the same requests', async () => {
    await renameInLaunchDarkly('Renamed in UI');
    const saved = await run(['plan', '--base', 'HEAD', '--out', 'plan.json', 'manifests']);
    expect(saved.code, saved.stderr).toBe(0);
    const withBase = JSON.parse(await readText('plan.json')) as { hash: string; base: { commit: string } };
    const without = JSON.parse((await run(['plan', '--json', 'manifests'])).stdout) as { hash: string };
    expect(withBase.hash).toBe(without.hash);
    expect(withBase.base.commit).toBe(git('rev-parse', 'HEAD').trim());

    const applied = await run(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesOf(emulator.requests)).toEqual([`PATCH ${EXPERIMENTS}/exp-draft [updateExperimentFields]`]);
  });
});

function readText(name: string): Promise<string> {
  return readFile(ws.path(name), 'utf8');
}

describe('plan --base errors', () => {
  it('plans unlabelled, and says why, when the manifests at the base have errors; drift then refuses', async () => {
    await ws.write({ [FILE]: draft(LIVE_NAME).replace('state: draft', 'state: paused') });
    git('commit', '-q', '-am', 'broken');
    await commit('Renamed in Git', 'fixed and renamed');

    const text = await run(['plan', '--base', 'HEAD~1', 'manifests']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /Not compared with the manifests at HEAD~1 \([0-9a-f]{12}\): they cannot be planned against LaunchDarkly \(1 error\(s\); the first: manifests\/exp-draft\.yaml:9: spec\.state: expected one of draft, running, stopped, archived, found string "paused"\)\./,
    );
    expect(text.stdout).toContain(
      '~ experiment web/production/exp-draft (Renamed in Git)  update: metadata only\n    name:',
    );
    expect(await jsonChanges(['--base', 'HEAD~1'])).toEqual([{ field: 'name', from: LIVE_NAME, to: 'Renamed in Git' }]);

    const drift = await run(['drift', '--base', 'HEAD~1', 'manifests']);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain(
      "Error [BaseNotCompared]: cannot tell drift from Git's changes: the manifests at HEAD~1",
    );
  });

  it('names a ref that does not exist, before reading LaunchDarkly', async () => {
    const result = await run(['plan', '--base', 'no-such-branch', 'manifests']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Error [GitRefNotFound]: no commit named "no-such-branch" in the Git repository at',
    );
    expect(emulator.requests).toEqual([]);
  });

  it('refuses a ref that git would read as an option', async () => {
    const result = await run(['plan', '--base=--output=x', 'manifests']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error [GitRefNotFound]: --base expects a Git ref');
  });

  it('says the folder is not a Git repository', async () => {
    const plain = await workspace({ [FILE]: draft(LIVE_NAME) });
    try {
      const result = await ldexp(['plan', '--base', 'main', 'manifests'], { emulator, cwd: plain.root });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Error [NotAGitRepository]: --base reads the manifests from Git, but');
      expect(result.stderr).toContain('is not inside a Git work tree');
    } finally {
      await plain.remove();
    }
  });

  it('says which fetch-depth a shallow clone needs', async () => {
    await commit('Renamed in Git', 'second');
    const base = git('rev-parse', 'HEAD~1').trim();
    const clone = await workspace();
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${ws.root}`, clone.path('repo')]);
      const result = await ldexp(['plan', '--base', base, 'manifests'], { emulator, cwd: clone.path('repo') });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `Error [GitShallowClone]: the base "${base}" is not in this clone, which is shallow (only the newest commits were fetched). Fetch the whole history (actions/checkout with \`fetch-depth: 0\`), or fetch the base itself: \`git fetch --depth=1 origin ${base}\``,
      );
    } finally {
      await clone.remove();
    }
  });

  it('refuses a path outside the repository', async () => {
    const outside = await workspace({ 'x.yaml': draft(LIVE_NAME) });
    try {
      const result = await run(['plan', '--base', 'HEAD', outside.path('x.yaml')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Error [PathOutsideRepository]:');
    } finally {
      await outside.remove();
    }
  });
});

describe('ldexp drift', () => {
  it('exits 0 and says so when LaunchDarkly matches Git, without writing anything', async () => {
    const result = await run(['drift', 'manifests']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('No drift: LaunchDarkly matches Git.');
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it('exits 2 and lists what LaunchDarkly has and what Git says, in text and Markdown', async () => {
    await renameInLaunchDarkly('Renamed in UI');
    const text = await run(['drift', 'manifests']);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(
      '~ experiment web/production/exp-draft (Draft experiment)\n    name: LaunchDarkly has "Renamed in UI", Git says "Draft experiment"',
    );
    expect(text.stdout).toContain('⚠ Drift in 1 resource: LaunchDarkly was changed outside Git');
    const markdown = await run(['drift', '--format', 'markdown', 'manifests']);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain(
      '#### experiment “Draft experiment” <code>experiment/web/production/exp-draft</code>\n\n| Field | LaunchDarkly has | Git says |\n| --- | --- | --- |\n| name | Renamed in UI | Draft experiment |',
    );
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it('lists an experiment LaunchDarkly does not have yet as not created, not as drift', async () => {
    await ws.write({
      'manifests/new.yaml': experimentManifest({ key: 'brand-new', flag: 'new-flag', state: 'draft' }),
    });
    const result = await run(['drift', 'manifests']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Not created yet (in Git, not in LaunchDarkly; apply creates them; not drift):\n    experiment web/production/brand-new (brand-new)',
    );
  });

  it('with --base, a change made in Git is pending, not drift (exit 0); a UI edit still is (exit 2)', async () => {
    await commit('Renamed in Git', 'rename in Git');
    const pending = await run(['drift', '--base', 'HEAD~1', 'manifests']);
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout).toContain('Changed in Git since the base, not applied yet (not drift):');
    expect(pending.stdout).toContain('No drift: nothing Git describes was changed in LaunchDarkly since the base.');

    await renameInLaunchDarkly('Renamed in UI');
    const drifted = await run(['drift', '--base', 'HEAD~1', 'manifests']);
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain(
      'name: LaunchDarkly has "Renamed in UI", Git says "Renamed in Git" (Git changed it too)',
    );
  });

  it('exits 1 on errors: no token, a bad --base, a bad --format', async () => {
    const noToken = await ldexp(['drift', 'manifests'], { cwd: ws.root });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('LD_API_TOKEN is not set');
    const badBase = await run(['drift', '--base', 'nope', 'manifests']);
    expect(badBase.code).toBe(1);
    expect(badBase.stderr).toContain('Error [GitRefNotFound]');
    const badFormat = await run(['drift', '--format', 'html', 'manifests']);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('html');
  });
});
