/** The lifecycle status of a live experiment, as the lifecycle table names it. */
import type { LdExperiment, LdIteration } from '../live/ld-types.js';

export type IterationState = 'draft' | 'running' | 'stopped';
export type LiveStatus = IterationState | 'archived';

/** The iteration to compare against: the draft when there is one, else the current one (ld-api-notes §9.2). */
export function comparedIteration(experiment: LdExperiment): LdIteration | undefined {
  return experiment.draftIteration ?? experiment.currentIteration;
}

/** The status of the compared iteration; an experiment without any iteration counts as a draft. */
export function iterationState(experiment: LdExperiment): IterationState {
  const status = comparedIteration(experiment)?.status;
  if (status === 'running') return 'running';
  if (status === 'stopped') return 'stopped';
  return 'draft';
}

/** `archived` when LaunchDarkly reports an archive date, else the iteration state. */
export function liveStatus(experiment: LdExperiment): LiveStatus {
  return experiment.archivedDate !== undefined ? 'archived' : iterationState(experiment);
}

/** How many iterations the experiment has had, counting the compared one. */
export function iterationNumber(experiment: LdExperiment): number {
  const ids = new Set<string>();
  for (const it of [...(experiment.previousIterations ?? []), experiment.currentIteration, experiment.draftIteration]) {
    if (it) ids.add(it._id ?? String(it.createdAt));
  }
  return Math.max(ids.size, 1);
}
