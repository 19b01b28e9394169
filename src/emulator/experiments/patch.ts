/** PATCH an experiment with a semantic patch; all instructions apply, or none. */
import type { RequestContext, RouteResult } from '../router.js';
import { readInstructions } from '../semantic-patch.js';
import { envOf, experimentOf } from '../store.js';
import { EXPERIMENT_INSTRUCTIONS, applyInstruction } from './instructions.js';
import { WRITE_RESPONSE_EXPAND, experimentRep } from './represent.js';

/** patchExperiment. */
export function patchExperiment(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey = '', experimentKey = '' } = ctx.params;
  experimentOf(envOf(ctx.store.project(projectKey), environmentKey), experimentKey);
  const instructions = readInstructions(ctx.body, EXPERIMENT_INSTRUCTIONS);
  // Atomicity: edit a copy of the whole project and commit it only if every instruction succeeds.
  const project = structuredClone(ctx.store.project(projectKey));
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
