/**
 * The simulated other writer of a `concurrent-write` fault: it changes the request's target right
 * before the request is processed, the way a person in the LaunchDarkly UI or a second CI job
 * would between ldexp's read and its write. Changes go through the same handlers (and rules) as
 * real requests; one the rules refuse is recorded and changes nothing.
 */
import { patchExperiment } from '../experiments/patch.js';
import { patchHoldout } from '../holdouts.js';
import { HttpError } from '../http-error.js';
import { isRecord } from '../../util/records.js';
import type { RequestContext, Route } from '../router.js';
import type { ProjectState } from '../state.js';
import type { ConcurrentWriteFault } from './types.js';

const DESCRIPTION = 'Edited by another writer';
const JUSTIFICATION = 'Restarted by another writer';

/** Make the change; returns what was done, for the request log. */
export function concurrentWrite(fault: ConcurrentWriteFault, ctx: RequestContext, route: Route): string {
  try {
    return `${fault.write}: ${write(fault, ctx, route)}`;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return `${fault.write}: refused with ${error.status} ${error.code}: ${error.message}`;
  }
}

function write(fault: ConcurrentWriteFault, ctx: RequestContext, route: Route): string {
  switch (fault.write) {
    case 'flag-version':
      return bumpFlags(ctx, fault.flag === undefined ? flagsOfTarget(ctx) : [fault.flag]);
    case 'same-request':
      return `${route.handle(ctx).status}`;
    case 'metadata':
      return patchTarget(ctx, [{ kind: 'updateDescription', value: DESCRIPTION }]);
    case 'new-iteration':
      return startNewIteration(ctx);
    default:
      return patchTarget(ctx, fault.instructions ?? []);
  }
}

/** A semantic patch of the request's experiment (or holdout), as another client would send it. */
function patchTarget(ctx: RequestContext, instructions: unknown[]): string {
  const patch = { ...ctx, query: new URLSearchParams(), body: { instructions }, headers: {} };
  if (ctx.params['experimentKey'] !== undefined) return `${patchExperiment(patch).status} ${describe(instructions)}`;
  if (ctx.params['holdoutKey'] !== undefined) return `${patchHoldout(patch).status} ${describe(instructions)}`;
  return 'skipped: the request names no experiment or holdout';
}

/** Save-and-start a running iteration, or start the draft when nothing runs. */
function startNewIteration(ctx: RequestContext): string {
  const { projectKey = '', environmentKey = '', experimentKey } = ctx.params;
  if (experimentKey === undefined) return 'skipped: the request names no experiment';
  const experiment = ctx.store.project(projectKey).environments.get(environmentKey)?.experiments.get(experimentKey);
  if (experiment?.currentIteration?.status === 'running') {
    return patchTarget(ctx, [{ kind: 'saveAndStartNewIteration', changeJustification: JUSTIFICATION }]);
  }
  if (experiment?.draftIteration) return patchTarget(ctx, [{ kind: 'startIteration' }]);
  return 'skipped: no running or draft iteration';
}

function describe(instructions: unknown[]): string {
  return instructions.map((i) => (isRecord(i) ? String(i['kind']) : '?')).join(', ');
}

/**
 * The flags the request is about: the flag of a flag route, or the flags of the experiment's
 * current and draft iterations and of the iteration in the request body (create, createIteration).
 */
function flagsOfTarget(ctx: RequestContext): string[] {
  const { projectKey = '', environmentKey = '', experimentKey, featureFlagKey } = ctx.params;
  if (featureFlagKey !== undefined) return [featureFlagKey];
  const env = ctx.store.project(projectKey).environments.get(environmentKey);
  const experiment = experimentKey === undefined ? undefined : env?.experiments.get(experimentKey);
  const iterations = [experiment?.currentIteration?.flags, experiment?.draftIteration?.flags, ...bodyFlags(ctx.body)];
  return [...new Set(iterations.flatMap((flags) => Object.keys(flags ?? {})))];
}

/** `iteration.flags` of an ExperimentPost, or `flags` of an IterationInput. */
function bodyFlags(body: unknown): Record<string, unknown>[] {
  if (!isRecord(body)) return [];
  const iteration = isRecord(body['iteration']) ? body['iteration'] : body;
  return isRecord(iteration['flags']) ? [iteration['flags']] : [];
}

/** Bump each flag's version (in the request's environment, or all), as a targeting edit does. */
function bumpFlags(ctx: RequestContext, flagKeys: string[]): string {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  const changed = flagKeys.flatMap((key) => bumpFlag(project, key, ctx.params['environmentKey'], ctx.store.now()));
  return changed.length > 0 ? changed.join('; ') : 'skipped: no flag to change';
}

function bumpFlag(project: ProjectState, key: string, envKey: string | undefined, now: number): string[] {
  const flag = project.flags.get(key);
  if (!flag) return [];
  flag.version += 1;
  const envs = Object.entries(flag.environments).filter(([k]) => envKey === undefined || k === envKey);
  for (const [, env] of envs) {
    env.version += 1;
    env.lastModified = now;
  }
  return [`${key} → version ${flag.version}${envs.map(([k, env]) => `, ${k} ${env.version}`).join('')}`];
}
