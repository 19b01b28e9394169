/** Where the Config file is looked for (src/manifest/discover.ts): the paths' folders and their parents, up to the repository root. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configCandidates } from '../../src/manifest/discover.js';

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ldexp-discover-'));
  for (const name of [
    'ldexp.yaml',
    'repo/.git/HEAD',
    'repo/ldexp.yml',
    'repo/manifests/ldexp.yaml',
    'repo/manifests/ldexp.yml',
    'repo/manifests/team-a/a.yaml',
    'repo/manifests/team-b/deep/b.yaml',
    'worktree/.git',
    'worktree/m/x.yaml',
    'plain/sub/x.yaml',
  ]) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), name.endsWith('.git') ? 'gitdir: elsewhere\n' : '');
  }
  await mkdir(join(root, 'repo/manifests/ldexp.yaml.d'), { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const shown = (lists: string[][]): string[][] => lists.map((list) => list.map((file) => relative(root, file)));

describe('configCandidates', () => {
  it.each<[string, string[], string[][]]>([
    [
      'a folder: itself and each parent, nearest first, yaml before yml, stopping at the folder with .git',
      ['repo/manifests/team-b/deep'],
      [['repo/manifests/ldexp.yaml', 'repo/manifests/ldexp.yml', 'repo/ldexp.yml']],
    ],
    [
      'a file: from its folder',
      ['repo/manifests/team-a/a.yaml'],
      [['repo/manifests/ldexp.yaml', 'repo/manifests/ldexp.yml', 'repo/ldexp.yml']],
    ],
    ['the repository root itself', ['repo'], [['repo/ldexp.yml']]],
    ['a .git file (a worktree) is a repository root too', ['worktree/m'], [[]]],
    ['outside a repository: up to the filesystem root', ['plain/sub'], [['ldexp.yaml']]],
    ['a path that does not exist has none', ['repo/nope'], [[]]],
    [
      'one list per path',
      ['repo/manifests/team-a', 'plain'],
      [['repo/manifests/ldexp.yaml', 'repo/manifests/ldexp.yml', 'repo/ldexp.yml'], ['ldexp.yaml']],
    ],
  ])('%s', async (_, paths, expected) => {
    const found = await configCandidates(paths, root, new Set());
    // Outside the temp folder (the filesystem above it) nothing is asserted.
    expect(shown(found).map((list) => list.filter((file) => !file.startsWith('..')))).toEqual(expected);
  });

  it('leaves out files already read', async () => {
    const read = new Set([join(root, 'repo/manifests/ldexp.yaml')]);
    expect(shown(await configCandidates(['repo/manifests'], root, read))).toEqual([
      ['repo/manifests/ldexp.yml', 'repo/ldexp.yml'],
    ]);
  });
});
