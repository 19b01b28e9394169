/**
 * Two `ldexp apply` runs of the same manifests at once (two terminals, or a terminal and the merge
 * Action), over several latency seeds and ranges: both plan against the same live state and both
 * apply at the same instant (the reproduction of issue 11). The experiment is restarted exactly
 * once, the run that lost says which step it refused and why, and a final plan has no changes.
 *
 * Two guards make this hold: apply reads the experiment right before a restart and refuses when
 * it moved; and every restart carries the flags' flagConfigVersion, which LaunchDarkly refuses
 * when stale, so a restart whose read raced the other run's restart is refused by the server (the
 * first restart moved the flag) and reported the same way after reading back.
 */
import { join } from 'node:path';

import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StepOutcome } from '../../src/apply/types.js';
import type { RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan, type ConnectionOptions } from '../../src/pipeline.js';
import {
  appliedTwice,
  changesOf,
  fastConnection,
  planOnly,
  planner,
  restartsOf,
  type Planner,
} from './chaos-helpers.js';
import { E2E_SEED_FILE, EXPERIMENTS, experimentManifest, startSeeded, workspace, type Workspace } from './helpers.js';

const RUNNING = `${EXPERIMENTS}/exp-running`;
const RESTART = experimentManifest({
  key: 'exp-running',
  flag: 'running-flag',
  name: 'Running experiment',
  state: 'running',
  allocations: [30, 70],
  changeJustification: 'Ramp up the treatment',
  replacesIteration: 1,
});

const CASES = (['lockstep', 'after'] as const).flatMap((mode) =>
  [1, 2, 3, 4, 5, 6, 7].flatMap((seed) =>
    [
      { min: 0, max: 0 },
      { min: 1, max: 15 },
      { min: 5, max: 40 },
    ].map((latencyMs) => ({ mode, seed, latencyMs })),
  ),
);

// Concurrently: each case has its own emulator, and most of a case's time is the emulator's
// latency, which the cases can wait out together. The interleavings each case forces (lockstep,
// after) hold whatever else the process is doing.
describe.concurrent('two applies of the same manifests at once', () => {
  let ws: Workspace;
  let paths: Planner;
  beforeAll(async () => {
    ws = await workspace({ 'manifests/running.yaml': RESTART });
    paths = await planner([join(ws.root, 'manifests')]);
  });
  afterAll(() => ws.remove());

  it.each(CASES)(
    '$mode, seed $seed, latency $latencyMs.min–$latencyMs.max ms: one restart, the loser refuses and says why',
    async ({ mode, seed, latencyMs }) => {
      const emulator = await startSeeded({ file: E2E_SEED_FILE }, { conditions: { seed, latencyMs } });
      try {
        // No answer here is slow on purpose: a generous timeout keeps a busy machine (the first
        // cases start together, cold) from turning into a timeout the test is not about.
        const connection = fastConnection(emulator, { timeoutMs: 30_000 });
        // Both runs plan at once, against iteration 1.
        const [first, second] = await Promise.all([planOnly(paths, connection), planOnly(paths, connection)]);
        expect(first.steps.map((s) => s.instructions)).toEqual([['saveAndStartNewIteration']]);
        expect(second.hash).toBe(first.hash);
        // Lockstep: both apply at the same instant, and neither restart is sent before both runs
        // read the experiment (what two runs started together do when the reads are quick).
        // After: the second starts applying as soon as the first's restart has been processed.
        const applying = emulator.requests.length;
        const bothRead = () => preReadsOf(emulator.requests.slice(applying)) >= 2;
        const lockstep = mode === 'lockstep' ? [holdingRestarts(bothRead), holdingRestarts(bothRead)] : [];
        try {
          const one = applyPlan(first, withDispatcher(connection, lockstep[0]), { checkFreshness: false });
          if (mode === 'after') await restartLanded(emulator);
          const two = applyPlan(second, withDispatcher(connection, lockstep[1]), { checkFreshness: false });
          const outcomes = (await Promise.all([one, two])).flatMap((report) => report.outcomes);

          expect(restartsOf(emulator.requests, RUNNING)).toBe(1);
          expect(appliedTwice(emulator.requests)).toEqual([]);
          const stepId = first.steps[0]?.id ?? '';
          expect(outcomes.filter((o) => o.status === 'ok')).toEqual([{ status: 'ok', stepId, httpStatus: 200 }]);
          // Lockstep: both reads saw iteration 1, so both restarts are sent; LaunchDarkly refuses the
          // second for its stale flag version, and reading back confirms why. After: the read saw
          // iteration 2, so the restart is refused before it is sent. Either way, said in words.
          const lost = outcomes.filter((o) => o.status !== 'ok');
          expect(lost).toEqual([mode === 'lockstep' ? refusedByServer(stepId) : refused(stepId)]);
          const patches = emulator.requests.filter((r) => r.method === 'PATCH');
          expect(patches).toHaveLength(mode === 'lockstep' ? 2 : 1);
          expect(changesOf(await planOnly(paths, connection))).toEqual([]);
        } finally {
          await Promise.all(lockstep.map((dispatcher) => dispatcher.close()));
        }
      } finally {
        await emulator.close();
      }
    },
  );
});

/** Resolves once the emulator has processed a restart of exp-running. */
async function restartLanded(emulator: RunningEmulator): Promise<void> {
  await until(() => restartsOf(emulator.requests, RUNNING) > 0);
}

/**
 * Polls every millisecond rather than every turn of the event loop: a turn-by-turn poll never lets
 * the loop sleep, and the cases that run alongside (describe.concurrent) would share a busy CPU.
 */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Reads of exp-running itself: apply's check right before the restart. */
function preReadsOf(requests: readonly RequestLogEntry[]): number {
  return requests.filter((r) => r.method === 'GET' && r.path.split('?')[0] === RUNNING).length;
}

/** A transport that sends no PATCH until `ready()`; everything else goes out at once. */
function holdingRestarts(ready: () => boolean): Dispatcher {
  return new Agent().compose((dispatch) => (options, handler) => {
    if (options.method !== 'PATCH') return dispatch(options, handler);
    void until(ready).then(() => dispatch(options, handler));
    return true;
  });
}

function withDispatcher(connection: ConnectionOptions, dispatcher: Dispatcher | undefined): ConnectionOptions {
  return dispatcher ? { ...connection, dispatcher } : connection;
}

function refused(stepId: string): StepOutcome {
  return {
    status: 'failed',
    stepId,
    httpStatus: 0,
    code: 'PreconditionFailed',
    message: expect.stringMatching(
      /^experiment\/web\/production\/exp-running its iteration changed from 1 to 2 since the plan was made\. Another change is in progress \(another ldexp apply or an edit in LaunchDarkly\); this step was not applied\. Run plan again\.$/,
    ) as unknown as string,
  };
}

function refusedByServer(stepId: string): StepOutcome {
  return {
    status: 'failed',
    stepId,
    httpStatus: 400,
    code: 'PreconditionFailed',
    message: expect.stringMatching(
      /^experiment\/web\/production\/exp-running its iteration changed from 1 to 2 while this step was being sent \(LaunchDarkly refused it: .*flagConfigVersion \d+ is stale.*\)\. Another change is in progress \(another ldexp apply or an edit in LaunchDarkly\); this step was not applied\. Run plan again\.$/,
    ) as unknown as string,
  };
}
