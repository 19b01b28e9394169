/** A step in words for progress lines: the reporter's `description` of each step apply sends. */
import type { PlanStep } from '../plan/types.js';

/** What a step does, by its most telling instruction, as a verb phrase leading to the resource key. */
const STEP_VERBS: readonly [string, string][] = [
  ['endHoldout', 'Ending holdout'],
  ['removeExperiment', 'Removing an experiment from holdout'],
  ['saveAndStartNewIteration', 'Starting a new iteration of'],
  ['createIteration', 'Creating a new iteration of'],
  ['startIteration', 'Starting iteration of'],
  ['stopIteration', 'Stopping'],
  ['archiveExperiment', 'Archiving'],
  ['restoreExperiment', 'Restoring'],
  ['createExperiment', 'Creating experiment'],
  ['createHoldout', 'Creating holdout'],
];

/**
 * `Starting iteration of checkout-button (web/production)`: a step in words, for progress lines
 * (CI logs read top to bottom; an internal step id means nothing there).
 */
export function stepTitle(step: Pick<PlanStep, 'resource' | 'kind' | 'instructions'>): string {
  const [type = '', project = '', environment = '', ...rest] = step.resource.split('/');
  const key = rest.join('/');
  const kinds = [step.kind, ...step.instructions];
  const stopAndArchive = kinds.includes('stopIteration') && kinds.includes('archiveExperiment');
  const verb = stopAndArchive
    ? 'Stopping and archiving'
    : (STEP_VERBS.find(([kind]) => kinds.includes(kind))?.[1] ?? `Updating ${type}`);
  return `${verb} ${key} (${project}/${environment})`;
}
