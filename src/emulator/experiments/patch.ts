/** PATCH an experiment with a semantic patch; all instructions apply, or none. */
import type { RequestContext, RouteResult } from '../router.js';
import { readInstructions } from '../semantic-patch.js';
import type { ProjectState } from '../state.js';
import { envOf, experimentOf } from '../store.js';
import { EXPERIMENT_INSTRUCTIONS, applyInstruction } from './instructions.js';
import { WRITE_RESPONSE_EXPAND, experimentRep } from './represent.js';

/** patchExperiment. */
export function patchExperiment(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey = '', experimentKey = '' } = ctx.params;
  experimentOf(envOf(ctx.store.project(projectKey), environmentKey), experimentKey);
  const instructions = readInstructions(ctx.body, EXPERIMENT_INSTRUCTIONS);
  // Atomicity: edit a copy and commit it only if every instruction succeeds.
  const project = copyForPatch(ctx.store.project(projectKey), environmentKey, experimentKey);
  const env = envOf(project, environmentKey);
  const experiment = experimentOf(env, experimentKey);
  const context = {
    project,
    env,
    experiment,
    now: ctx.store.now(),
    newId: (...parts: string[]) => ctx.store.newId(...parts),
  };
  instructions.forEach((instruction, index) => {
    applyInstruction(context, instruction, `instructions[${index}]`);
  });
  ctx.store.commit(project);
  return { status: 200, body: experimentRep(project, experiment, WRITE_RESPONSE_EXPAND) };
}

/**
 * A copy sharing what a patch of one experiment never changes (other experiments, metrics): only
 * the experiment and its environment's holdouts are cloned, so a patch costs the size of one
 * experiment rather than of the whole project. The flag map is a new map of the same flags: start
 * and stop bump flag versions by replacing the flags they touch (lifecycle.ts, touchFlags), never by
 * editing a shared one.
 */
function copyForPatch(project: ProjectState, environmentKey: string, experimentKey: string): ProjectState {
  const env = envOf(project, environmentKey);
  const experiments = new Map(env.experiments);
  experiments.set(experimentKey, structuredClone(experimentOf(env, experimentKey)));
  const environments = new Map(project.environments);
  environments.set(environmentKey, { ...env, experiments, holdouts: structuredClone(env.holdouts) });
  return { ...project, environments, flags: new Map(project.flags) };
}
