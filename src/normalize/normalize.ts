/** The normalize stage: every resolved resource beside its live counterpart, both in canonical form. */
import { findLiveExperiment, findLiveHoldout, liveEnvironment } from '../live/lookup.js';
import type { LiveState } from '../live/types.js';
import type { ResolvedExperiment, ResolvedHoldout } from '../resolve/types.js';
import { canonicalFromDesired, canonicalInEnvironment, withoutUnmanaged } from './experiment.js';
import { canonicalHoldoutFromDesired, canonicalHoldoutFromLive, comparableHoldouts } from './holdout.js';
import type { Normalized, NormalizedExperiment, NormalizedHoldout } from './types.js';

function normalizeExperiment(resolved: ResolvedExperiment, live: LiveState): NormalizedExperiment {
  const environment = liveEnvironment(live, resolved.manifest);
  const ld = findLiveExperiment(environment, resolved.manifest.key);
  const desired = canonicalFromDesired(resolved);
  if (!ld) return { resolved, desired };
  const liveWhole = canonicalInEnvironment(ld, environment);
  return { resolved, desired, live: ld, liveWhole, liveCanonical: withoutUnmanaged(liveWhole, desired) };
}

/** With a live holdout, both sides keep only what both state (see `comparableHoldouts`). */
function normalizeHoldout(resolved: ResolvedHoldout, live: LiveState): NormalizedHoldout {
  const ld = findLiveHoldout(liveEnvironment(live, resolved.manifest), resolved.manifest.key);
  const desired = canonicalHoldoutFromDesired(resolved);
  if (!ld) return { resolved, desired };
  const pair = comparableHoldouts(desired, canonicalHoldoutFromLive(ld));
  return { resolved, desired: pair.desired, live: ld, liveCanonical: pair.live };
}

/** Canonical desired and live values for every resolved resource. Pure: returns fresh values. */
export function normalizeAll(
  resolution: { experiments: readonly ResolvedExperiment[]; holdouts: readonly ResolvedHoldout[] },
  live: LiveState,
): Normalized {
  return {
    experiments: resolution.experiments.map((r) => normalizeExperiment(r, live)),
    holdouts: resolution.holdouts.map((r) => normalizeHoldout(r, live)),
  };
}
