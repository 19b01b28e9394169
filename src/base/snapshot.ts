/**
 * The manifests as they were at a Git base, written to a temporary folder that mirrors the
 * repository, so the ordinary manifest loader reads them with the same relative paths (and the
 * same file names in messages) as the working tree.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GitError } from '../errors.js';
import { listFiles, readBlobs, repositoryRoot, resolveCommit } from './git.js';
import type { TreeFile } from './git.js';

export interface BaseSnapshot {
  /** The ref as given. */
  ref: string;
  /** The commit it names. */
  commit: string;
  /** Where the working directory is inside the snapshot: load with this as `cwd`. */
  cwd: string;
  /** The given paths that existed at the base, as given; empty when none did. */
  paths: string[];
  /** Delete the snapshot. */
  remove(): Promise<void>;
}

const MANIFEST_FILE = /\.ya?ml$/i;
/** Config files in a parent folder count too: the Config is looked for up to the repository root. */
const CONFIG_FILE = /^ldexp\.ya?ml$/i;

/** Write the YAML files under `paths` (relative to `cwd`) as they were at `ref`. */
export async function snapshotAt(ref: string, paths: readonly string[], cwd: string): Promise<BaseSnapshot> {
  const root = await realpath(await repositoryRoot(cwd));
  const here = await realOrResolved(cwd);
  const wanted = await Promise.all(
    paths.map(async (given) => ({ given, inRepo: await inRepository(given, here, root) })),
  );
  const commit = await resolveCommit(ref, root);
  const folders = wanted.map((w) => w.inRepo);
  const files = (await listFiles(commit, root)).filter((file) => isWanted(file, folders));
  const folder = await mkdtemp(path.join(tmpdir(), 'ldexp-base-'));
  try {
    const blobs = await readBlobs(
      files.map((file) => file.object),
      root,
    );
    for (const [index, file] of files.entries()) {
      const target = path.join(folder, ...file.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, blobs[index] ?? Buffer.alloc(0));
    }
    const snapshotCwd = path.join(folder, path.relative(root, here));
    await mkdir(snapshotCwd, { recursive: true });
    return {
      ref,
      commit,
      cwd: snapshotCwd,
      paths: wanted.filter((w) => existedAtBase(w.inRepo, files)).map((w) => baseForm(w.given, w.inRepo, folder)),
      remove: () => rm(folder, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** The path's location from the repository root, `/`-separated (`''` for the root itself). */
async function inRepository(given: string, cwd: string, root: string): Promise<string> {
  const relative = path.relative(root, await realOrResolved(path.resolve(cwd, given)));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new GitError(
      'PathOutsideRepository',
      `${given} is outside the Git repository at ${root}, so --base cannot read it from Git`,
    );
  }
  return relative.split(path.sep).join('/');
}

/** Symbolic links resolved where the path exists (a temp folder is often behind one); as given otherwise. */
async function realOrResolved(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return path.resolve(file);
  }
}

function isUnder(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

function isWanted(file: TreeFile, wanted: readonly string[]): boolean {
  const name = path.posix.basename(file.path);
  if (!MANIFEST_FILE.test(name)) return false;
  if (wanted.some((folder) => isUnder(file.path, folder))) return true;
  const folder = path.posix.dirname(file.path);
  return CONFIG_FILE.test(name) && wanted.some((w) => isUnder(w, folder === '.' ? '' : folder));
}

function existedAtBase(inRepo: string, files: readonly TreeFile[]): boolean {
  return files.some((file) => isUnder(file.path, inRepo));
}

/** A relative path stays as given (the snapshot's cwd mirrors the real one); an absolute one moves into the snapshot. */
function baseForm(given: string, inRepo: string, folder: string): string {
  return path.isAbsolute(given) ? path.join(folder, ...inRepo.split('/').filter(Boolean)) : given;
}
