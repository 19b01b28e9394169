/**
 * LaunchDarkly's own answer to "may this field change now?": the live experiment's
 * `mutableFieldsByStatus` (fetched with the experiments). When it is there, a field update it does
 * not allow in the status of the iteration the update lands on is refused at plan time, at the
 * manifest position of the field, rather than shown in a plan and refused by LaunchDarkly during
 * apply. When LaunchDarkly does not send it, LaunchDarkly decides during apply, as before.
 */
import type { IterationStatus, LdExperiment } from '../live/ld-types.js';
import { pointer } from '../util/json-pointer.js';
import type { Problem } from '../types.js';
import type { StepSpec } from './draft.js';
import { errorAt, type ExperimentRow } from './experiment.js';
import type { ExperimentInstruction, FieldUpdates } from './instructions.js';

/** Manifest place of each `updateExperimentFields` field (spec-relative), where it differs from `spec.<field>`. */
const MANIFEST_PLACE: Readonly<Record<string, readonly string[]>> = {
  analysisConfig: ['analysis'],
  hypothesis: ['iteration', 'hypothesis'],
  randomizationUnit: ['iteration', 'randomizationUnit'],
  attributes: ['iteration', 'attributes'],
  canReshuffleTraffic: ['iteration', 'canReshuffleTraffic'],
  reallocationFrequencyMillis: ['iteration', 'reallocationFrequencyMillis'],
  primarySingleMetricKey: ['iteration', 'primaryMetric'],
  primaryFunnelKey: ['iteration', 'primaryMetric'],
  metrics: ['iteration', 'metrics'],
  flags: ['iteration', 'flags'],
  treatments: ['iteration', 'treatments'],
};

/** A problem for every planned field update LaunchDarkly's `mutableFieldsByStatus` does not allow. */
export function checkMutability(row: ExperimentRow, steps: readonly StepSpec[]): Problem[] {
  if (row.from === 'absent' || !row.live.mutableFieldsByStatus) return [];
  const allowedByStatus = row.live.mutableFieldsByStatus;
  // After this plan's createIteration, edits land on the new draft.
  const newDraft = steps.some((s) => s.request.kind === 'createIteration');
  const problems: Problem[] = [];
  for (const instruction of steps.flatMap((s) =>
    s.request.kind === 'patchExperiment' ? s.request.instructions : [],
  )) {
    const status = statusFor(instruction, row.live, newDraft);
    const allowed = status ? allowedByStatus[status] : undefined;
    if (!status || !allowed) continue;
    for (const [field, update] of Object.entries(fieldsOf(instruction))) {
      const operation = update?.operation ?? 'update';
      const operations = allowed[field] ?? [];
      if (operations.includes(operation)) continue;
      problems.push(
        errorAt(
          row,
          pointer('spec', ...(MANIFEST_PLACE[field] ?? [field])),
          'FieldNotMutable',
          `LaunchDarkly does not allow "${operation}" of field "${field}" of experiment "${row.manifest.key}" while the ${status === 'not_started' ? 'iteration it lands on is a draft' : `iteration is ${status}`} (its mutableFieldsByStatus allows: ${operations.length > 0 ? operations.join(', ') : 'nothing'})`,
        ),
      );
    }
  }
  return problems;
}

/**
 * The status whose rules apply: `updateExperimentFields` edits the draft if there is one (this plan's new one too), else the
 * current iteration; `saveAndStartNewIteration` applies its updates to the new iteration before
 * starting it, which is then not started.
 */
function statusFor(
  instruction: ExperimentInstruction,
  live: LdExperiment,
  newDraft: boolean,
): IterationStatus | undefined {
  if (instruction.kind === 'saveAndStartNewIteration') return 'not_started';
  if (instruction.kind !== 'updateExperimentFields') return undefined;
  if (newDraft) return 'not_started';
  return (live.draftIteration ?? live.currentIteration)?.status;
}

/** The field updates an instruction makes. */
function fieldsOf(instruction: ExperimentInstruction): FieldUpdates {
  return instruction.kind === 'updateExperimentFields' || instruction.kind === 'saveAndStartNewIteration'
    ? (instruction.value ?? {})
    : {};
}
