/**
 * The Action's `read-concurrency` input reaches the LaunchDarkly client: a plan run through
 * runAction and the real pipeline, against the emulator on port 0, never has more reads in flight
 * than the input allows (the emulator's latency waits are counted while they overlap).
 */
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { parseInputs } from '../../src/action/inputs.js';
import { runAction } from '../../src/action/run-action.js';
import { loadSeed, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan, plan, validate } from '../../src/pipeline.js';
import { RecordingReporter } from '../helpers/recording-reporter.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = 'api-read-concurrency-test-token';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Plan the fixture workspace with the given inputs; returns the most reads that overlapped. */
async function peakReadsInFlight(extraInputs: Record<string, string>): Promise<number> {
  let inFlight = 0;
  let peak = 0;
  const sleep = async (ms: number): Promise<void> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    inFlight--;
  };
  const seed = await loadSeed(join(ROOT, 'test/fixtures/emulator-seed.yaml'));
  emulator = await startEmulator({ seed, conditions: { latencyMs: 20 }, sleep });
  const values: Record<string, string> = {
    paths: join(ROOT, 'test/fixtures/action/base'),
    'api-token': TOKEN,
    'api-url': emulator.url,
    comment: 'false',
    ...extraInputs,
  };
  const inputs = parseInputs((name) => values[name] ?? '');
  const context = { eventName: 'push', owner: 'acme', repo: 'experiments', sha: 'c'.repeat(40), apiUrl: 'x' };
  const outcome = await runAction(inputs, context, {
    pipeline: { plan, validate, applyPlan },
    github: undefined,
    reporter: new RecordingReporter(),
    cwd: ROOT,
  });
  expect(outcome.failure).toBeUndefined();
  expect(outcome.outputs.changes).toBe(true);
  expect(emulator.requests.every((r) => r.method === 'GET')).toBe(true);
  return peak;
}

describe('the read-concurrency input', () => {
  it('read-concurrency: 1 reads one request at a time', async () => {
    expect(await peakReadsInFlight({ 'read-concurrency': '1' })).toBe(1);
  });

  it('without it, reads overlap (the client default)', async () => {
    expect(await peakReadsInFlight({})).toBeGreaterThan(1);
  });
});
