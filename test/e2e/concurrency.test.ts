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

const CASES = (['lockstep', 'after'] as const).flatMap((mode) =>
  [1, 2, 3, 4, 5, 6, 7].flatMap((seed) =>
    [
      { min: 0, max: 0 },
      { min: 1, max: 15 },
      { min: 5, max: 40 },
    ].map((latencyMs) => ({ mode, seed, latencyMs })),
  ),
);

describe('two applies of the same manifests at once', () => {
  it.each(CASES)(
    '$mode, seed $seed, latency $latencyMs.min–$latencyMs.max ms: one restart, the loser refuses and says why',
    async ({ mode, seed, latencyMs }) => {
      const emulator = await startSeeded({ file: E2E_SEED_FILE }, { conditions: { seed, latencyMs } });
      const ws = await workspace({ 'manifests/running.yaml': RESTART });
      try {
        const paths = [join(ws.root, 'manifests')];
        const connection = fastConnection(emulator);
        // Both runs plan at once, against iteration 1.
        const [first, second] = await Promise.all([planOnly(paths, connection), planOnly(paths, connection)]);
        expect(first.steps.map((s) => s.instructions)).toEqual([['saveAndStartNewIteration']]);
        expect(second.hash).toBe(first.hash);
        // Lockstep: both apply at the same instant. After: the second starts applying as soon as
        // the first's restart has been processed.
        const one = applyPlan(first, connection, { checkFreshness: false });
        if (mode === 'after') await restartLanded(emulator);
        const two = applyPlan(second, connection, { checkFreshness: false });
        const outcomes = (await Promise.all([one, two])).flatMap((report) => report.outcomes);

        expect(restartsOf(emulator.requests, RUNNING)).toBe(1);
        expect(appliedTwice(emulator.requests)).toEqual([]);
        const stepId = first.steps[0]?.id ?? '';
        expect(outcomes.filter((o) => o.status === 'ok')).toEqual([{ status: 'ok', stepId, httpStatus: 200 }]);
        const lost = outcomes.filter((o) => o.status !== 'ok');
        const lostStatus = lost[0]?.status === 'failed' ? lost[0].httpStatus : undefined;
        // Refused before sending (the read saw iteration 2), or sent and refused by LaunchDarkly
        // for its stale flag version, then confirmed by reading back: either way, said in words.
        expect(lost).toEqual([lostStatus === 400 ? refusedByServer(stepId) : refused(stepId)]);
        if (mode === 'after') expect(lostStatus).toBe(0);
        const patches = emulator.requests.filter((r) => r.method === 'PATCH');
        expect(patches).toHaveLength(lostStatus === 400 ? 2 : 1);
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
