/** Holdout membership and other fields of an existing experiment that no update instruction can change. */
import { findLiveHoldout } from '../live/lookup.js';
import { pointer } from '../util/json-pointer.js';
import { resourceAddress } from '../types.js';
import { semanticPatch } from './draft.js';
import type { ExperimentPlanner } from './experiment.js';
import { holdoutPath } from './paths.js';

const HOLDOUT = pointer('spec', 'holdout');

/**
 * Experiments join a holdout only at creation (ExperimentPost.holdoutId); leaving is the holdout's
 * `removeExperiment`, and there is no way back. So an omitted `holdout` leaves membership alone
 * like every omitted field, only `holdout: null` leaves, and switching or joining later is an error.
 */
export function planMembership(p: ExperimentPlanner): void {
  const live = p.input.liveCanonical;
  if (!live || p.manifest.spec.state === 'archived') return;
  const want = p.input.desired.holdout;
  const have = live.holdout ?? null;
  if (want === undefined || want === have) return;
  if (want !== null) {
    const now = have === null ? 'is in no holdout' : `is in holdout "${have}"`;
    p.error(
      HOLDOUT,
      'HoldoutJoinOnlyAtCreation',
      `experiment "${p.manifest.key}" already exists and ${now}; experiments join a holdout only when they are created, so it cannot join "${want}" (create a new experiment with a new key instead)`,
    );
    return;
  }
  if (have !== null) leave(p, have);
}

/** `holdout: null` on a member: the holdout's removeExperiment, labelled irreversible. */
function leave(p: ExperimentPlanner, have: string): void {
  const key = p.manifest.key;
  if (have.startsWith('id:')) {
    p.error(
      HOLDOUT,
      'UnknownHoldout',
      `experiment "${key}" is in holdout ${have.slice(3)}, which could not be read; it cannot be removed from it`,
    );
    return;
  }
  if (findLiveHoldout(p.input.environment, have)?.status === 'ended') {
    // An ended holdout accepts no instruction, removeExperiment included: its membership is history.
    p.error(
      HOLDOUT,
      'HoldoutEndedMembership',
      `experiment "${key}" cannot leave holdout "${have}": the holdout has ended, so its members can no longer change; write \`holdout: ${have}\` or delete the line`,
    );
    return;
  }
  const holdout = resourceAddress('holdout', p.manifest, have);
  const reason = `removes experiment "${p.name}" from holdout "${have}" for good: experiments join a holdout only when they are created, so it can never rejoin it`;
  p.add({
    resource: holdout,
    kind: 'patchHoldout',
    method: 'PATCH',
    path: holdoutPath(p.manifest, have),
    body: semanticPatch(reason, [{ kind: 'removeExperiment', value: key }]),
    instructions: ['removeExperiment'],
    impact: 'irreversible',
    reason,
    touches: [holdout, p.address],
  });
}

/** No instruction changes an experiment's type (experiment ↔ mab). */
export function checkImmutable(p: ExperimentPlanner): void {
  if (!p.input.live || p.manifest.spec.state === 'archived') return;
  if (p.input.diff.touches('immutable')) {
    p.error(
      pointer('spec', 'type'),
      'ExperimentTypeImmutable',
      `experiment "${p.manifest.key}" is of type "${p.liveCanonical.type}" in LaunchDarkly and its type cannot change; create a new experiment with a new key`,
    );
  }
}
