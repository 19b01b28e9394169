/** Everything one experiment's lifecycle cell needs: inputs, the diff, and step/problem helpers. */
import type { FieldRule } from '../diff/rules.js';
import type { ExperimentDiff } from '../diff/types.js';
import type { LdExperiment, LdFlag } from '../live/ld-types.js';
import type { ExperimentManifest } from '../manifest/types.js';
import type { LiveEnvironment, LiveProject } from '../live/types.js';
import { comparedIteration, iterationNumber, runningIterationNumber } from '../normalize/status.js';
import type { CanonicalExperiment } from '../normalize/types.js';
import { problemAt } from '../manifest/problem.js';
import { pointer } from '../util/json-pointer.js';
import { resourceAddress, type Problem } from '../types.js';
import { fieldUpdates, flagInputs, type FieldUpdate } from './bodies.js';
import { semanticPatch, type DraftStep, type StepFactory, type StepInit } from './draft.js';
import { experimentPath } from './paths.js';
import type { FieldChange, Impact, ImpactContext } from './types.js';

/** The experiment's diff (resolved value, both canonical sides) and where it lives. */
export interface ExperimentInput extends ExperimentDiff {
  environment: LiveEnvironment;
  project: LiveProject;
  /** Local key of the step that creates the holdout this experiment joins, when the same plan creates it. */
  holdoutCreateStep?: string;
  factory: StepFactory;
}

/** An `updateExperimentFields` instruction (a type, so it stays assignable to any instruction). */
export type FieldsUpdate = { kind: string; value: Record<string, FieldUpdate> };

/** Builds the steps and problems of one experiment; each lifecycle cell drives it. */
export class ExperimentPlanner {
  readonly steps: DraftStep[] = [];
  readonly problems: Problem[] = [];
  /** Which of the diff's changes the cell realises: all, metadata only, or none. */
  applied: 'all' | 'metadata' | 'none' = 'all';
  /** Facts for the plain-words impact text (iteration number and start, winner, justification). */
  context: ImpactContext = {};
  /** Whether a cell asked for the restart acknowledgement (so `replacesIteration` was used). */
  restartChecked = false;

  constructor(readonly input: ExperimentInput) {}

  get manifest(): ExperimentManifest {
    return this.input.resolved.manifest;
  }
  get address(): string {
    return this.input.resolved.address;
  }
  get name(): string {
    return this.manifest.spec.name;
  }

  error(at: string, code: string, message: string): void {
    this.problems.push(problemAt(this.manifest.source, at, code, message));
  }

  warn(at: string, code: string, message: string): void {
    this.problems.push(problemAt(this.manifest.source, at, code, message, { severity: 'warning' }));
  }

  /** The steps added so far: what a new step of this experiment must wait for. */
  private previous(): string[] {
    const last = this.steps.at(-1);
    return last ? [last.key] : [];
  }

  add(init: Omit<StepInit, 'resource' | 'touches'> & { resource?: string; touches?: string[] }): DraftStep {
    const holdout = this.holdoutAddress();
    const step = this.input.factory.make({
      resource: this.address,
      owner: this.address,
      ...init,
      dependsOn: [...new Set([...this.previous(), ...(init.dependsOn ?? [])])],
      touches: init.touches ?? this.touches(),
      ...(holdout !== undefined ? { holdout } : {}),
    });
    this.steps.push(step);
    return step;
  }

  /** A semantic patch on this experiment; `instructions` go in one request, so they apply atomically. */
  patch(instructions: { kind: string; [k: string]: unknown }[], impact: Impact, reason: string): DraftStep {
    const step = this.add({
      kind: 'patchExperiment',
      method: 'PATCH',
      path: experimentPath(this.manifest, this.manifest.key),
      body: semanticPatch(reason, instructions),
      instructions: instructions.map((i) => i.kind),
      impact,
      reason,
    });
    const moved = this.flagVersionsMoved(step.instructions);
    if (moved.length > 0) step.movesFlagVersions = moved;
    if (step.instructions.includes('startIteration')) step.startFlags = flagInputs(this.input.resolved);
    return step;
  }

  /**
   * The `updateExperimentFields` a start sends before `startIteration`: the draft edits, plus the
   * iteration's `flags` with current versions when the live draft it starts saved older ones
   * (LaunchDarkly refuses to start such a draft). `doing` begins the step's reason.
   */
  startEdits(edits: FieldsUpdate | undefined): { update?: FieldsUpdate; doing: string } {
    const stale = this.staleDraftFlags();
    if (stale.length === 0 || edits?.value['flags'] !== undefined) {
      return edits ? { update: edits, doing: 'applies the draft edits and ' } : { doing: '' };
    }
    const flags: FieldUpdate = { operation: 'update', value: flagInputs(this.input.resolved) };
    const names = stale.map((f) => `"${f}"`).join(', ');
    return {
      update: { kind: 'updateExperimentFields', value: { ...(edits?.value ?? {}), flags } },
      doing: `${edits ? 'applies the draft edits, ' : ''}refreshes the draft's flags (flag ${names} changed since the draft was saved) and `,
    };
  }

  /** Flags whose current version is newer than the one the live draft saved, when this plan starts that draft. */
  private staleDraftFlags(): string[] {
    if (this.steps.some((s) => s.kind === 'createExperiment' || s.kind === 'createIteration')) return [];
    const draft = this.input.live ? comparedIteration(this.input.live) : undefined;
    if (draft?.status !== 'not_started') return [];
    return this.input.resolved.flags
      .filter((f) => draft.flags?.[f.key]?.flagConfigVersion !== f.flagConfigVersion)
      .map((f) => f.key)
      .sort();
  }

  /**
   * Flags whose environment version these instructions change (ld-api-notes §9 #19): ending the
   * live running iteration (a stop, or a start or restart, which ends it) rewrites the rules of its
   * flags; starting one those of the iteration it starts, which after this plan's edits in the same
   * request is the desired one.
   */
  private flagVersionsMoved(kinds: readonly string[]): string[] {
    const moved = new Set<string>();
    const starts = kinds.includes('startIteration') || kinds.includes('saveAndStartNewIteration');
    const live = this.input.live;
    const running = [live?.currentIteration, live?.draftIteration].find((it) => it?.status === 'running');
    if (starts || kinds.includes('stopIteration')) {
      for (const key of Object.keys(running?.flags ?? {})) moved.add(key);
    }
    if (starts) for (const f of this.input.resolved.flags) moved.add(f.key);
    return [...moved].sort();
  }

  /** The live objects a step of this experiment relies on: the experiment itself. */
  touches(): string[] {
    return [this.address];
  }

  /** The holdout (address) this experiment is or will be part of. */
  holdoutAddress(): string | undefined {
    const key = this.input.desired.holdout ?? this.input.liveCanonical?.holdout;
    return key === undefined || key === null ? undefined : resourceAddress('holdout', this.manifest, key);
  }

  /** `updateExperimentFields` for these changed fields, or undefined when there are none. */
  updates(rules: readonly FieldRule[]): FieldsUpdate | undefined {
    if (rules.length === 0) return undefined;
    const value = fieldUpdates(rules, this.input.resolved, this.input.desired, this.input.liveCanonical);
    return { kind: 'updateExperimentFields', value };
  }

  metadataUpdates(): FieldsUpdate | undefined {
    return this.updates(this.input.diff.fieldsIn('metadata'));
  }

  allUpdates(): FieldsUpdate | undefined {
    return this.updates(this.input.diff.fieldsIn('metadata', 'design'));
  }

  /** After a new iteration only the experiment's own fields are left to update: the iteration body has the rest. */
  experimentLevelUpdates(): FieldsUpdate | undefined {
    return this.updates(this.input.diff.fieldsIn('metadata', 'design').filter((r) => !r.inIteration));
  }

  designFields(): string[] {
    return this.input.diff.fieldsIn('design').map((r) => r.field);
  }

  /** Starting fails on LaunchDarkly when a flag is off or archived: say so at plan time. */
  checkFlagsOn(): void {
    const env = this.manifest.environment;
    for (const f of this.input.resolved.flags) {
      const flag: LdFlag | undefined = this.input.project.flags.get(f.key);
      const flagEnv = flag?.environments[env];
      if (!flag || !flagEnv) continue;
      const why = flag.archived || flagEnv.archived ? 'archived' : flagEnv.on ? undefined : 'off';
      if (why === undefined) continue;
      this.error(
        pointer('spec', 'iteration', 'flags', f.key),
        'FlagOffForStart',
        `flag "${f.key}" is ${why} in "${env}", so LaunchDarkly would refuse to start the iteration; turn it on first or keep the experiment as a draft`,
      );
    }
  }

  /** The changes this experiment's plan realises, for people. */
  changes(): FieldChange[] {
    if (this.applied === 'none') return [];
    return this.applied === 'all' ? this.input.diff.changes : this.input.diff.changesIn('metadata');
  }

  /** Record the live iteration a new iteration or a stop ends, for reviewers. */
  noteEndingIteration(): void {
    const started = this.input.live?.currentIteration?.startedAt ?? this.input.live?.draftIteration?.startedAt;
    if (started !== undefined) this.context.iterationStartedAt = new Date(started).toISOString();
    this.context.iterationNumber = runningIterationNumber(this.live) ?? iterationNumber(this.live);
  }

  /** The live experiment; only called from cells whose row says it exists. */
  get live(): LdExperiment {
    if (!this.input.live) throw new Error(`internal: no live experiment for ${this.address}`);
    return this.input.live;
  }

  /** The live canonical experiment; only called from cells whose row says it exists. */
  get liveCanonical(): CanonicalExperiment {
    if (!this.input.liveCanonical) throw new Error(`internal: no live experiment for ${this.address}`);
    return this.input.liveCanonical;
  }
}
