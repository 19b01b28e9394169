/** GET experiments (one environment or any environment): filter, lifecycle, expand, pages. */
import { badRequest } from '../http-error.js';
import { listParam, pageLinks, paths, API, readPage } from '../links.js';
import type { RequestContext, RouteResult } from '../router.js';
import type { ExperimentState, IterationState, ProjectState } from '../state.js';
import { envOf } from '../store.js';
import { experimentRep } from './represent.js';

const DEFAULT_LIMIT = 20;
const STATUSES = ['not_started', 'running', 'stopped'];

type Filter = (experiment: ExperimentState, project: ProjectState) => boolean;

/** getExperiments / getExperimentsAnyEnv. */
export function listExperiments(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey } = ctx.params;
  const project = ctx.store.project(projectKey);
  const envs = environmentKey ? [envOf(project, environmentKey)] : [...project.environments.values()];
  const filters = [lifecycleFilter(ctx.query), ...readFilters(ctx.query)];
  const expand = new Set(listParam(ctx.query, 'expand'));
  const page = readPage(ctx, DEFAULT_LIMIT);
  // Choice: items are in creation order (seed order first), oldest first.
  const matching = envs
    .flatMap((env) => [...env.experiments.values()])
    .filter((experiment) => filters.every((f) => f(experiment, project)));
  const items = matching
    .slice(page.offset, page.offset + page.limit)
    .map((experiment) => experimentRep(project, experiment, expand));
  const base = environmentKey
    ? paths.experiments(projectKey, environmentKey)
    : `${API}/projects/${projectKey}/experiments`;
  return {
    status: 200,
    body: { items, total_count: matching.length, _links: pageLinks(base, ctx.query, page, matching.length) },
  };
}

/** `lifecycleState`: `active` (the default), `archived`, or both. */
function lifecycleFilter(query: URLSearchParams): Filter {
  const states = listParam(query, 'lifecycleState');
  const wanted = states.length > 0 ? states : ['active'];
  for (const state of wanted) {
    if (state !== 'active' && state !== 'archived') {
      throw badRequest(`lifecycleState must be active and/or archived, got "${state}"`);
    }
  }
  return (experiment) => wanted.includes(experiment.archivedDate === undefined ? 'active' : 'archived');
}

/** `filter=flagKey:x,metricKey:y,status:running`; every filter must match. */
function readFilters(query: URLSearchParams): Filter[] {
  return listParam(query, 'filter').map((term) => {
    const colon = term.indexOf(':');
    const field = colon < 0 ? term : term.slice(0, colon);
    const value = colon < 0 ? '' : term.slice(colon + 1).trim();
    if (value === '') throw badRequest(`filter "${term}" must have the form field:value`);
    switch (field.trim()) {
      case 'flagKey':
        return (e) => iterationsOf(e).some((it) => value in it.flags);
      case 'metricKey':
        return (e, project) => iterationsOf(e).some((it) => metricKeys(it, project).has(value));
      case 'status':
        if (!STATUSES.includes(value)) {
          throw badRequest(`filter status must be one of ${STATUSES.join(', ')}`);
        }
        return (e) => iterationsOf(e).some((it) => it.status === value);
      default:
        throw badRequest(`unsupported filter field "${field}" (flagKey, metricKey, status)`);
    }
  });
}

/** Choice: filters look at the current and the draft iteration, not at previous ones. */
function iterationsOf(experiment: ExperimentState): IterationState[] {
  return [experiment.currentIteration, experiment.draftIteration].filter(
    (it): it is IterationState => it !== undefined,
  );
}

function metricKeys(iteration: IterationState, project: ProjectState): Set<string> {
  const keys = new Set<string>();
  for (const ref of iteration.metrics) {
    keys.add(ref.key);
    if (ref.isGroup) project.metricGroups.get(ref.key)?.metrics.forEach((m) => keys.add(m.key));
  }
  if (iteration.primarySingleMetricKey) keys.add(iteration.primarySingleMetricKey);
  return keys;
}
