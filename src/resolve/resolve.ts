/** Resolve every manifest of a set against the live state. */
import type { LiveState } from '../live/types.js';
import type { ManifestSet } from '../manifest/types.js';
import type { Problem } from '../types.js';
import { resolveExperiment } from './experiment.js';
import { resolveHoldout } from './holdout.js';
import type { ResolvedExperiment, ResolvedHoldout } from './types.js';

export interface Resolution {
  experiments: ResolvedExperiment[];
  holdouts: ResolvedHoldout[];
  problems: Problem[];
}

/** Resolve all references; resources with problems are left out and their problems collected. */
export function resolveAll(desired: ManifestSet, live: LiveState): Resolution {
  const out: Resolution = { experiments: [], holdouts: [], problems: [] };
  for (const manifest of desired.holdouts) {
    const { resolved, problems } = resolveHoldout(manifest, live);
    out.problems.push(...problems);
    if (resolved) out.holdouts.push(resolved);
  }
  for (const manifest of desired.experiments) {
    const { resolved, problems } = resolveExperiment(manifest, desired, live);
    out.problems.push(...problems);
    if (resolved) out.experiments.push(resolved);
  }
  return out;
}
