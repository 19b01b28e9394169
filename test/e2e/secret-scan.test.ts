/**
 * The API token is never written anywhere. Every command and every error path (401, 403, 5xx,
 * timeouts, a server that echoes the token back, verbose mode, JSON and Markdown output, saved
 * plans, the Action) runs with one distinctive token, and every byte ldexp writes is scanned for
 * it: stdout, stderr, every file in the workspace (plan files), PR comment bodies sent to GitHub,
 * the job summary and GITHUB_OUTPUT. The runner's `::add-mask::` command is the one place the
 * token may appear (that is how the runner learns to hide it).
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/run-cli.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { EmulatorConditions } from '../../src/emulator/conditions/types.js';
import { startFakeGitHub } from '../action/fake-github.js';
import { OWNER, REPO, REPO_ROOT, pullRequestEvent, pushEvent, runBundledAction } from '../action/run-action.js';
import type { ActionRun } from '../action/run-action.js';
import { startOddProxy } from '../live/odd-proxy.js';
import {
  E2E_SEED_FILE,
  experimentManifest,
  startEchoingProxy,
  startSeeded,
  workspace,
  type Workspace,
} from './helpers.js';
import { runLdexp, startLdexp } from './run-ldexp.js';

const SECRET = 'api-SECRETSCAN-4b1d9e2f-7a3c-5d8e-0f61-LEAKCHECK';
const GITHUB_TOKEN = 'ghs_SecretScanGitHubToken0099';
const SECRETS = [SECRET, GITHUB_TOKEN];

/** Every scanned write, so the last test can prove the scan covered each kind of output. */
const scanned: string[] = [];

/** Fails naming where a secret was written; `::add-mask::<secret>` lines alone are allowed. */
function scan(where: string, text: string): void {
  scanned.push(where);
  const lines = text.split('\n').filter((line) => !/^::add-mask::/.test(line));
  for (const secret of SECRETS) {
    const leaks = lines.filter((line) => line.includes(secret));
    expect(leaks, `${where} holds a secret`).toEqual([]);
  }
}

/** Every file under the folder, scanned (plan files, anything else a command left behind). */
async function scanFiles(root: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    scan(`file ${file}`, await readFile(file, 'utf8'));
    count += 1;
  }
  return count;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const NEW = (key: string): string => experimentManifest({ key, flag: 'new-flag', state: 'running' });

let ws: Workspace;

beforeAll(async () => {
  ws = await workspace({
    'manifests/a.yaml': NEW('exp-scan-a'),
    'manifests/b.yaml': experimentManifest({ key: 'exp-draft', flag: 'draft-flag', state: 'running' }),
  });
});
afterAll(async () => {
  await ws.remove();
});

/** runCli in-process (not on a terminal), stdout and stderr captured and scanned. */
async function cli(argv: string[], url: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  // Manifest paths resolve against the process's folder; the workspace's are given absolute.
  const code = await runCli(
    argv.map((arg) => (arg === 'manifests' ? ws.path('manifests') : arg)),
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: { LD_API_URL: url, LD_API_TOKEN: SECRET, NO_COLOR: '1', ...extraEnv },
      confirm: undefined,
      cwd: ws.root,
    },
    false,
  );
  scan(`stdout of ldexp ${argv.join(' ')}`, stdout);
  scan(`stderr of ldexp ${argv.join(' ')}`, stderr);
  return { code, stdout, stderr };
}

/** The real binary, for what only a process shows (the top-level error handler, exit codes). */
async function binary(argv: string[], url: string): Promise<Run> {
  const result = await runLdexp(argv, { cwd: ws.root, env: { LD_API_URL: url, LD_API_TOKEN: SECRET } });
  scan(`stdout of the binary ldexp ${argv.join(' ')}`, result.stdout);
  scan(`stderr of the binary ldexp ${argv.join(' ')}`, result.stderr);
  return result;
}

async function withEmulator<T>(
  options: { token?: string; conditions?: EmulatorConditions },
  use: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startSeeded({ file: E2E_SEED_FILE }, { token: options.token ?? SECRET, ...options });
  try {
    return await use(emulator);
  } finally {
    await emulator.close();
  }
}

describe('the CLI writes the token nowhere', () => {
  it('on every command that succeeds: validate, plan (text, --verbose, --json, --markdown, --out), show, apply (--json, --plan)', async () => {
    await withEmulator({}, async (emulator) => {
      const url = emulator.url;
      expect((await cli(['validate', 'manifests'], url)).code).toBe(0);
      expect((await cli(['validate', '--json', 'manifests'], url)).code).toBe(0);
      const text = await cli(['plan', '--verbose', 'manifests'], url);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stderr).toContain('GET /api/v2/');
      expect((await cli(['plan', '--json', 'manifests'], url)).code).toBe(0);
      expect((await cli(['plan', '--markdown', '--detailed-exitcode', 'manifests'], url)).code).toBe(2);
      expect((await cli(['plan', '--out', 'plan.json', 'manifests'], url)).code).toBe(0);
      for (const format of [[], ['--json'], ['--markdown']]) {
        expect((await cli(['show', ...format, 'plan.json'], url)).code).toBe(0);
      }
      const applied = await cli(['apply', '--plan', 'plan.json', '--auto-approve', '--verbose'], url);
      expect(applied.code, applied.stderr).toBe(0);
      await ws.write({ 'manifests/c.yaml': NEW('exp-scan-c') });
      const json = await cli(['apply', '--json', '--auto-approve', 'manifests'], url);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: 2 });
      expect((await binary(['plan', '--verbose', 'manifests'], url)).code).toBe(0);
      expect((await cli(['version'], url)).code).toBe(0);
      expect((await cli(['--help'], url)).code).toBe(0);
    });
    expect(await scanFiles(ws.root)).toBeGreaterThanOrEqual(4);
  });

  it('on 401: a LaunchDarkly that refuses the token', async () => {
    await withEmulator({ token: 'api-another-token-entirely' }, async (emulator) => {
      for (const argv of [
        ['plan', '--verbose', 'manifests'],
        ['apply', '--auto-approve', '--json', 'manifests'],
      ]) {
        const run = await cli(argv, emulator.url);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('401');
      }
      const run = await binary(['plan', 'manifests'], emulator.url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('401');
    });
  });

  it('on 403, and on a server that echoes the Authorization header back in its errors', async () => {
    await withEmulator({}, async (emulator) => {
      const proxy = await startOddProxy(emulator.url);
      const forbidden = JSON.stringify({ code: 'forbidden', message: `Access to ${SECRET} is forbidden` });
      proxy.script('GET', '/api/v2/projects/web/experimentation-settings', {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: forbidden,
      });
      const run = await cli(['plan', '--verbose', 'manifests'], proxy.url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('403');
      await proxy.close();

      await ws.write({ 'manifests/d.yaml': NEW('exp-scan-d') });
      const echoing = await startEchoingProxy(emulator);
      const echoed = await cli(['apply', '--auto-approve', '--verbose', 'manifests'], echoing.url);
      expect(echoed.code).toBe(1);
      expect(echoed.stdout).toContain('[REDACTED]');
      const json = await cli(['apply', '--auto-approve', '--json', 'manifests'], echoing.url);
      expect(json.code).toBe(1);
      expect(json.stdout).toContain('[REDACTED]');
      await echoing.close();
    });
  });

  it('on 5xx (retried reads, a failed write) and on timeouts', async () => {
    const conditions: EmulatorConditions = {
      faults: [
        { kind: 'status', status: 503, route: 'GET /api/v2/flags/**', times: 1 },
        { kind: 'status', status: 500, route: 'createExperiment' },
      ],
    };
    await ws.write({ 'manifests/e.yaml': NEW('exp-scan-e') });
    await withEmulator({ conditions }, async (emulator) => {
      const run = await cli(['apply', '--auto-approve', '--verbose', 'manifests'], emulator.url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('503');
      expect(run.stdout).toContain('500');
    });
    const slow: EmulatorConditions = { faults: [{ kind: 'slow', delayMs: 2000, route: 'GET /api/v2/flags/**' }] };
    await withEmulator({ conditions: slow }, async (emulator) => {
      const run = await cli(['plan', '--verbose', '--timeout', '0.3', 'manifests'], emulator.url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Timeout');
    });
  });

  it('on usage errors and a token that is one character long', async () => {
    const usage = await cli(['plan', '--allow-target', SECRET], 'http://127.0.0.1:9');
    expect(usage.code).toBe(1);
    // A token of one letter is hidden where it stands alone, not inside every word.
    let stderr = '';
    await runCli(
      ['plan', ws.path('manifests')],
      {
        stdout: { write: () => true, isTTY: false },
        stderr: { write: (text: string) => (stderr += text), isTTY: false },
        env: { LD_API_URL: 'http://127.0.0.1:9', LD_API_TOKEN: 'x' },
        confirm: undefined,
        cwd: ws.root,
      },
      false,
    );
    expect(stderr).not.toContain('[REDACTED]');
    expect(stderr).toContain('ConnectionRefused');
    expect(stderr).toContain(`Reading manifests from ${ws.path('manifests')}`);
  });
});

const HEAD_SHA = '1'.repeat(40);
const MERGE_SHA = '2'.repeat(40);

describe('the Action writes neither token anywhere but ::add-mask::', () => {
  let bundle: string;

  beforeAll(async () => {
    // The sources as they are now, bundled like dist/action (which only the release rebuilds).
    const dir = join(REPO_ROOT, 'node_modules/.cache/ldexp-secret-scan');
    await mkdir(dir, { recursive: true });
    bundle = join(dir, 'action.js');
    await build({
      entryPoints: [join(REPO_ROOT, 'src/action/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __ldexpCreateRequire } from 'node:module'; const require = __ldexpCreateRequire(import.meta.url);",
      },
    });
  });

  function scanAction(what: string, run: ActionRun): void {
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);
    scan(`${what}: stdout`, run.stdout);
    scan(`${what}: stderr`, run.stderr);
    scan(`${what}: GITHUB_OUTPUT`, run.outputFile);
    scan(`${what}: job summary`, run.summary);
  }

  it('plan on a pull request, apply on push, and a 401, with the PR comment and everything sent to GitHub', async () => {
    const action = await workspace({ 'experiments/x.yaml': NEW('exp-scan-action') });
    const github = await startFakeGitHub({ token: GITHUB_TOKEN, owner: OWNER, repo: REPO });
    try {
      await withEmulator({}, async (emulator) => {
        const run = (command: string, event: { name: string; payload: unknown; sha: string }, token = SECRET) =>
          runBundledAction({
            bundle,
            inputs: {
              command,
              paths: 'experiments',
              'api-token': token,
              'api-url': emulator.url,
              'github-token': GITHUB_TOKEN,
            },
            eventName: event.name,
            event: event.payload,
            sha: event.sha,
            githubApiUrl: github.url,
            cwd: action.root,
          });
        const pr = { name: 'pull_request', payload: pullRequestEvent(7, HEAD_SHA), sha: '3'.repeat(40) };
        const planned = await run('plan', pr);
        expect(planned.code, planned.stdout).toBe(0);
        scanAction('plan', planned);
        expect(github.commentsOn(7)).toHaveLength(1);

        github.pullsByCommit.set(MERGE_SHA, [
          { number: 7, state: 'closed', merged_at: '2026-01-05T10:00:00Z', merge_commit_sha: MERGE_SHA },
        ]);
        const applied = await run('apply', { name: 'push', payload: pushEvent(MERGE_SHA), sha: MERGE_SHA });
        expect(applied.code, applied.stdout).toBe(0);
        scanAction('apply', applied);
        expect(emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
      });
      await withEmulator({ token: 'api-another-token-entirely' }, async (emulator) => {
        const refused = await runBundledAction({
          bundle,
          inputs: {
            command: 'plan',
            paths: 'experiments',
            'api-token': SECRET,
            'api-url': emulator.url,
            'github-token': GITHUB_TOKEN,
          },
          eventName: 'pull_request',
          event: pullRequestEvent(7, HEAD_SHA),
          sha: '4'.repeat(40),
          githubApiUrl: github.url,
          cwd: action.root,
        });
        expect(refused.code).toBe(1);
        expect(refused.outputs['failure-reason']).toBe('api-error');
        scanAction('plan with a refused token', refused);
      });
      for (const request of github.requests) scan(`GitHub request ${request.method} ${request.path}`, request.bodyText);
      expect(github.requests.length).toBeGreaterThan(0);
      await scanFiles(action.root);
    } finally {
      await github.close();
      await action.remove();
    }
  });
});

describe('the emulator command', () => {
  it('does not print the token it was told to accept', async () => {
    const running = startLdexp(['emulator', '--token', SECRET, '--port', '0'], { cwd: REPO_ROOT });
    for (let waited = 0; !running.output().stdout.includes('Try:') && waited < 100; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    running.child.kill('SIGTERM');
    await running.result;
    expect(running.output().stdout).toContain('listening on http://127.0.0.1:');
    scan('stdout of the binary ldexp emulator --token', running.output().stdout);
    scan('stderr of the binary ldexp emulator --token', running.output().stderr);
  });
});

afterAll(() => {
  // The scan saw every kind of output this file promises.
  for (const kind of [
    'stdout of ldexp plan --json',
    'stderr of the binary',
    'file ',
    'GitHub request',
    'job summary',
    'GITHUB_OUTPUT',
  ]) {
    expect(
      scanned.some((where) => where.includes(kind)),
      kind,
    ).toBe(true);
  }
});
