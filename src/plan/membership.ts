/** Holdout membership and other fields of an existing experiment that no update instruction can change. */
import type { LiveEnvironment } from '../live/types.js';
import { findLiveHoldout } from '../live/lookup.js';
import { pointer } from '../util/json-pointer.js';
import { resourceRef, type Problem } from '../types.js';
import { errorAt, type CellPart, type ExperimentRow } from './experiment.js';

const HOLDOUT = pointer('spec', 'holdout');

/**
 * Experiments join a holdout only at creation (ExperimentPost.holdoutId); leaving is the holdout's
 * `removeExperiment`, and there is no way back. So an omitted `holdout` leaves membership alone
 * like every omitted field, only `holdout: null` leaves, and switching or joining later is an error.
 */
export function planMembership(row: ExperimentRow, environment: LiveEnvironment): CellPart {
  if (row.from === 'absent' || row.manifest.spec.state === 'archived') return {};
  const want = row.desired.holdout;
  const have = row.liveCanonical.holdout ?? null;
  if (want === undefined || want === have) return {};
  if (want !== null) {
    const now = have === null ? 'is in no holdout' : `is in holdout "${have}"`;
    const message = `experiment "${row.manifest.key}" already exists and ${now}; experiments join a holdout only when they are created, so it cannot join "${want}" (create a new experiment with a new key instead)`;
    return { problems: [errorAt(row, HOLDOUT, 'HoldoutJoinOnlyAtCreation', message)] };
  }
  return have === null ? {} : leave(row, have, environment);
}

/** `holdout: null` on a member: the holdout's removeExperiment, labelled irreversible. */
function leave(row: ExperimentRow, have: string, environment: LiveEnvironment): CellPart {
  const key = row.manifest.key;
  if (have.startsWith('id:')) {
    const message = `experiment "${key}" is in holdout ${have.slice(3)}, which could not be read; it cannot be removed from it`;
    return { problems: [errorAt(row, HOLDOUT, 'UnknownHoldout', message)] };
  }
  if (findLiveHoldout(environment, have)?.status === 'ended') {
    // An ended holdout accepts no instruction, removeExperiment included: its membership is history.
    const message = `experiment "${key}" cannot leave holdout "${have}": the holdout has ended, so its members can no longer change; write \`holdout: ${have}\` or delete the line`;
    return { problems: [errorAt(row, HOLDOUT, 'HoldoutEndedMembership', message)] };
  }
  const holdout = resourceRef('holdout', row.manifest, have);
  const reason = `removes experiment "${row.manifest.spec.name}" from holdout "${have}" for good: experiments join a holdout only when they are created, so it can never rejoin it`;
  return {
    steps: [
      {
        target: holdout,
        request: { kind: 'patchHoldout', instructions: [{ kind: 'removeExperiment', value: key }] },
        impact: 'irreversible',
        reason,
        touches: [holdout, row.ref],
      },
    ],
  };
}

/** No instruction changes an experiment's type (experiment ↔ mab). */
export function checkImmutable(row: ExperimentRow): Problem[] {
  if (row.from === 'absent' || row.manifest.spec.state === 'archived') return [];
  if (!row.diff.touches('immutable')) return [];
  const message = `experiment "${row.manifest.key}" is of type "${row.liveCanonical.type}" in LaunchDarkly and its type cannot change; create a new experiment with a new key`;
  return [errorAt(row, pointer('spec', 'type'), 'ExperimentTypeImmutable', message)];
}
