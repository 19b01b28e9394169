/** A step in words for progress lines: the reporter's `description` of each step apply sends. */
import type { InstructionKind } from '../plan/instructions.js';
import type { PlanStep } from '../plan/types.js';
import { parseAddress } from '../types.js';

/** What a step does, by its most telling instruction, as a verb phrase leading to the resource key. */
const STEP_VERBS: readonly [PlanStep['kind'] | InstructionKind, string][] = [
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
  const ref = parseAddress(step.resource);
  const kinds = [step.kind, ...step.instructions];
  const stopAndArchive = kinds.includes('stopIteration') && kinds.includes('archiveExperiment');
  const verb = stopAndArchive
    ? 'Stopping and archiving'
    : (STEP_VERBS.find(([kind]) => kinds.includes(kind))?.[1] ?? `Updating ${ref?.kind ?? ''}`);
  return ref ? `${verb} ${ref.key} (${ref.project}/${ref.environment})` : `${verb} ${step.resource}`;
}
