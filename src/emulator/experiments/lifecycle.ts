/** Starting and stopping iterations, with the preconditions LaunchDarkly enforces. */
import { badRequest } from '../http-error.js';
import { holdoutById } from '../store.js';
import type { EnvState, ExperimentState, IterationState, ProjectState } from '../state.js';

export interface LifecycleContext {
  project: ProjectState;
  env: EnvState;
  experiment: ExperimentState;
  now: number;
}

/**
 * The documented start criteria: every flag on and not archived, a randomization unit, a non-zero
 * allocation; and an experiment that is not archived.
 */
export function checkStartable(ctx: LifecycleContext, iteration: IterationState): void {
  if (ctx.experiment.archivedDate !== undefined) {
    throw badRequest(`experiment "${ctx.experiment.key}" is archived; restore it before starting an iteration`);
  }
  for (const flagKey of Object.keys(iteration.flags)) {
    const flag = ctx.project.flags.get(flagKey);
    const env = flag?.environments[ctx.env.key];
    if (!flag || !env) throw badRequest(`flag "${flagKey}" does not exist in ${ctx.env.key}`);
    if (flag.archived || env.archived) throw badRequest(`flag "${flagKey}" is archived`);
    if (!env.on) throw badRequest(`flag "${flagKey}" must be toggled on in ${ctx.env.key}`);
  }
  if (iteration.randomizationUnit === undefined) {
    throw badRequest('the iteration has no randomizationUnit');
  }
  if (!iteration.treatments.some((t) => Number(t.allocationPercent) > 0)) {
    throw badRequest('at least one treatment must have a non-zero allocationPercent');
  }
}

/**
 * Choice: a draft whose flags moved since it was saved cannot start. The draft's `flagConfigVersion`
 * (FlagInput: "The flag version") pins the flag targeting it was designed against, and LaunchDarkly
 * refuses to start a draft that pins an old version (the symptom reported against LaunchDarkly in
 * issue 7); the document says nothing either way. Refreshing the draft's `flags` with
 * `updateExperimentFields` in the same patch makes it startable. `saveAndStartNewIteration` builds
 * its iteration from the running one and is not checked.
 */
export function checkFlagVersions(ctx: LifecycleContext, iteration: IterationState): void {
  for (const [flagKey, config] of Object.entries(iteration.flags)) {
    const env = ctx.project.flags.get(flagKey)?.environments[ctx.env.key];
    if (env && config.flagConfigVersion !== env.version) {
      throw badRequest(
        `flag "${flagKey}" changed since the draft iteration was saved: its flagConfigVersion ${String(config.flagConfigVersion)} is stale (the flag is at version ${String(env.version)} in ${ctx.env.key}); update the iteration's flags before starting it`,
      );
    }
  }
}

/** Begin running an iteration (preconditions already checked). */
export function begin(ctx: LifecycleContext, iteration: IterationState): void {
  retireCurrent(ctx);
  iteration.status = 'running';
  iteration.startedAt = ctx.now;
  ctx.experiment.currentIteration = iteration;
  touchFlags(ctx, iteration);
  const holdout = ctx.experiment.holdoutId ? holdoutById(ctx.env, ctx.experiment.holdoutId) : undefined;
  if (holdout && holdout.endedAt === undefined && holdout.startedAt === undefined) {
    holdout.startedAt = ctx.now;
    holdout.updatedAt = ctx.now;
  }
}

/**
 * Move the current iteration to `previousIterations`. Choice: a running one is stopped without a
 * winner, since starting a new iteration (with a change justification) is what ends it.
 */
function retireCurrent(ctx: LifecycleContext): void {
  const current = ctx.experiment.currentIteration;
  if (!current) return;
  if (current.status === 'running') {
    current.status = 'stopped';
    current.endedAt = ctx.now;
    touchFlags(ctx, current);
  }
  ctx.experiment.previousIterations.push(current);
  delete ctx.experiment.currentIteration;
}

/** `stopIteration`: needs a running iteration and one of its treatments as the winner. */
export function stop(ctx: LifecycleContext, winnerId: unknown, reason: unknown): void {
  const current = ctx.experiment.currentIteration;
  if (current?.status !== 'running') {
    throw badRequest(`experiment "${ctx.experiment.key}" has no running iteration to stop`);
  }
  if (typeof winnerId !== 'string' || winnerId === '') {
    throw badRequest('stopIteration requires winningTreatmentId');
  }
  if (!current.treatments.some((t) => t._id === winnerId)) {
    const ids = current.treatments.map((t) => t._id).join(', ');
    throw badRequest(`winningTreatmentId "${winnerId}" is not a treatment of the running iteration (${ids})`);
  }
  if (reason !== undefined && typeof reason !== 'string') {
    throw badRequest('winningReason must be a string');
  }
  current.status = 'stopped';
  current.endedAt = ctx.now;
  current.winningTreatmentId = winnerId;
  if (reason !== undefined) current.winningReason = reason;
  touchFlags(ctx, current);
}

/**
 * Choice: starting or stopping an iteration rewrites the flag's targeting in LaunchDarkly, so the
 * emulator bumps the flag's version (top-level `_version` and the environment `version`). The flag
 * is replaced by an edited copy, not edited in place: the patch's working copy of the project shares
 * its flags with the committed state (patch.ts), which a failing later instruction must leave as it was.
 */
function touchFlags(ctx: LifecycleContext, iteration: IterationState): void {
  for (const flagKey of Object.keys(iteration.flags)) {
    const flag = ctx.project.flags.get(flagKey);
    const env = flag?.environments[ctx.env.key];
    if (!flag || !env) continue;
    const touchedEnv = { ...env, version: env.version + 1, lastModified: ctx.now };
    const environments = { ...flag.environments, [ctx.env.key]: touchedEnv };
    ctx.project.flags.set(flagKey, { ...flag, version: flag.version + 1, environments });
  }
}
