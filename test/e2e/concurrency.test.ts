/**
 * Two `ldexp apply` runs of the same manifests at once (two terminals, or a terminal and the merge
 * Action), over several latency seeds and ranges: both plan against the same live state, one
 * restarts the running experiment, and the other's restart reaches LaunchDarkly after that
 * restart landed (the reproduction of issue 11). The experiment is restarted exactly once, the
 * run that lost says which step it refused and why, and a final plan has no changes.
 *
 * LaunchDarkly documents no version check for semantic patches on experiments, so the check is a
 * read right before the write: two restarts whose read and write interleave within one round trip
 * can still both go through (README, "Another change at the same time"). This test pins the ordering that the check covers.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { StepOutcome } from '../../src/apply/types.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan } from '../../src/pipeline.js';
import { appliedTwice, changesOf, fastConnection, planOnly, restartsOf } from './chaos-helpers.js';
import { E2E_SEED_FILE, EXPERIMENTS, experimentManifest, startSeeded, workspace } from './helpers.js';

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

const CASES = [1, 2, 3, 4, 5, 6, 7].flatMap((seed) =>
  [
    { min: 0, max: 0 },
    { min: 1, max: 15 },
    { min: 5, max: 40 },
  ].map((latencyMs) => ({ seed, latencyMs })),
);

describe('two applies of the same manifests at once', () => {
  it.each(CASES)(
    'seed $seed, latency $latencyMs.min–$latencyMs.max ms: one restart, the loser refuses and says why',
    async ({ seed, latencyMs }) => {
      const emulator = await startSeeded({ file: E2E_SEED_FILE }, { conditions: { seed, latencyMs } });
      const ws = await workspace({ 'manifests/running.yaml': RESTART });
      try {
        const paths = [join(ws.root, 'manifests')];
        const connection = fastConnection(emulator);
        // Both runs plan at once, against iteration 1.
        const [first, second] = await Promise.all([planOnly(paths, connection), planOnly(paths, connection)]);
        expect(first.steps.map((s) => s.instructions)).toEqual([['saveAndStartNewIteration']]);
        expect(second.hash).toBe(first.hash);
        // The second starts applying as soon as the first's restart has been processed.
        const winning = applyPlan(first, connection, { checkFreshness: false });
        await restartLanded(emulator);
        const losing = applyPlan(second, connection, { checkFreshness: false });
        const [won, lost] = await Promise.all([winning, losing]);

        expect(restartsOf(emulator.requests, RUNNING)).toBe(1);
        expect(appliedTwice(emulator.requests)).toEqual([]);
        expect(won.outcomes).toEqual([{ status: 'ok', stepId: first.steps[0]?.id, httpStatus: 200 }]);
        expect(lost.outcomes).toEqual([refused(second.steps[0]?.id ?? '')]);
        // Refused before sending: the losing run read the experiment and sent nothing.
        const patches = emulator.requests.filter((r) => r.method === 'PATCH');
        expect(patches).toHaveLength(1);
        expect(changesOf(await planOnly(paths, connection))).toEqual([]);
      } finally {
        await emulator.close();
        await ws.remove();
      }
    },
  );
});

/** Resolves once the emulator has processed a restart of exp-running. */
async function restartLanded(emulator: RunningEmulator): Promise<void> {
  while (restartsOf(emulator.requests, RUNNING) === 0) await new Promise((resolve) => setImmediate(resolve));
}

function refused(stepId: string): StepOutcome {
  return {
    status: 'failed',
    stepId,
    httpStatus: 0,
    code: 'PreconditionFailed',
    message: expect.stringMatching(
      /^experiment\/web\/production\/exp-running its iteration changed from 1 to 2 since the plan was made\. Another change is in progress \(another ldexp apply or an edit in LaunchDarkly\); nothing was sent for this step\. Run plan again\.$/,
    ) as unknown as string,
  };
}
