/** What a run must read from LaunchDarkly for a set of manifests. */
import type { ManifestSet } from '../manifest/types.js';
import { uniqueTargets } from '../types.js';
import type { LiveRequest } from './types.js';

/** Every project+environment the manifests mention, and the flags each project needs. */
export function liveRequestFor(manifests: ManifestSet): LiveRequest {
  const flagKeys = new Map<string, Set<string>>();
  const need = (project: string, keys: Iterable<string>): void => {
    const known = flagKeys.get(project) ?? new Set<string>();
    for (const key of keys) known.add(key);
    flagKeys.set(project, known);
  };
  for (const experiment of manifests.experiments)
    need(experiment.project, Object.keys(experiment.spec.iteration.flags));
  for (const holdout of manifests.holdouts) {
    if (holdout.spec.prerequisiteFlag !== undefined) need(holdout.project, [holdout.spec.prerequisiteFlag]);
  }
  return { targets: uniqueTargets([...manifests.experiments, ...manifests.holdouts]), flagKeys };
}
