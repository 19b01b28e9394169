/**
 * `ldexp emulator` with conditions, end to end: the command (in-process, stopped the way Ctrl-C
 * stops it), conditions from the seed file or from the file LDEXP_EMULATOR_CONDITIONS names,
 * driven over HTTP. secret-scan.test.ts runs the emulator command as a real process.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runLdexp, startInProcess, type CliResult, type InProcessLdexp } from './run-ldexp.js';
import { workspace, type Workspace } from './helpers.js';

const SEED = fileURLToPath(new URL('../fixtures/emulator-seed.yaml', import.meta.url));
const EXPERIMENT = '/api/v2/projects/web/environments/production/experiments/checkout-flow';

let running: InProcessLdexp | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  const serving = running;
  running = undefined;
  if (serving) {
    serving.signal('SIGTERM');
    expect((await serving.result).code).toBe(0);
  }
  await ws?.remove();
  ws = undefined;
});

/** Start `ldexp emulator` and wait for its banner; returns the URL and the banner text. */
async function serve(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ url: string; banner: string }> {
  const started = startInProcess(['emulator', '--port', '0', ...args], { env, ...(cwd ? { cwd } : {}) });
  running = started;
  let exited: CliResult | undefined;
  void started.result.then((result) => (exited = result));
  for (;;) {
    const banner = started.output().stdout;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    if (url && banner.includes('Try:')) return { url, banner };
    if (exited) throw new Error(`ldexp emulator exited with ${String(exited.code)} before listening: ${exited.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const get = (url: string) => fetch(url, { headers: { Authorization: 'any' } });

describe('ldexp emulator conditions', () => {
  test('LDEXP_EMULATOR_CONDITIONS names a conditions file; the banner says what is active', async () => {
    ws = await workspace({
      'conditions.yaml': [
        'seed: 4',
        'rateLimit: { route: { limit: 2 } }',
        'faults:',
        '  - { kind: status, status: 503, route: getExperiment, nth: 1 }',
        '',
      ].join('\n'),
    });
    const file = ws.path('conditions.yaml');
    const { url, banner } = await serve(['--seed', SEED], { LDEXP_EMULATOR_CONDITIONS: file });
    expect(banner).toContain(`Conditions: route limit 2 per 10000 ms, 1 fault rule (seed 4) (from ${file})\n`);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`${url}${EXPERIMENT}`)).status);
    expect(statuses).toEqual([503, 200, 429]);
  });

  test('conditions from the seed file', async () => {
    ws = await workspace({
      'seed.yaml':
        'conditions: { pageSizeCap: 1 }\nprojects:\n  - { key: p, environments: [e], metrics: [{ key: a }, { key: b }] }\n',
    });
    const { url, banner } = await serve(['--seed', ws.path('seed.yaml')]);
    expect(banner).toContain('Conditions: page size capped at 1\n');
    const page = (await (await get(`${url}/api/v2/metrics/p`)).json()) as { items: unknown[]; totalCount: number };
    expect([page.items.length, page.totalCount]).toEqual([1, 2]);
  });

  test('a relative --seed and conditions file are read from the working folder', async () => {
    ws = await workspace({
      'seeds/seed.yaml': 'projects:\n  - { key: p, environments: [e], metrics: [{ key: a }, { key: b }] }\n',
      'conditions.yaml': 'pageSizeCap: 1\n',
    });
    const { url, banner } = await serve(
      ['--seed', 'seeds/seed.yaml'],
      { LDEXP_EMULATOR_CONDITIONS: 'conditions.yaml' },
      ws.root,
    );
    expect(banner).toContain('(seed: seeds/seed.yaml)\nConditions: page size capped at 1 (from conditions.yaml)\n');
    const page = (await (await get(`${url}/api/v2/metrics/p`)).json()) as { items: unknown[]; totalCount: number };
    expect([page.items.length, page.totalCount]).toEqual([1, 2]);
  });

  test('without conditions the banner says none', async () => {
    const { banner } = await serve(['--seed', SEED]);
    expect(banner).toContain('Conditions: none\n');
  });

  test('a bad conditions file is a clear error naming the file and the field', async () => {
    ws = await workspace({ 'bad.yaml': 'faults:\n  - { kind: slow, rate: 2 }\n' });
    const result = await runLdexp(['emulator', '--port', '0', '--seed', SEED], {
      env: { LDEXP_EMULATOR_CONDITIONS: ws.path('bad.yaml') },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Error [InvalidEmulatorConditions]: ${ws.path('bad.yaml')}: invalid conditions:\n  /faults/0/rate: must be <= 1\n`,
    );
  });
});
