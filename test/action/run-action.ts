/**
 * Run the bundled Action (`dist/action/index.js`) as a subprocess with the runner's contract:
 * `INPUT_<NAME>` (uppercase, dashes kept), `GITHUB_*` variables, an event payload file, and
 * `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files that are read back afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../../dist/action/index.js', import.meta.url));

export const OWNER = 'acme';
export const REPO = 'experiments';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Raw GITHUB_OUTPUT file, for "the token is nowhere" checks. */
  outputFile: string;
}

export interface RunOptions {
  inputs: Record<string, string>;
  eventName: string;
  event: unknown;
  sha: string;
  githubApiUrl: string;
  cwd?: string;
  /** Another bundle of the Action (default: the committed `dist/action/index.js`). */
  bundle?: string;
}

/** Spawn the bundle once and collect everything it wrote. */
export async function runBundledAction(options: RunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ldexp-action-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  await writeFile(eventPath, JSON.stringify(options.event));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const inputEnv = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const cwd = options.cwd ?? REPO_ROOT;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: options.sha,
    GITHUB_API_URL: options.githubApiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: cwd,
    ...inputEnv,
  };
  const child = spawn(process.execPath, [options.bundle ?? BUNDLE], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      resolve(exitCode ?? -1);
    });
  });
  const outputFile = await readFile(outputPath, 'utf8');
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(outputFile),
    summary: await readFile(summaryPath, 'utf8'),
    outputFile,
  };
}

/** `name<<DELIM\nvalue\nDELIM` blocks, as `core.setOutput` writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    while (++index < lines.length && lines[index] !== delimiter) value.push(lines[index] ?? '');
    outputs[name ?? ''] = value.join('\n');
  }
  return outputs;
}

/** A `pull_request` payload shaped like GitHub's (the fields the Action reads, and a few more). */
export function pullRequestEvent(number: number, headSha: string, options: { fork?: boolean } = {}): unknown {
  const base = { full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER }, fork: false };
  const head = options.fork
    ? { full_name: `mallory/${REPO}`, name: REPO, owner: { login: 'mallory' }, fork: true }
    : base;
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      state: 'open',
      title: 'Change experiments',
      html_url: `https://github.example/${OWNER}/${REPO}/pull/${String(number)}`,
      user: { login: options.fork ? 'mallory' : 'alice', type: 'User' },
      head: { ref: 'change-experiments', sha: headSha, repo: head },
      base: { ref: 'main', sha: 'b'.repeat(40), repo: base },
    },
    repository: base,
    sender: { login: 'alice', type: 'User' },
  };
}

/** A `push` payload for a merge into main. */
export function pushEvent(sha: string): unknown {
  return {
    ref: 'refs/heads/main',
    before: 'b'.repeat(40),
    after: sha,
    created: false,
    deleted: false,
    forced: false,
    head_commit: {
      id: sha,
      message: 'Merge pull request #7 from acme/change-experiments',
      timestamp: '2026-01-05T10:00:00Z',
    },
    repository: { full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER }, default_branch: 'main' },
    pusher: { name: 'alice' },
    sender: { login: 'alice', type: 'User' },
  };
}
