/** Holdout membership and other fields of an existing experiment that no update instruction can change. */
import { findLiveHoldout } from '../resolve/context.js';
import { pointer } from '../resolve/problem.js';
import { resourceAddress } from '../types.js';
import { semanticPatch } from './draft.js';
import type { ExperimentPlanner } from './experiment.js';
import { holdoutPath } from './paths.js';

/**
 * Experiments join a holdout only at creation (ExperimentPost.holdoutId); leaving is the holdout's
 * `removeExperiment`. Switching or joining later has no instruction, so it is an error.
 */
export function planMembership(p: ExperimentPlanner): void {
  const live = p.input.liveCanonical;
  if (!live || p.manifest.spec.state === 'archived') return;
  const want = p.input.desired.holdout;
  const have = live.holdout;
  if (want === have) return;
  const key = p.manifest.key;
  if (want !== undefined) {
    const now = have === undefined ? 'is in no holdout' : `is in holdout "${have}"`;
    p.error(
      pointer('spec', 'holdout'),
      'HoldoutJoinOnlyAtCreation',
      `experiment "${key}" already exists and ${now}; experiments join a holdout only when they are created, so it cannot join "${want}" (create a new experiment with a new key instead)`,
    );
    return;
  }
  if (have?.startsWith('id:')) {
    p.error(
      pointer('spec'),
      'UnknownHoldout',
      `experiment "${key}" is in holdout ${have.slice(3)}, which could not be read; it cannot be removed from it`,
    );
    return;
  }
  if (have === undefined) return;
  if (findLiveHoldout(p.input.environment, have)?.status === 'ended') {
    // An ended holdout accepts no instruction, removeExperiment included: its membership is history.
    p.warn(
      pointer('spec'),
      'HoldoutEndedMembership',
      `experiment "${key}" stays in holdout "${have}": the holdout has ended, so its members can no longer change (add \`holdout: ${have}\` to the manifest to silence this)`,
    );
    return;
  }
  const holdout = resourceAddress('holdout', p.manifest, have);
  const reason = `removes experiment "${p.name}" from holdout "${have}"`;
  p.add({
    resource: holdout,
    kind: 'patchHoldout',
    method: 'PATCH',
    path: holdoutPath(p.manifest, have),
    body: semanticPatch(reason, [{ kind: 'removeExperiment', value: key }]),
    instructions: ['removeExperiment'],
    impact: 'metadata',
    reason,
    touches: [holdout, p.address],
  });
}

/** No instruction changes an experiment's type (experiment ↔ mab). */
export function checkImmutable(p: ExperimentPlanner): void {
  if (!p.input.live || p.manifest.spec.state === 'archived') return;
  if (p.input.diff.fields.some((r) => r.category === 'immutable')) {
    p.error(
      pointer('spec', 'type'),
      'ExperimentTypeImmutable',
      `experiment "${p.manifest.key}" is of type "${p.liveCanonical.type}" in LaunchDarkly and its type cannot change; create a new experiment with a new key`,
    );
  }
}
