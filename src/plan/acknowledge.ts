/**
 * A restart ends the running iteration, and its results stop counting. The manifest acknowledges
 * it for that one iteration (`changeJustification` + `replacesIteration: N`), so a justification
 * written for one restart never authorises the next (manifest-format.md, "Restarts").
 */
import { runningIterationNumber } from '../normalize/status.js';
import { pointer } from '../util/json-pointer.js';
import type { ExperimentPlanner } from './experiment.js';

const ITERATION = ['spec', 'iteration'] as const;

/**
 * The justification for ending running iteration `running`, or undefined after reporting what the
 * manifest must say instead. `what` names the cause, e.g. `changing hypothesis`.
 */
export function acknowledgedRestart(p: ExperimentPlanner, running: number, what: string): string | undefined {
  p.restartChecked = true;
  const it = p.manifest.spec.iteration;
  const justification = it.changeJustification?.trim() ? it.changeJustification : undefined;
  const acknowledged = it.replacesIteration === running;
  const n = String(running);
  const effect = `${what} ends iteration ${n} of experiment "${p.manifest.key}": its results stay with iteration ${n} and iteration ${String(running + 1)} starts from zero`;
  if (justification === undefined) {
    const lines = acknowledged
      ? '`changeJustification: <why>`'
      : `\`changeJustification: <why>\` and \`replacesIteration: ${n}\``;
    p.error(
      pointer(...ITERATION),
      'ChangeJustificationRequired',
      `${effect}; to allow it, write ${lines} in spec.iteration`,
    );
    return undefined;
  }
  if (it.replacesIteration === undefined) {
    p.error(
      pointer(...ITERATION, 'replacesIteration'),
      'ReplacesIterationRequired',
      `${effect}; to allow it, add \`replacesIteration: ${n}\` next to changeJustification (a justification covers the restart of one iteration)`,
    );
    return undefined;
  }
  if (!acknowledged) {
    p.error(
      pointer(...ITERATION, 'replacesIteration'),
      'ReplacesIterationStale',
      `${effect}, but replacesIteration is ${String(it.replacesIteration)}: iteration ${n} is running now, so the justification was written for another restart; if iteration ${n} should restart too, review changeJustification and write \`replacesIteration: ${n}\``,
    );
    return undefined;
  }
  return justification;
}

/** A `replacesIteration` that no step of this plan uses: harmless now, so only say it can go. */
export function warnUnusedAcknowledgement(p: ExperimentPlanner): void {
  const written = p.manifest.spec.iteration.replacesIteration;
  if (written === undefined || p.restartChecked) return;
  const running = p.input.live ? runningIterationNumber(p.input.live) : undefined;
  const why =
    running === written
      ? `this plan does not restart iteration ${String(written)}`
      : `iteration ${String(written)} is not running (${running === undefined ? 'no iteration is' : `iteration ${String(running)} is`})`;
  p.warn(
    pointer(...ITERATION, 'replacesIteration'),
    'ReplacesIterationUnused',
    `${why}, so \`replacesIteration: ${String(written)}\` acknowledges nothing; remove it (and changeJustification): each restart is acknowledged for its own iteration`,
  );
}
