/**
 * Run scope: which part of the managed set (every manifest under the Config document's folder) a
 * run reads, and the error for a run that finds files but no documents in them.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeLimits, isWholeRun, loadManifests } from '../../src/manifest/index.js';
import type { RunScope } from '../../src/manifest/types.js';

const CONFIG = 'apiVersion: ldexp/v1\nkind: Config\nproject: web\nenvironment: production\nprune: true\n';
const holdout = (key: string): string =>
  `apiVersion: ldexp/v1\nkind: Holdout\nmetadata: { key: ${key} }\nspec: { name: ${key}, holdoutAmount: 5, primaryMetric: m, metrics: [m], state: active }\n`;

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ldexp-scope-'));
  const files: Record<string, string> = {
    'manifests/ldexp.yaml': CONFIG,
    'manifests/team-a/a.yaml': holdout('a'),
    'manifests/team-b/b.yaml': holdout('b'),
    'manifests/team-b/c.yml': holdout('c'),
    'manifests/.github/ci.yaml': 'not: a manifest\n',
    'lone/d.yaml': holdout('d'),
    'empty/only-comments.yaml': '# nothing here yet\n',
    'empty/blank.yml': '\n# still nothing\n',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function scopeOf(...paths: string[]): Promise<RunScope> {
  const { manifests, problems } = await loadManifests(paths, {}, { cwd: root });
  expect(problems).toEqual([]);
  return manifests.scope;
}

describe('run scope', () => {
  it.each([
    ['the Config folder', ['manifests']],
    ['a parent of the Config folder', ['.']],
    [
      'every file of the folder, one by one',
      ['manifests/ldexp.yaml', 'manifests/team-a', 'manifests/team-b/b.yaml', 'manifests/team-b/c.yml'],
    ],
  ])('is whole when the paths cover %s', async (_, paths) => {
    const scope = await scopeOf(...paths);
    expect(scope.limits).toEqual([]);
    expect(isWholeRun(scope)).toBe(true);
  });

  it('names the manifest files of the Config folder that the paths leave out (hidden folders are not manifests)', async () => {
    const scope = await scopeOf('manifests/ldexp.yaml', 'manifests/team-a');
    expect(scope).toEqual({
      configFolder: 'manifests',
      limits: [{ kind: 'unreadFiles', files: ['manifests/team-b/b.yaml', 'manifests/team-b/c.yml'] }],
    });
    expect(isWholeRun(scope)).toBe(false);
    expect(describeLimits(scope)).toBe(
      "The managed set is every manifest under manifests (the Config document's folder), and the paths given leave out 2 manifest files there: manifests/team-b/b.yaml, manifests/team-b/c.yml.",
    );
  });

  it('lists at most three files and says how many were left out', () => {
    const files = ['m/1.yaml', 'm/2.yaml', 'm/3.yaml', 'm/4.yaml'];
    expect(describeLimits({ configFolder: 'm', limits: [{ kind: 'unreadFiles', files }] })).toBe(
      "The managed set is every manifest under m (the Config document's folder), and the paths given leave out 4 manifest files there: m/1.yaml, m/2.yaml, m/3.yaml, ….",
    );
  });

  it('finds the Config above the paths given, so the rest of its folder narrows the run', async () => {
    const scope = await scopeOf('manifests/team-a');
    expect(scope).toEqual({
      configFolder: 'manifests',
      limits: [{ kind: 'unreadFiles', files: ['manifests/team-b/b.yaml', 'manifests/team-b/c.yml'] }],
    });
  });

  it('has no managed set, so nothing narrows it, when no Config is read or found above the paths', async () => {
    const { manifests } = await loadManifests(['lone'], { project: 'web', environment: 'production' }, { cwd: root });
    expect(manifests.scope).toEqual({ limits: [] });
  });
});

describe('a run without documents', () => {
  it('is an error naming the paths and the empty files, not an empty plan', async () => {
    const { problems } = await loadManifests(['empty'], {}, { cwd: root });
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'NoManifestDocuments',
        message:
          'no manifest documents under empty: the 2 YAML files (empty/blank.yml, empty/only-comments.yaml) are empty or hold only comments',
      },
    ]);
  });

  it('names the single file when only one was found', async () => {
    const { problems } = await loadManifests(['empty/only-comments.yaml'], {}, { cwd: root });
    expect(problems.map((p) => p.message)).toEqual([
      'no manifest documents under empty/only-comments.yaml: the only YAML file (empty/only-comments.yaml) is empty or holds only comments',
    ]);
  });

  it('is not added on top of a YAML error that dropped the only document', async () => {
    await mkdir(join(root, 'broken'));
    await writeFile(join(root, 'broken', 'x.yaml'), 'kind: [unclosed\n');
    const { problems } = await loadManifests(['broken'], {}, { cwd: root });
    expect(problems.map((p) => p.code)).toEqual(['YamlSyntax']);
  });
});
