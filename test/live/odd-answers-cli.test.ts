/**
 * The reproductions of "writes and reads are verified, not assumed" and "timeouts", end to end:
 * `ldexp plan` / `apply` (runCli in-process, and the real binary where the process's exit time
 * matters) against the emulator behind a proxy that answers chosen requests oddly. The emulator's
 * request log is the witness for what reached LaunchDarkly; the token must appear nowhere.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runAction } from '../../src/action/run-action.js';
import { parseInputs } from '../../src/action/inputs.js';
import { createLogReporter } from '../../src/action/log-reporter.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { operationFor } from '../../src/live/operations.js';
import { applyPlan, plan, validate } from '../../src/pipeline.js';
import {
  E2E_SEED_FILE,
  EXPERIMENTS,
  TOKEN,
  experimentManifest,
  startSeeded,
  workspace,
  writesOf,
  type Workspace,
} from '../e2e/helpers.js';
import { startOddProxy, type OddProxy } from './odd-proxy.js';

/** exp-new does not exist live: apply creates it (POST) and starts it (PATCH). */
const NEW_RUNNING = experimentManifest({ key: 'exp-new', flag: 'new-flag', name: 'New experiment', state: 'running' });
const SETTINGS = '/api/v2/projects/web/experimentation-settings';
const BIN = fileURLToPath(new URL('../../bin/ldexp.js', import.meta.url));
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const SIGN_IN = '<!doctype html><html><head><title>Sign in</title></head><body>Please sign in</body></html>';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

let emulator: RunningEmulator;
let proxy: OddProxy;
let ws: Workspace;
beforeEach(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE });
  proxy = await startOddProxy(emulator.url);
  ws = await workspace({ 'manifests/a-new.yaml': NEW_RUNNING });
});
afterEach(async () => {
  await proxy.close();
  await emulator.close();
  await ws.remove();
});

/** runCli in-process, not on a terminal (CI), against `url` (the proxy by default). */
async function cli(argv: string[], url = proxy.url): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await runCli(
    [...argv, ws.path('manifests')],
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: { LD_API_URL: url, LD_API_TOKEN: TOKEN, NO_COLOR: '1' },
      confirm: undefined,
      cwd: ws.root,
    },
    false,
  );
  const run = { code, stdout, stderr, ms: Date.now() - started };
  expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  return run;
}

/** Never "Internal error", never a stack trace, for anything a server answers. */
function expectCleanError(run: Run, first: string): void {
  expect(run.code).toBe(1);
  expect(run.stderr).not.toContain('Internal error');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(first);
}

const writes = (): string[] => writesOf(emulator.requests);

describe('control: the proxy passes everything through', () => {
  it('plan and apply succeed, and every request ldexp sends is a documented operation of the table', async () => {
    const applied = await cli(['apply', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 2 steps succeeded.');
    expect(writes()).toEqual([`POST ${EXPERIMENTS}`, `PATCH ${EXPERIMENTS}/exp-new [startIteration]`]);
    const undocumented = emulator.requests
      .map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}`)
      .filter((line) => {
        const [method = '', path = ''] = line.split(' ');
        return operationFor(method, path) === undefined;
      });
    expect(undocumented).toEqual([]);
  });
});

describe('an odd answer to a write is a failed step, never ✓', () => {
  it.each([
    {
      name: 'a 302 to the create',
      answer: () => ({ status: 302, headers: { location: `${proxy.url}/sso/login` } }),
      shown: () => `302: POST ${EXPERIMENTS} → 302: a redirect to ${proxy.url}/sso/login, not followed`,
    },
    {
      name: 'an empty 204 to the create',
      answer: () => ({ status: 204 }),
      shown: () => `204: POST ${EXPERIMENTS} → 204: status 204 where 201 is documented`,
    },
    {
      name: 'an HTML 200 to the create',
      answer: () => ({ status: 200, headers: HTML, body: SIGN_IN }),
      shown: () => `200: POST ${EXPERIMENTS} → 200: status 200 where 201 is documented`,
    },
    {
      name: 'an HTML 201 to the create',
      answer: () => ({ status: 201, headers: HTML, body: SIGN_IN }),
      shown: () => `201: POST ${EXPERIMENTS} → 201: a body that is not JSON; expected 201 and an experiment as JSON`,
    },
  ])('$name: apply fails, nothing reached LaunchDarkly, nothing followed', async ({ answer, shown }) => {
    proxy.script('POST', EXPERIMENTS, answer());
    const run = await cli(['apply', '--auto-approve']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('Apply complete');
    expect(run.stdout).not.toContain('✓');
    expect(run.stdout).toContain('Apply failed: 1 failed, 1 skipped, 0 succeeded.');
    expect(run.stdout).toContain(shown());
    expect(writes()).toEqual([]);
    expect(proxy.received.filter((r) => !r.startsWith('GET /api/v2/'))).toEqual([`POST ${EXPERIMENTS}`]);
  });

  it('an HTML 200 to the start: the create is ✓, the start is ✗, and apply fails', async () => {
    proxy.script('PATCH', `${EXPERIMENTS}/exp-new`, { status: 200, headers: HTML, body: SIGN_IN });
    const run = await cli(['apply', '--auto-approve']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Apply failed: 1 failed, 0 skipped, 1 succeeded.');
    expect(run.stdout).toContain(
      `200: PATCH ${EXPERIMENTS}/exp-new → 200: a body that is not JSON; expected 200 and an experiment as JSON. Content type: text/html; charset=utf-8; body: "<!doctype html><html><head><title>Sign in</title>`,
    );
    expect(writes()).toEqual([`POST ${EXPERIMENTS}`]);
  });
});

describe('an odd answer to a read stops the run with a clear error', () => {
  it('an HTML 200 on the experiment list: plan fails, no create is planned or sent', async () => {
    proxy.script('GET', EXPERIMENTS, { status: 200, headers: HTML, body: SIGN_IN });
    const planned = await cli(['plan']);
    expect(planned.stdout).toBe('');
    expectCleanError(
      planned,
      `Error [UnexpectedResponse]: GET ${EXPERIMENTS}?limit=20&lifecycleState=active,archived&expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus → 200: a body that is not JSON; expected 200 and a list of experiments as JSON. Content type: text/html; charset=utf-8; body: ${JSON.stringify(SIGN_IN)}`,
    );
    const applied = await cli(['apply', '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stdout).not.toContain('create');
    expect(writes()).toEqual([]);
  });

  it('a 3xx on a read: a clear error naming where it pointed, not followed, no stack trace', async () => {
    proxy.script('GET', SETTINGS, { status: 302, headers: { location: `${proxy.url}/login?next=%2F` } });
    const run = await cli(['plan']);
    expectCleanError(
      run,
      `Error [UnexpectedResponse]: GET ${SETTINGS} → 302: a redirect to ${proxy.url}/login?next=%2F, not followed; expected 200 and experimentation settings as JSON. Content type: (none); body: (empty)`,
    );
    expect(proxy.received).not.toContain('GET /login');
  });
});

describe('dead servers are reported quickly', () => {
  it('a server that accepts and never answers: plan --timeout 0.3 fails within seconds, naming the URL', async () => {
    proxy.script('GET', EXPERIMENTS, { status: 200, stall: true });
    const run = await cli(['plan', '--timeout', '0.3']);
    expectCleanError(
      run,
      `Error [Timeout]: GET ${proxy.url}${EXPERIMENTS}?limit=20&lifecycleState=active,archived&expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus → no complete answer within 0.3 s (the request timeout)`,
    );
    expect(run.ms).toBeGreaterThanOrEqual(300);
    // The old client waited for undici's 300 s headers timeout.
    expect(run.ms).toBeLessThan(10_000);
  });

  it('the binary exits right after reporting a silent server, with no request left running', async () => {
    const silent = await silentServer();
    try {
      // Six reads start four at a time. The two queued ones start when the first four time out;
      // unless the failed run aborts them, the process lives one more timeout (2.5 s) after its
      // error, well over the 2 s it is given to exit.
      const run = await timedBinary(['plan', '--timeout', '2.5', 'manifests'], {
        LD_API_URL: silent.url,
        LD_API_TOKEN: TOKEN,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Error \[Timeout\]: GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/.* → no complete answer within 2\.5 s/m,
      );
      expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
      expect(run.errorAfterMs).toBeGreaterThanOrEqual(2500);
      expect(run.exitAfterErrorMs).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('a refused connection fails at once, naming the URL, with no retries', async () => {
    const url = await closedPortUrl();
    const run = await cli(['plan'], url);
    expect(run.stderr).toMatch(
      new RegExp(
        `^Error \\[ConnectionRefused\\]: GET ${url.replace(/\./g, '\\.')}/api/v2/\\S+ → connection refused: nothing accepts connections at ${url.replace(/\./g, '\\.')}; check the API URL$`,
        'm',
      ),
    );
    expectCleanError(run, run.stderr.trimEnd().split('\n').at(-1) ?? '');
    expect(run.stderr).not.toContain('retrying');
    // The old client retried for 7.5 s and more before saying anything.
    expect(run.ms).toBeLessThan(5000);
  });

  it.each([
    ['0', '--timeout expects a number of seconds (more than 0, at most 3600), got "0"'],
    ['soon', '--timeout expects a number of seconds (more than 0, at most 3600), got "soon"'],
  ])('--timeout %s is a usage error', async (value, message) => {
    const run = await cli(['plan', '--timeout', value]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Error [Usage]: ${message}`);
    expect(emulator.requests).toEqual([]);
  });
});

describe('retries are announced', () => {
  it('a 503 on a read prints a plain retry line in CI (no --verbose), then plan succeeds', async () => {
    proxy.script(
      'GET',
      EXPERIMENTS,
      { status: 503, headers: { 'content-type': 'application/json' }, body: '{"code":"unavailable","message":"m"}' },
      1,
    );
    const run = await cli(['plan']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exp-new');
    expect(run.stderr).toMatch(
      /^GET \/api\/v2\/projects\/web\/environments\/production\/experiments\?limit=20&\S+ → 503 unavailable; retrying in [01]\.\d s \(attempt 2 of 5\)$/m,
    );
  });
});

describe('the Action', () => {
  async function action(extra: Record<string, string>, lines: string[]) {
    const inputs = parseInputs(
      (name) =>
        ({ command: 'plan', paths: ws.path('manifests'), 'api-token': TOKEN, 'api-url': proxy.url, ...extra })[name] ??
        '',
    );
    return runAction(
      inputs,
      { eventName: 'push', owner: 'acme', repo: 'experiments', sha: 'c'.repeat(40), apiUrl: 'http://127.0.0.1:9' },
      {
        pipeline: { plan, validate, applyPlan },
        github: undefined,
        reporter: createLogReporter((line) => lines.push(line)),
        cwd: ws.root,
      },
    );
  }

  it('the timeout input bounds a silent read; the failure is an api-error naming the URL', async () => {
    proxy.script('GET', SETTINGS, { status: 200, stall: true });
    const lines: string[] = [];
    const started = Date.now();
    const outcome = await action({ timeout: '0.3' }, lines);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome.outputs.failureReason).toBe('api-error');
    expect(outcome.failure).toBe(`GET ${proxy.url}${SETTINGS} → no complete answer within 0.3 s (the request timeout)`);
  });

  it('retry lines reach the run log', async () => {
    proxy.script('GET', SETTINGS, { status: 502, headers: HTML, body: '<h1>Bad gateway</h1>' }, 1);
    const lines: string[] = [];
    const outcome = await action({}, lines);
    expect(outcome.failure).toBeUndefined();
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^GET \/api\/v2\/projects\/web\/experimentation-settings → 502; retrying in [01]\.\d s \(attempt 2 of 5\)$/,
      ),
    );
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});

interface TimedRun {
  code: number;
  stdout: string;
  stderr: string;
  /** From start to the first `Error [` on stderr. */
  errorAfterMs: number;
  /** From that error to the process's exit. */
  exitAfterErrorMs: number;
}

/** The real binary, noting when its error appeared and when it exited. */
async function timedBinary(args: string[], env: Record<string, string>): Promise<TimedRun> {
  const started = Date.now();
  let errorAt = Number.NaN;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ws.root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (Number.isNaN(errorAt) && stderr.includes('Error [')) errorAt = Date.now();
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      resolve(exitCode ?? -1);
    });
  });
  return { code, stdout, stderr, errorAfterMs: errorAt - started, exitAfterErrorMs: Date.now() - errorAt };
}

async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => {
    /* accept, never answer */
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return `http://127.0.0.1:${String(port)}`;
}
