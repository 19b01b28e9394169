/**
 * A restart ends the running iteration, and its results stop counting. The manifest acknowledges
 * it for that one iteration (`changeJustification` + `replacesIteration: N`), so a justification
 * written for one restart never authorises the next (manifest-format.md, "Restarts").
 */
import { runningIterationNumber } from '../normalize/status.js';
import { pointer } from '../util/json-pointer.js';
import type { Problem } from '../types.js';
import { errorAt, warningAt, type ExperimentRow } from './experiment.js';

const ITERATION = ['spec', 'iteration'] as const;

/** The manifest's justification for a restart, or the problem saying what it must write instead. */
export type Acknowledgement = { justification: string } | { problem: Problem };

/**
 * Whether the manifest acknowledges ending running iteration `running`. `what` names the cause,
 * e.g. `changing hypothesis`.
 */
export function acknowledgedRestart(row: ExperimentRow, running: number, what: string): Acknowledgement {
  const it = row.manifest.spec.iteration;
  const justification = it.changeJustification?.trim() ? it.changeJustification : undefined;
  const acknowledged = it.replacesIteration === running;
  const n = String(running);
  const effect = `${what} ends iteration ${n} of experiment "${row.manifest.key}": its results stay with iteration ${n} and iteration ${String(running + 1)} starts from zero`;
  if (justification === undefined) {
    const lines = acknowledged
      ? '`changeJustification: <why>`'
      : `\`changeJustification: <why>\` and \`replacesIteration: ${n}\``;
    return {
      problem: errorAt(
        row,
        pointer(...ITERATION),
        'ChangeJustificationRequired',
        `${effect}; to allow it, write ${lines} in spec.iteration`,
      ),
    };
  }
  if (it.replacesIteration === undefined) {
    return {
      problem: errorAt(
        row,
        pointer(...ITERATION, 'replacesIteration'),
        'ReplacesIterationRequired',
        `${effect}; to allow it, add \`replacesIteration: ${n}\` next to changeJustification (a justification covers the restart of one iteration)`,
      ),
    };
  }
  if (!acknowledged) {
    return {
      problem: errorAt(
        row,
        pointer(...ITERATION, 'replacesIteration'),
        'ReplacesIterationStale',
        `${effect}, but replacesIteration is ${String(it.replacesIteration)}: iteration ${n} is running now, so the justification was written for another restart; if iteration ${n} should restart too, review changeJustification and write \`replacesIteration: ${n}\``,
      ),
    };
  }
  return { justification };
}

/**
 * A `replacesIteration` that no step of this plan uses (`asked`: a cell asked for the
 * acknowledgement): harmless now, so only say it can go.
 */
export function unusedAcknowledgement(row: ExperimentRow, asked: boolean): Problem[] {
  const written = row.manifest.spec.iteration.replacesIteration;
  if (written === undefined || asked) return [];
  const running = row.from === 'absent' ? undefined : runningIterationNumber(row.live);
  const why =
    running === written
      ? `this plan does not restart iteration ${String(written)}`
      : `iteration ${String(written)} is not running (${running === undefined ? 'no iteration is' : `iteration ${String(running)} is`})`;
  return [
    warningAt(
      row,
      pointer(...ITERATION, 'replacesIteration'),
      'ReplacesIterationUnused',
      `${why}, so \`replacesIteration: ${String(written)}\` acknowledges nothing; remove it (and changeJustification): each restart is acknowledged for its own iteration`,
    ),
  ];
}
