/** Treatment IDs and other derived iteration values. */
import { badRequest } from '../http-error.js';
import { stableId } from '../ids.js';
import type { IterationState } from '../state.js';

/**
 * The document says a treatment `_id` "is the variation ID from the flag". That is well defined
 * for single-flag iterations only. Choice: with several flags, the ID is derived from the
 * experiment ID and the treatment name, so it stays the same across iterations.
 */
export function assignTreatmentIds(iteration: IterationState, experimentId: string): void {
  const singleFlag = Object.keys(iteration.flags).length === 1;
  const seen = new Set<string>();
  for (const treatment of iteration.treatments) {
    const first = treatment.parameters[0];
    const id = singleFlag && first ? first.variationId : stableId('treatment', experimentId, treatment.name);
    if (seen.has(id)) {
      throw badRequest(`two treatments use the same variation (treatment "${treatment.name}")`);
    }
    seen.add(id);
    treatment._id = id;
  }
}

/** The variation users outside the experiment get: as sent, else the baseline's variation. */
export function notInExperimentVariation(iteration: IterationState, flagKey: string): string | undefined {
  const explicit = iteration.flags[flagKey]?.notInExperimentVariationId;
  if (explicit !== undefined) return explicit;
  const baseline = iteration.treatments.find((t) => t.baseline);
  return baseline?.parameters.find((p) => p.flagKey === flagKey)?.variationId;
}
