import type { LdExperiment, LdHoldout, LdIteration } from './ld-types.js';

/** Flag keys used by any iteration (current, draft or previous) of these experiments and holdouts. */
export function referencedFlagKeys(experiments: readonly LdExperiment[], holdouts: readonly LdHoldout[]): Set<string> {
  const keys = new Set<string>();
  const all = [...experiments, ...holdouts.flatMap((h) => [h.baseExperiment, ...(h.relatedExperiments ?? [])])];
  for (const experiment of all) {
    for (const iteration of iterationsOf(experiment)) {
      for (const key of Object.keys(iteration.flags ?? {})) keys.add(key);
    }
  }
  return keys;
}

/** Every iteration an experiment shows, whichever expansions were honoured. */
export function iterationsOf(experiment: LdExperiment): LdIteration[] {
  const found = [experiment.currentIteration, experiment.draftIteration, ...(experiment.previousIterations ?? [])];
  return found.filter((iteration): iteration is LdIteration => iteration !== undefined);
}
