/**
 * `npm run bench`: speed and memory of the whole pipeline on a synthetic workload against the
 * in-process emulator. Prints figures; asserts nothing (targets are read, not enforced in tests).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startEmulator } from '../emulator/index.js';
import { loadManifests } from '../manifest/index.js';
import { applyPlan, liveRequestFor, plan } from '../pipeline.js';
import { createClient, fetchLive } from '../live/index.js';
import { buildPlan } from '../plan/index.js';
import { benchManifest, benchSeed } from './workload.js';

interface Figure {
  label: string;
  ms: number;
  detail: string;
}

async function timed<T>(
  figures: Figure[],
  label: string,
  work: () => Promise<T>,
  detail: (value: T) => string,
): Promise<T> {
  const start = performance.now();
  const value = await work();
  figures.push({ label, ms: performance.now() - start, detail: detail(value) });
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { experiments: { type: 'string', default: '300' } } });
  const count = Number(values.experiments);
  const dir = await mkdtemp(join(tmpdir(), 'ldexp-bench-'));
  const emulator = await startEmulator({ seed: benchSeed(count) });
  const connection = { baseUrl: emulator.url, token: 'bench-token', concurrency: 4 };
  const defaults = {};
  const figures: Figure[] = [];
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  try {
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        writeFile(join(dir, `experiment-${String(index)}.yaml`), benchManifest(index)),
      ),
    );
    const loaded = await timed(
      figures,
      'load + validate',
      () => loadManifests([dir], defaults),
      (r) => `${String(r.manifests.experiments.length)} experiments, ${String(r.problems.length)} problems`,
    );
    const client = createClient({ baseUrl: emulator.url, token: 'bench-token' });
    const live = await timed(
      figures,
      'fetch live (empty)',
      () => fetchLive(client, liveRequestFor(loaded.manifests)),
      (l) => `${String(l.projects.get('bench')?.flags.size ?? 0)} flags read`,
    );
    await timed(
      figures,
      'build plan (pure)',
      () => Promise.resolve(buildPlan(loaded.manifests, live)),
      (r) => `${String(r.plan?.steps.length ?? 0)} steps`,
    );
    const first = await timed(
      figures,
      'plan (end to end)',
      () => plan([dir], defaults, connection),
      (r) => `${String(r.plan?.steps.length ?? 0)} steps`,
    );
    if (!first.plan) throw new Error(`bench plan failed: ${JSON.stringify(first.problems.slice(0, 3))}`);
    const firstPlan = first.plan;
    await timed(
      figures,
      'apply (concurrency 4)',
      () => applyPlan(firstPlan, connection, { checkFreshness: false }),
      (r) => `${String(r.ok)} ok, ${String(r.failed)} failed`,
    );
    await timed(
      figures,
      'plan after apply',
      () => plan([dir], defaults, connection),
      (r) => `${String(r.plan?.steps.length ?? -1)} steps (expect 0)`,
    );
  } finally {
    clearInterval(sampler);
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`ldexp bench: ${String(count)} experiments, Node ${process.version}`);
  for (const figure of figures) {
    console.log(`  ${figure.label.padEnd(24)} ${figure.ms.toFixed(0).padStart(7)} ms   ${figure.detail}`);
  }
  console.log(`  ${'peak heap'.padEnd(24)} ${(peakHeap / 1024 / 1024).toFixed(1).padStart(7)} MB`);
  console.log(`  ${'emulator requests'.padEnd(24)} ${String(emulator.requests.length).padStart(7)}`);
}

await main();
