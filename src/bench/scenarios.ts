/**
 * The scenarios of `npm run bench` (docs/benchmarks.md). Each starts its own emulator, runs ldexp
 * in a child process `runs` times and, where the issue defines one, the baseline in this process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { startEmulator, type EmulatorConditions, type RunningEmulator } from '../emulator/index.js';
import { runBaseline } from './baseline.js';
import type { ChildResult, Job } from './child.js';
import { chainDepth, formatMs, median, type Interval } from './figures.js';
import {
  ENVIRONMENT,
  PROJECT,
  referencedKeys,
  workloadFiles,
  workloadSeed,
  type Fate,
  type WorkloadShape,
} from './workload.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/ldexp.js', import.meta.url));

/**
 * Round trips a plan cannot avoid: one to list (experiments, holdouts, metrics; flags by key), one
 * for what the first pages name (further pages, details a list leaves out).
 */
export const DEPENDENT_ROUND_TRIPS = 2;

export interface Row {
  scenario: string;
  requests?: number;
  ms?: number;
  peakMb?: number;
  baselineRequests?: number;
  baselineMs?: number;
  note: string;
}

export interface BenchOptions {
  runs: number;
}

async function child(job: Job): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [CHILD, JSON.stringify(job)], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as ChildResult;
}

async function withFiles<T>(files: ReadonlyMap<string, string>, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ldexp-bench-'));
  try {
    await Promise.all([...files].map(([name, text]) => writeFile(join(dir, name), text)));
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An emulator whose latency waits are recorded, so a run's dependent round trips can be counted. */
async function emulatorFor(
  shape: WorkloadShape,
  conditions: EmulatorConditions,
  fate?: (i: number) => Fate,
): Promise<{ emulator: RunningEmulator; waits: Interval[] }> {
  const waits: Interval[] = [];
  const sleep = (ms: number): Promise<void> => {
    const start = performance.now();
    waits.push({ start, end: start + ms });
    return new Promise((resolve) => setTimeout(resolve, ms));
  };
  const emulator = await startEmulator({ seed: workloadSeed(shape, fate), conditions, sleep });
  return { emulator, waits };
}

function cpuMs(used: NodeJS.CpuUsage): number {
  return (used.user + used.system) / 1000;
}

async function repeat<T>(runs: number, once: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out;
}

function mustSucceed(result: ChildResult, scenario: string): ChildResult {
  if (result.exitCode !== 0)
    throw new Error(`bench ${scenario}: ldexp exited ${String(result.exitCode)} (${result.detail})`);
  return result;
}

/** ldexp plan against the baseline, for one workload at one latency. */
export async function planScenario(
  scenario: string,
  shape: WorkloadShape,
  latencyMs: number,
  options: BenchOptions,
): Promise<Row> {
  const { emulator, waits } = await emulatorFor(shape, { latencyMs });
  try {
    return await withFiles(workloadFiles(shape), async (dir) => {
      let requests = 0;
      let depth = 0;
      const emulatorCpu: number[] = [];
      const results = await repeat(options.runs, async () => {
        const before = emulator.requests.length;
        waits.length = 0;
        const cpu = process.cpuUsage();
        const result = mustSucceed(await child({ kind: 'cli', argv: ['plan', dir], url: emulator.url }), scenario);
        emulatorCpu.push(cpuMs(process.cpuUsage(cpu)));
        requests = emulator.requests.length - before;
        depth = chainDepth(waits);
        return result;
      });
      const reads = { project: PROJECT, environment: ENVIRONMENT, ...referencedKeys(shape) };
      let baselineRequests = 0;
      const baselineCpu: number[] = [];
      const baselineMs = await repeat(options.runs, async () => {
        const start = performance.now();
        const cpu = process.cpuUsage();
        baselineRequests = await runBaseline(emulator.url, reads);
        baselineCpu.push(cpuMs(process.cpuUsage(cpu)));
        return performance.now() - start;
      });
      const ms = median(results.map((r) => r.ms));
      const ldexpCpu = median(results.map((r) => r.cpuMs));
      const floor = DEPENDENT_ROUND_TRIPS * latencyMs + ldexpCpu;
      return {
        scenario,
        requests,
        ms,
        peakMb: Math.max(...results.map((r) => r.maxRssMb)),
        baselineRequests,
        baselineMs: median(baselineMs),
        note:
          `${String(depth)} dependent round trips; CPU ${formatMs(ldexpCpu)}; floor ${formatMs(floor)} (${String(DEPENDENT_ROUND_TRIPS)} × ${String(latencyMs)} ms + CPU): ${(ms / floor).toFixed(1)}× it; ` +
          `emulator CPU ${formatMs(median(emulatorCpu))} (its own process) vs ${formatMs(median(baselineCpu))} for the baseline (client and emulator in one process)`,
      };
    });
  } finally {
    await emulator.close();
  }
}

/** buildPlan alone (manifests and live state already read): the CPU side of planning. */
export async function purePlanScenario(scenario: string, shape: WorkloadShape, options: BenchOptions): Promise<Row> {
  const { emulator } = await emulatorFor(shape, {});
  try {
    return await withFiles(workloadFiles(shape), async (dir) => {
      const results = await repeat(options.runs, async () =>
        mustSucceed(await child({ kind: 'buildPlan', dir, url: emulator.url }), scenario),
      );
      return {
        scenario,
        requests: 0,
        ms: median(results.map((r) => r.ms)),
        peakMb: Math.max(...results.map((r) => r.maxRssMb)),
        note: `${results[0]?.detail ?? ''}; peak memory is the whole process (manifests and live state read first)`,
      };
    });
  } finally {
    await emulator.close();
  }
}

/** Apply of `shape.experiments` independent updates under a route rate limit of `perSecond`. */
export async function applyScenario(
  scenario: string,
  shape: WorkloadShape,
  concurrency: number,
  perSecond: number,
  options: BenchOptions,
): Promise<Row> {
  const fate = (): Fate => 'update';
  return withFiles(workloadFiles(shape, fate), async (dir) => {
    let writes = 0;
    let limited = 0;
    let detail = '';
    const results = await repeat(options.runs, async () => {
      const conditions = { latencyMs: 20, rateLimit: { route: { limit: perSecond, windowMs: 1000 } } };
      const { emulator } = await emulatorFor(shape, conditions, fate);
      try {
        const result = await child({ kind: 'apply', dir, url: emulator.url, concurrency });
        const sent = emulator.requests.filter((r) => r.method !== 'GET');
        writes = sent.length;
        limited = sent.filter((r) => r.status === 429).length;
        detail = result.detail;
        return result;
      } finally {
        await emulator.close();
      }
    });
    const ms = median(results.map((r) => r.ms));
    const floorMs = (shape.experiments / perSecond) * 1000;
    const share = writes > 0 ? ((100 * limited) / writes).toFixed(1) : '0';
    return {
      scenario,
      requests: writes,
      ms,
      peakMb: Math.max(...results.map((r) => r.maxRssMb)),
      note: `${detail}; ${String(limited)} × 429 (${share}% of writes); N / rate = ${formatMs(floorMs)}: ${(ms / floorMs).toFixed(2)}× it`,
    };
  });
}

export async function validateScenario(scenario: string, shape: WorkloadShape, options: BenchOptions): Promise<Row> {
  return withFiles(workloadFiles(shape), async (dir) => {
    const results = await repeat(options.runs, async () =>
      mustSucceed(await child({ kind: 'cli', argv: ['validate', dir] }), scenario),
    );
    return {
      scenario,
      requests: 0,
      ms: median(results.map((r) => r.ms)),
      peakMb: Math.max(...results.map((r) => r.maxRssMb)),
      note: `${String(shape.experiments + shape.holdouts)} files`,
    };
  });
}

/**
 * `ldexp <argv>` as a whole process, against the cost of starting Node at all (`node -e 0`), in
 * the same run: the ratio is what a user feels, whatever the machine.
 */
async function startupRow(scenario: string, argv: string[], targetRatio: number, options: BenchOptions): Promise<Row> {
  const time = async (args: string[]): Promise<number> => {
    const start = performance.now();
    await run(process.execPath, args);
    return performance.now() - start;
  };
  // Interleaved, so a burst of load on the machine hits both alike.
  const pairs = await repeat(options.runs, async () => [await time([BIN, ...argv]), await time(['-e', '0'])]);
  const ldexp = median(pairs.map(([l]) => l ?? 0));
  const node = median(pairs.map(([, n]) => n ?? 0));
  const ratio = ldexp / node;
  return {
    scenario,
    ms: ldexp,
    baselineMs: node,
    note: `${ratio.toFixed(1)}× node -e 0 (target ≤ ${String(targetRatio)}×): ldexp adds ${formatMs(ldexp - node)}; the baseline is a floor, not an alternative`,
  };
}

/** `ldexp --version`: nothing but the command table and the version may load. */
export function startupScenario(scenario: string, options: BenchOptions): Promise<Row> {
  return startupRow(scenario, ['--version'], 2, options);
}

/** `ldexp validate` of one manifest: the manifest stages and the prebuilt validators, no HTTP client. */
export async function validateOneScenario(scenario: string, options: BenchOptions): Promise<Row> {
  const files = workloadFiles({ experiments: 1, flags: 1, metrics: 1, holdouts: 0 });
  return withFiles(files, (dir) => startupRow(scenario, ['validate', join(dir, 'experiment-0.yaml')], 3, options));
}
