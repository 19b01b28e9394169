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

/**
 * The 1-based number of an iteration as LaunchDarkly counts them (IterationRep has no number):
 * how many distinct iterations there are up to and including it, previous ones first.
 */
function numberOf(experiment: LdExperiment, last?: LdIteration): number {
  const all = [...(experiment.previousIterations ?? []), experiment.currentIteration, experiment.draftIteration];
  const known = all.filter((it) => it !== undefined);
  const upTo = last === undefined ? known : known.slice(0, known.indexOf(last) + 1);
  return Math.max(new Set(upTo.map((it) => it._id ?? String(it.createdAt))).size, 1);
}

/** How many iterations the experiment has had, counting the compared one. */
export function iterationNumber(experiment: LdExperiment): number {
  return numberOf(experiment, experiment.draftIteration ?? experiment.currentIteration);
}

/**
 * The number of the iteration that is running now, if one is. A draft can sit next to it: starting
 * that draft ends the running iteration, just as a restart does. (`draftIteration` may also hold
 * the started iteration itself, ld-api-notes §9.2.)
 */
export function runningIterationNumber(experiment: LdExperiment): number | undefined {
  const running = [experiment.currentIteration, experiment.draftIteration].find((it) => it?.status === 'running');
  return running ? numberOf(experiment, running) : undefined;
}
