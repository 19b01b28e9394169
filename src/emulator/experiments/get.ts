/** GET one experiment with `expand`. */
import { listParam } from '../links.js';
import type { RequestContext, RouteResult } from '../router.js';
import { envOf, experimentOf } from '../store.js';
import { experimentRep } from './represent.js';

/** getExperiment. */
export function getExperiment(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey = '', experimentKey = '' } = ctx.params;
  const project = ctx.store.project(projectKey);
  const experiment = experimentOf(envOf(project, environmentKey), experimentKey);
  // Choice: unknown expand values are ignored rather than refused.
  const expand = new Set(listParam(ctx.query, 'expand'));
  return { status: 200, body: experimentRep(project, experiment, expand) };
}
