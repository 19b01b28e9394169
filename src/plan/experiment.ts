/**
 * One experiment's row of the lifecycle table (what is live, typed by where it is now) and the
 * pure helpers its cells share. A cell reads its row and returns a CellValue; nothing is mutated.
 */
import type { FieldRule } from '../diff/rules.js';
import type { ExperimentDiff, ResolvedExperiment, ResourceDiff } from '../diff/types.js';
import type { LdExperiment } from '../live/ld-types.js';
import type { LiveEnvironment, LiveProject } from '../live/types.js';
import type { ExperimentManifest } from '../manifest/types.js';
import {
  comparedIteration,
  iterationNumber,
  liveStatus,
  runningIterationNumber,
  type LiveStatus,
} from '../normalize/status.js';
import type { CanonicalExperiment } from '../normalize/types.js';
import { problemAt } from '../manifest/problem.js';
import { pointer } from '../util/json-pointer.js';
import { resourceAddress, resourceRef, type Problem, type ResourceRef } from '../types.js';
import { fieldUpdates, flagInputs } from './bodies.js';
import type { StepSpec } from './draft.js';
import type { ExperimentInstruction, FieldUpdates, UpdateExperimentFields } from './instructions.js';
import type { Impact, ImpactContext } from './types.js';

/** The experiment's diff (resolved value, both canonical sides) and where it lives. */
export interface ExperimentInput extends ExperimentDiff {
  environment: LiveEnvironment;
  project: LiveProject;
  /** Local key of the step that creates the holdout this experiment joins, when the same plan creates it. */
  holdoutCreateStep?: string;
}

/** What every row knows. */
interface RowFacts {
  manifest: ExperimentManifest;
  resolved: ResolvedExperiment;
  ref: ResourceRef;
  desired: CanonicalExperiment;
  diff: ResourceDiff<CanonicalExperiment>;
  project: LiveProject;
  /** Address of the holdout the experiment is or will be part of. */
  holdout?: string;
}

/** Nothing in LaunchDarkly yet. */
export interface AbsentRow extends RowFacts {
  from: 'absent';
  /** Local key of the step that creates the holdout the experiment joins, when this plan creates it. */
  holdoutCreateStep?: string;
}

/** An experiment LaunchDarkly holds, in status `from`. */
export interface LiveRow extends RowFacts {
  from: LiveStatus;
  live: LdExperiment;
  liveCanonical: CanonicalExperiment;
}

export type ExperimentRow = AbsentRow | LiveRow;

/** The row an experiment is in: absent, or live with its live forms (which the row then guarantees). */
export function experimentRow(input: ExperimentInput): ExperimentRow {
  const manifest = input.resolved.manifest;
  const holdoutKey = input.desired.holdout ?? input.liveCanonical?.holdout;
  const facts: RowFacts = {
    manifest,
    resolved: input.resolved,
    ref: resourceRef('experiment', manifest, manifest.key),
    desired: input.desired,
    diff: input.diff,
    project: input.project,
    ...(holdoutKey === undefined || holdoutKey === null
      ? {}
      : { holdout: resourceAddress('holdout', manifest, holdoutKey) }),
  };
  if (input.live && input.liveCanonical) {
    return { ...facts, from: liveStatus(input.live), live: input.live, liveCanonical: input.liveCanonical };
  }
  return {
    ...facts,
    from: 'absent',
    ...(input.holdoutCreateStep !== undefined ? { holdoutCreateStep: input.holdoutCreateStep } : {}),
  };
}

/** Which of the diff's changes a cell's steps make, for people: all, the metadata only, or none. */
export type Shown = 'all' | 'metadata' | 'none';

/** What a lifecycle cell returns; the caller combines it with the checks around it. */
export interface CellValue {
  steps: StepSpec[];
  problems: Problem[];
  shown: Shown;
  /** Facts for the plain-words impact text (iteration number and start, winner, justification). */
  context: ImpactContext;
  /** Whether the cell asked for the restart acknowledgement (so `replacesIteration` was used). */
  acknowledged: boolean;
}

/** A piece of a cell's value, from one building block. */
export type CellPart = Partial<Omit<CellValue, 'shown'>>;

/** The value of a cell made of `parts`, in order. */
export function cellValue(shown: Shown, ...parts: CellPart[]): CellValue {
  return {
    steps: parts.flatMap((p) => p.steps ?? []),
    problems: parts.flatMap((p) => p.problems ?? []),
    shown,
    context: Object.assign({}, ...parts.map((p) => p.context ?? {})) as ImpactContext,
    acknowledged: parts.some((p) => p.acknowledged === true),
  };
}

export function errorAt(row: ExperimentRow, at: string, code: string, message: string): Problem {
  return problemAt(row.manifest.source, at, code, message);
}

export function warningAt(row: ExperimentRow, at: string, code: string, message: string): Problem {
  return problemAt(row.manifest.source, at, code, message, { severity: 'warning' });
}

/** A semantic patch on the experiment; `instructions` go in one request, so they apply atomically. */
export function patchSpec(
  row: ExperimentRow,
  instructions: ExperimentInstruction[],
  impact: Impact,
  reason: string,
): StepSpec {
  const kinds = instructions.map((i) => i.kind);
  const moved = flagVersionsMoved(row, kinds);
  return {
    request: { kind: 'patchExperiment', instructions },
    impact,
    reason,
    ...(moved.length > 0 ? { movesFlagVersions: moved } : {}),
    ...(kinds.includes('startIteration') ? { startFlags: flagInputs(row.resolved) } : {}),
  };
}

/**
 * Flags whose environment version these instructions change (ld-api-notes §9 #19): ending the
 * live running iteration (a stop, or a start or restart, which ends it) rewrites the rules of its
 * flags; starting one those of the iteration it starts, which after this plan's edits in the same
 * request is the desired one.
 */
function flagVersionsMoved(row: ExperimentRow, kinds: readonly string[]): string[] {
  const moved = new Set<string>();
  const starts = kinds.includes('startIteration') || kinds.includes('saveAndStartNewIteration');
  const live = row.from === 'absent' ? undefined : row.live;
  const running = [live?.currentIteration, live?.draftIteration].find((it) => it?.status === 'running');
  if (starts || kinds.includes('stopIteration')) {
    for (const key of Object.keys(running?.flags ?? {})) moved.add(key);
  }
  if (starts) for (const f of row.resolved.flags) moved.add(f.key);
  return [...moved].sort();
}

/** `updateExperimentFields` for these changed fields, or undefined when there are none. */
export function updates(row: ExperimentRow, rules: readonly FieldRule[]): UpdateExperimentFields | undefined {
  if (rules.length === 0) return undefined;
  const live = row.from === 'absent' ? undefined : row.liveCanonical;
  return { kind: 'updateExperimentFields', value: fieldUpdates(rules, row.resolved, row.desired, live) };
}

export function metadataUpdates(row: ExperimentRow): UpdateExperimentFields | undefined {
  return updates(row, row.diff.fieldsIn('metadata'));
}

export function allUpdates(row: ExperimentRow): UpdateExperimentFields | undefined {
  return updates(row, row.diff.fieldsIn('metadata', 'design'));
}

/** After a new iteration only the experiment's own fields are left to update: the iteration body has the rest. */
export function experimentLevelUpdates(row: ExperimentRow): UpdateExperimentFields | undefined {
  return updates(
    row,
    row.diff.fieldsIn('metadata', 'design').filter((r) => !r.inIteration),
  );
}

export function designFields(row: ExperimentRow): string[] {
  return row.diff.fieldsIn('design').map((r) => r.field);
}

/** Starting fails on LaunchDarkly when a flag is off or archived: say so at plan time. */
export function flagsOffForStart(row: ExperimentRow): Problem[] {
  const env = row.manifest.environment;
  return row.resolved.flags.flatMap((f) => {
    const flag = row.project.flags.get(f.key);
    const flagEnv = flag?.environments[env];
    if (!flag || !flagEnv) return [];
    const why = flag.archived || flagEnv.archived ? 'archived' : flagEnv.on ? undefined : 'off';
    if (why === undefined) return [];
    return [
      errorAt(
        row,
        pointer('spec', 'iteration', 'flags', f.key),
        'FlagOffForStart',
        `flag "${f.key}" is ${why} in "${env}", so LaunchDarkly would refuse to start the iteration; turn it on first or keep the experiment as a draft`,
      ),
    ];
  });
}

/**
 * The `updateExperimentFields` a start sends before `startIteration`: the draft edits, plus the
 * iteration's `flags` with current versions when the live draft it starts saved older ones
 * (LaunchDarkly refuses to start such a draft). `doing` begins the step's reason. `newDraft`: the
 * draft it starts is created by this plan, so it saves current versions.
 */
export function startEdits(
  row: ExperimentRow,
  edits: UpdateExperimentFields | undefined,
  newDraft: boolean,
): { update?: UpdateExperimentFields; doing: string } {
  const stale = newDraft ? [] : staleDraftFlags(row);
  if (stale.length === 0 || edits?.value.flags !== undefined) {
    return edits ? { update: edits, doing: 'applies the draft edits and ' } : { doing: '' };
  }
  const value: FieldUpdates = {
    ...(edits?.value ?? {}),
    flags: { operation: 'update', value: flagInputs(row.resolved) },
  };
  const names = stale.map((f) => `"${f}"`).join(', ');
  return {
    update: { kind: 'updateExperimentFields', value },
    doing: `${edits ? 'applies the draft edits, ' : ''}refreshes the draft's flags (flag ${names} changed since the draft was saved) and `,
  };
}

/** Flags whose current version is newer than the one the live draft saved. */
function staleDraftFlags(row: ExperimentRow): string[] {
  const draft = row.from === 'absent' ? undefined : comparedIteration(row.live);
  if (draft?.status !== 'not_started') return [];
  return row.resolved.flags
    .filter((f) => draft.flags?.[f.key]?.flagConfigVersion !== f.flagConfigVersion)
    .map((f) => f.key)
    .sort();
}

/** The live iteration a new iteration or a stop ends, for reviewers. */
export function endingContext(live: LdExperiment): ImpactContext {
  const started = live.currentIteration?.startedAt ?? live.draftIteration?.startedAt;
  return {
    ...(started !== undefined ? { iterationStartedAt: new Date(started).toISOString() } : {}),
    iterationNumber: runningIterationNumber(live) ?? iterationNumber(live),
  };
}
