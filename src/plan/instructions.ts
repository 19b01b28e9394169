/**
 * The semantic-patch instructions ldexp sends, as LaunchDarkly documents them (ld-openapi.yaml,
 * patchExperiment and patchHoldout). The deprecated experiment `updateName`/`updateDescription`
 * are left out on purpose: experiment fields go through `updateExperimentFields`.
 */

/** One field of `updateExperimentFields` / `saveAndStartNewIteration`; `value` is left out for `remove`. */
export interface FieldUpdate {
  operation: 'update' | 'add' | 'remove';
  value?: unknown;
}

/** FlagInput as sent: `flagConfigVersion` is left out when a read binding fills it in. */
export interface FlagInputBody {
  ruleId: string;
  flagConfigVersion?: number;
  notInExperimentVariationId?: string;
}

/** The iteration's `flags`, replaced whole with their current versions. */
export interface FlagsUpdate extends FieldUpdate {
  operation: 'update';
  value: Record<string, FlagInputBody>;
}

/** Field name → update; `flags` is typed because flag-version ordering reads its versions. */
export interface FieldUpdates {
  flags?: FlagsUpdate;
  [field: string]: FieldUpdate | undefined;
}

export interface UpdateExperimentFields {
  kind: 'updateExperimentFields';
  value: FieldUpdates;
}

export interface SaveAndStartNewIteration {
  kind: 'saveAndStartNewIteration';
  changeJustification?: string;
  value?: FieldUpdates;
}

export interface StartIteration {
  kind: 'startIteration';
  /** Required by LaunchDarkly when an iteration is already running. */
  changeJustification?: string;
}

export interface StopIteration {
  kind: 'stopIteration';
  winningTreatmentId: string;
  winningReason?: string;
}

export interface ArchiveExperiment {
  kind: 'archiveExperiment';
}

export interface RestoreExperiment {
  kind: 'restoreExperiment';
}

export type ExperimentInstruction =
  | UpdateExperimentFields
  | SaveAndStartNewIteration
  | StartIteration
  | StopIteration
  | ArchiveExperiment
  | RestoreExperiment;

export interface UpdateHoldoutName {
  kind: 'updateName';
  value: string;
}

export interface UpdateHoldoutDescription {
  kind: 'updateDescription';
  value: string;
}

export interface EndHoldout {
  kind: 'endHoldout';
}

/** Takes an experiment (by key) out of the holdout, for good. */
export interface RemoveExperiment {
  kind: 'removeExperiment';
  value: string;
}

export type HoldoutInstruction = UpdateHoldoutName | UpdateHoldoutDescription | EndHoldout | RemoveExperiment;

export type Instruction = ExperimentInstruction | HoldoutInstruction;
export type InstructionKind = Instruction['kind'];

// A record, so the compiler makes adding a kind to the union add it here too.
const KINDS: Readonly<Record<InstructionKind, true>> = {
  updateExperimentFields: true,
  saveAndStartNewIteration: true,
  startIteration: true,
  stopIteration: true,
  archiveExperiment: true,
  restoreExperiment: true,
  updateName: true,
  updateDescription: true,
  endHoldout: true,
  removeExperiment: true,
};

/** Every kind, for the plan-file schema. */
export const INSTRUCTION_KINDS = Object.keys(KINDS) as readonly InstructionKind[];

/** A semantic-patch body; the comment says who sent it and why, so LaunchDarkly's audit log explains itself. */
export interface SemanticPatch<I extends Instruction = Instruction> {
  comment: string;
  instructions: I[];
}

export function semanticPatch<I extends Instruction>(reason: string, instructions: I[]): SemanticPatch<I> {
  return { comment: `ldexp: ${reason}`, instructions };
}

/** The `flags` update an instruction carries, if any. */
export function flagsUpdateOf(instruction: Instruction): FlagsUpdate | undefined {
  return instruction.kind === 'updateExperimentFields' || instruction.kind === 'saveAndStartNewIteration'
    ? instruction.value?.flags
    : undefined;
}
