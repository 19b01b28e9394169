/**
 * The few Git reads a three-way plan needs, through the `git` executable: where the repository is,
 * which commit a ref names, and the files of that commit. Every failure is a `GitError` that says
 * what to do, never git's raw exit status.
 */
import { execFile } from 'node:child_process';

import { GitError } from '../errors.js';

/** One file of a commit's tree. */
export interface TreeFile {
  /** Path from the repository root, `/`-separated. */
  path: string;
  /** The blob's object ID. */
  object: string;
}

interface GitResult {
  stdout: Buffer;
  stderr: string;
}

/** Commit trees of real repositories fit easily; a runaway answer must not exhaust memory. */
const MAX_OUTPUT = 512 * 1024 * 1024;

function runGit(args: readonly string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      { cwd, encoding: 'buffer', maxBuffer: MAX_OUTPUT, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (error) {
          const failure: Error & { stderrText?: string } = error;
          failure.stderrText = stderr.toString('utf8').trim();
          reject(failure);
        } else resolve({ stdout, stderr: stderr.toString('utf8') });
      },
    );
    // git may exit before reading its input (a bad object ID): its answer, not EPIPE, says why.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** git's own words for a failure, or the Node error when git never ran. */
function gitMessage(error: unknown): string {
  const stderr = (error as { stderrText?: unknown }).stderrText;
  if (typeof stderr === 'string' && stderr !== '') return stderr;
  return error instanceof Error ? error.message : String(error);
}

function isMissingGit(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

function unavailable(error: unknown): GitError {
  return new GitError('GitUnavailable', '--base needs the git executable, and none was found on PATH', {
    cause: error,
  });
}

async function git(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  try {
    return (await runGit(args, cwd, input)).stdout;
  } catch (error) {
    if (isMissingGit(error)) throw unavailable(error);
    throw new GitError('GitFailed', `git ${args.join(' ')} failed: ${gitMessage(error)}`, { cause: error });
  }
}

/** The top folder of the work tree that holds `cwd`. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], cwd)).stdout.toString('utf8').trim();
  } catch (error) {
    if (isMissingGit(error)) throw unavailable(error);
    throw new GitError(
      'NotAGitRepository',
      `--base reads the manifests from Git, but ${cwd} is not inside a Git work tree (${gitMessage(error)})`,
      { cause: error },
    );
  }
}

/**
 * The full SHA of the commit `ref` names. A ref that is missing from a shallow clone gets its own
 * error: the fix is a deeper checkout, not a different name.
 */
export async function resolveCommit(ref: string, root: string): Promise<string> {
  // A ref starting with `-` would be read by git as an option.
  if (ref.trim() === '' || ref.startsWith('-')) {
    throw new GitError('GitRefNotFound', `--base expects a Git ref (a branch, tag or commit SHA), got "${ref}"`);
  }
  try {
    const out = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
    return out.stdout.toString('utf8').trim();
  } catch (error) {
    if (isMissingGit(error)) throw unavailable(error);
    throw (await isShallow(root)) ? shallowError(ref) : notFoundError(ref, root);
  }
}

async function isShallow(root: string): Promise<boolean> {
  const out = await git(['rev-parse', '--is-shallow-repository'], root);
  return out.toString('utf8').trim() === 'true';
}

function shallowError(ref: string): GitError {
  // `HEAD~1` names a commit relative to what is here, so only a deeper history can hold it.
  const fetchOne = /[~^:@]/.test(ref) ? '' : `, or fetch the base itself: \`git fetch --depth=1 origin ${ref}\``;
  return new GitError(
    'GitShallowClone',
    `the base "${ref}" is not in this clone, which is shallow (only the newest commits were fetched). Fetch the whole history (actions/checkout with \`fetch-depth: 0\`)${fetchOne}`,
  );
}

function notFoundError(ref: string, root: string): GitError {
  return new GitError(
    'GitRefNotFound',
    `no commit named "${ref}" in the Git repository at ${root}; check the name, or fetch it first (\`git fetch origin ${ref}\`)`,
  );
}

/** Every regular file of `commit` (symbolic links and submodules are not manifests). */
export async function listFiles(commit: string, root: string): Promise<TreeFile[]> {
  const out = await git(['ls-tree', '-r', '-z', '--full-tree', commit], root);
  const files: TreeFile[] = [];
  for (const entry of out.toString('utf8').split('\0')) {
    // `<mode> SP <type> SP <object> TAB <path>`
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, mode = '', type = '', object = '', path = ''] = match;
    if (type === 'blob' && mode !== '120000') files.push({ path, object });
  }
  return files;
}

/** The contents of blobs, in the order asked, read in one `git cat-file --batch`. */
export async function readBlobs(objects: readonly string[], root: string): Promise<Buffer[]> {
  if (objects.length === 0) return [];
  const out = await git(['cat-file', '--batch'], root, objects.map((object) => `${object}\n`).join(''));
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const object of objects) {
    const headerEnd = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, headerEnd).toString('utf8');
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (headerEnd < 0 || !Number.isInteger(size)) {
      throw new GitError('GitFailed', `git cat-file could not read ${object}: ${header || 'no answer'}`);
    }
    blobs.push(out.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return blobs;
}
