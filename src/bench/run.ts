/**
 * `npm run bench`: every scenario of docs/benchmarks.md against the in-process emulator, each ldexp
 * run in a child process (its peak memory is its own). Prints a table; asserts nothing.
 *
 *   node dist/lib/bench/run.js [--runs 3] [--only <text in a scenario name>]
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

import { formatCount, formatMs, formatRatio, renderTable } from './figures.js';
import {
  applyScenario,
  planScenario,
  purePlanScenario,
  startupScenario,
  validateOneScenario,
  validateScenario,
  type BenchOptions,
  type Row,
} from './scenarios.js';
import type { WorkloadShape } from './workload.js';

/** The plan workload of the issue: 100 flags, 60 metrics, one holdout per 100 experiments. */
const planShape = (experiments: number, flags = 100): WorkloadShape => ({
  experiments,
  flags,
  metrics: 60,
  holdouts: Math.max(1, experiments / 100),
});

interface Scenario {
  name: string;
  measure: (name: string, options: BenchOptions) => Promise<Row>;
}

const SCENARIOS: readonly Scenario[] = [
  ...[100, 1000, 5000].flatMap((n) =>
    [20, 50].map((latency): Scenario => ({
      name: `plan ${formatCount(n)} experiments, ${String(latency)} ms`,
      measure: (name, options) => planScenario(name, planShape(n), latency, options),
    })),
  ),
  {
    name: 'plan 1,000 experiments on one flag, 20 ms',
    measure: (name, options) => planScenario(name, planShape(1000, 1), 20, options),
  },
  {
    name: 'pure planning, 10,000 experiments',
    measure: (name, options) => purePlanScenario(name, planShape(10_000), options),
  },
  ...[4, 16].map((concurrency): Scenario => ({
    name: `apply 500 updates, 100/s, --concurrency ${String(concurrency)}`,
    measure: (name, options) =>
      applyScenario(name, { experiments: 500, flags: 100, metrics: 60, holdouts: 0 }, concurrency, 100, options),
  })),
  {
    name: 'validate 2,000 files',
    measure: (name, options) =>
      validateScenario(name, { experiments: 2000, flags: 100, metrics: 60, holdouts: 0 }, options),
  },
  { name: 'ldexp --version (baseline: node -e 0)', measure: startupScenario },
  { name: 'ldexp validate, one file (baseline: node -e 0)', measure: validateOneScenario },
];

const HEADER = [
  'scenario',
  'requests',
  'wall (median)',
  'peak RSS',
  'baseline req.',
  'baseline wall',
  'fewer req.',
  'faster',
  'note',
];

function tableRow(row: Row): string[] {
  return [
    row.scenario,
    formatCount(row.requests),
    formatMs(row.ms),
    row.peakMb === undefined ? '—' : `${row.peakMb.toFixed(0)} MB`,
    formatCount(row.baselineRequests),
    formatMs(row.baselineMs),
    formatRatio(row.baselineRequests, row.requests),
    formatRatio(row.baselineMs, row.ms),
    row.note,
  ];
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `Node ${process.version}, ${String(availableParallelism())} cores (${cpu}), ${memory} GB memory, ${process.platform}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
  const options: BenchOptions = { runs: Math.max(1, Number(values.runs)) };
  const chosen = SCENARIOS.filter((s) => values.only === undefined || s.name.includes(values.only));
  process.stderr.write(`ldexp bench: ${machine()}; median of ${String(options.runs)} runs\n`);
  const rows: Row[] = [];
  for (const scenario of chosen) {
    const start = performance.now();
    rows.push(await scenario.measure(scenario.name, options));
    process.stderr.write(`  ${scenario.name}: done in ${formatMs(performance.now() - start)}\n`);
  }
  process.stdout.write(`\nldexp bench — ${machine()}; median of ${String(options.runs)} runs\n\n`);
  process.stdout.write(renderTable([HEADER, ...rows.map(tableRow)]));
}

await main();
