/**
 * The read and write flows against the emulator under LaunchDarkly-like conditions (page-size cap,
 * rate limits), on a virtual clock shared by the emulator and the client: nothing waits in real
 * time, and the clock says how long ldexp would have waited.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { benchManifest, benchSeed } from '../helpers/generated-world.js';
import { startEmulator, type EmulatorConditions, type RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan, plan, type ConnectionOptions } from '../../src/pipeline.js';
import { createOpenApiValidator, type OpenApiValidator } from '../emulator/openapi-validator.js';

const START = Date.UTC(2026, 1, 1, 12, 0, 0, 5);

/** One clock for both sides; a sleep moves it to the end of the longest wait asked for so far. */
function virtualClock() {
  const clock = {
    now: START,
    sleeps: [] as number[],
    sleep: async (ms: number): Promise<void> => {
      clock.sleeps.push(ms);
      const until = clock.now + ms;
      // Let answers in flight arrive first, as they would during a real wait.
      await new Promise((resolve) => setImmediate(resolve));
      clock.now = Math.max(clock.now, until);
    },
  };
  return clock;
}

let parsed: OpenApiValidator | undefined;
/** The 3 MB document is parsed once for the file. */
function validator(): OpenApiValidator {
  parsed ??= createOpenApiValidator();
  return parsed;
}

let emulator: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emulator = undefined;
  dir = undefined;
});

async function setUp(count: number, conditions: EmulatorConditions) {
  const clock = virtualClock();
  emulator = await startEmulator({
    seed: benchSeed(count),
    conditions,
    now: () => clock.now,
    sleep: () => Promise.resolve(),
  });
  dir = await mkdtemp(join(tmpdir(), 'ldexp-pacing-'));
  await Promise.all(
    Array.from({ length: count }, (_, index) => writeFile(join(dir!, `e-${String(index)}.yaml`), benchManifest(index))),
  );
  const connection: ConnectionOptions = {
    baseUrl: emulator.url,
    token: 't',
    concurrency: 16,
    clock: { now: () => clock.now, sleep: clock.sleep },
  };
  return { clock, emu: emulator, paths: [dir], connection };
}

describe('reads in few requests and round trips', () => {
  it('a plan of 45 live experiments with pages capped at 20 sends exactly 11 requests, the pages after the first at once', async () => {
    const { emu, paths, connection } = await setUp(45, { pageSizeCap: 20 });
    const first = await plan(paths, {}, connection);
    await applyPlan(first.plan!, connection, { checkFreshness: false });
    const before = emu.requests.length;
    const again = await plan(paths, {}, connection);
    expect(again.plan!.steps).toEqual([]);
    const reads = emu.requests.slice(before);
    const count = (template: string) => reads.filter((r) => r.route === template).length;
    const ENV = '/api/v2/projects/{projectKey}/environments/{environmentKey}';
    // 3 pages of experiments (20 + 20 + 5), 1 of holdouts, 4 project basics, 3 pages of the flag
    // list (45 flags, the page asked for as 100 and capped at 20); no per-experiment or per-flag GET.
    expect(reads).toHaveLength(3 + 1 + 4 + 3);
    expect(count(`${ENV}/experiments`)).toBe(3);
    expect(count(`${ENV}/experiments/{experimentKey}`)).toBe(0);
    expect(count('/api/v2/flags/{projectKey}')).toBe(3);
    expect(count('/api/v2/flags/{projectKey}/{featureFlagKey}')).toBe(0);
    // Pages 2 and 3 were asked for by offset from the first page's total, not by walking links one by one.
    const offsets = (template: string) =>
      reads.filter((r) => r.route === template).map((r) => new URL(r.path, 'http://x').searchParams.get('offset'));
    expect(offsets(`${ENV}/experiments`)).toEqual([null, '20', '40']);
    expect(offsets('/api/v2/flags/{projectKey}').sort()).toEqual(['20', '40', null].sort());
    // Only shapes the official document declares: one `env`, never repeated.
    expect(reads.filter((r) => r.path.includes('env=production&env='))).toEqual([]);
    expect(emu.requests.flatMap((entry) => validator().validateExchange(entry))).toEqual([]);
  });
});

describe('rate-limit pacing', () => {
  it('never exceeds the windows in a scripted apply at --concurrency 16, and the summary says how long it waited', async () => {
    const { emu, clock, paths, connection } = await setUp(24, {
      pageSizeCap: 20,
      rateLimit: { route: { limit: 6, windowMs: 1_000 }, global: { limit: 10, windowMs: 1_000 } },
    });
    const planned = await plan(paths, {}, connection);
    const startedApply = clock.now;
    const report = await applyPlan(planned.plan!, connection, { checkFreshness: false });
    expect(report.failed).toBe(0);
    expect(report.ok).toBe(planned.plan!.steps.length);
    // Not one request refused: the client held them until the window had room.
    expect(emu.stats().rateLimited).toBe(0);
    // Writes alone need at least ceil(writes / 10) one-second windows.
    const writes = emu.requests.filter((r) => r.method !== 'GET').length;
    expect(writes).toBeGreaterThan(10);
    expect(report.rateLimitWaitMs).toBeGreaterThanOrEqual((Math.ceil(writes / 10) - 2) * 1_000);
    expect(report.rateLimitWaitMs).toBeLessThanOrEqual(clock.now - startedApply);
    expect(emu.requests.flatMap((entry) => validator().validateExchange(entry))).toEqual([]);
  });

  it('without pacing the same run meets 429s (the scripted limits really bind)', async () => {
    const { emu, paths, connection } = await setUp(24, {
      rateLimit: { route: { limit: 6, windowMs: 1_000 }, global: { limit: 10, windowMs: 1_000 } },
    });
    // A client whose clock never moves cannot wait for a window to end; its requests go anyway.
    const frozen: ConnectionOptions = { ...connection, clock: { now: () => START, sleep: () => Promise.resolve() } };
    await expect(plan(paths, {}, frozen)).rejects.toMatchObject({ status: 429 });
    expect(emu.stats().rateLimited).toBeGreaterThan(0);
  });
});
