/**
 * LaunchDarkly's own answer to "may this field change now?": the live experiment's
 * `mutableFieldsByStatus` (fetched with the experiments). When it is there, a field update it does
 * not allow in the status of the iteration the update lands on is refused at plan time, at the
 * manifest position of the field, rather than shown in a plan and refused by LaunchDarkly during
 * apply. When LaunchDarkly does not send it, LaunchDarkly decides during apply, as before.
 */
import type { IterationStatus, LdExperiment } from '../live/ld-types.js';
import { pointer } from '../util/json-pointer.js';
import type { ExperimentPlanner } from './experiment.js';

interface FieldsInstruction {
  kind: string;
  value?: Record<string, { operation?: string }>;
}

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

/** Refuse every planned field update LaunchDarkly's `mutableFieldsByStatus` does not allow. */
export function checkMutability(p: ExperimentPlanner): void {
  const live = p.input.live;
  const allowedByStatus = live?.mutableFieldsByStatus;
  if (!live || !allowedByStatus) return;
  // After this plan's createIteration, edits land on the new draft.
  const newDraft = p.steps.some((s) => s.kind === 'createIteration');
  for (const step of p.steps) {
    for (const instruction of instructionsOf(step.body)) {
      const status = statusFor(instruction.kind, live, newDraft);
      const allowed = status ? allowedByStatus[status] : undefined;
      if (!status || !allowed) continue;
      for (const [field, update] of Object.entries(instruction.value ?? {})) {
        const operation = update.operation ?? 'update';
        const operations = allowed[field] ?? [];
        if (operations.includes(operation)) continue;
        p.error(
          pointer('spec', ...(MANIFEST_PLACE[field] ?? [field])),
          'FieldNotMutable',
          `LaunchDarkly does not allow "${operation}" of field "${field}" of experiment "${p.manifest.key}" while the ${status === 'not_started' ? 'iteration it lands on is a draft' : `iteration is ${status}`} (its mutableFieldsByStatus allows: ${operations.length > 0 ? operations.join(', ') : 'nothing'})`,
        );
      }
    }
  }
}

/**
 * The status whose rules apply: `updateExperimentFields` edits the draft if there is one (this plan's new one too), else the
 * current iteration; `saveAndStartNewIteration` applies its updates to the new iteration before
 * starting it, which is then not started.
 */
function statusFor(kind: string, live: LdExperiment, newDraft: boolean): IterationStatus | undefined {
  if (kind === 'saveAndStartNewIteration') return 'not_started';
  if (kind !== 'updateExperimentFields') return undefined;
  if (newDraft) return 'not_started';
  return (live.draftIteration ?? live.currentIteration)?.status;
}

function instructionsOf(body: unknown): FieldsInstruction[] {
  if (typeof body !== 'object' || body === null) return [];
  const instructions = (body as { instructions?: unknown }).instructions;
  return Array.isArray(instructions) ? (instructions as FieldsInstruction[]) : [];
}
