/**
 * Holdout representations. A holdout has no top-level key or name: they live in its
 * `baseExperiment`, an Experiment of type `holdout` that the emulator derives from the holdout.
 */
import { experimentRep } from './experiments/represent.js';
import { stableId } from './ids.js';
import { compact, type JsonObject } from './json.js';
import { link, paths } from './links.js';
import type { EnvState, ExperimentState, HoldoutState, IterationState, ProjectState } from './state.js';
import { holdoutMembers } from './store.js';

export type HoldoutStatus = 'created' | 'enabled' | 'running' | 'ended';

/**
 * Choice: `created` until an experiment joins, `enabled` with members, `running` once a member
 * starts an iteration, `ended` after `endHoldout`.
 */
export function holdoutStatus(env: EnvState, holdout: HoldoutState): HoldoutStatus {
  if (holdout.endedAt !== undefined) return 'ended';
  if (holdout.startedAt !== undefined) return 'running';
  return holdoutMembers(env, holdout).length > 0 ? 'enabled' : 'created';
}

function relatedRep(env: EnvState, holdout: HoldoutState): JsonObject[] {
  return holdoutMembers(env, holdout).map((e) => ({ key: e.key, name: e.name, environment: env.key }));
}

/** `SimpleHoldoutRep` (list items). */
export function simpleHoldoutRep(env: EnvState, holdout: HoldoutState): JsonObject {
  return {
    _id: holdout._id,
    key: holdout.key,
    name: holdout.name,
    status: holdoutStatus(env, holdout),
    createdAt: holdout.createdAt,
    updatedAt: holdout.updatedAt,
    experiments: relatedRep(env, holdout),
  };
}

/** `HoldoutRep` (create, patch, get by id). */
export function holdoutRep(project: ProjectState, env: EnvState, holdout: HoldoutState): JsonObject {
  return compact({
    _id: holdout._id,
    status: holdoutStatus(env, holdout),
    description: holdout.description,
    holdoutAmount: holdout.holdoutAmount,
    createdAt: holdout.createdAt,
    updatedAt: holdout.updatedAt,
    baseExperiment: baseExperimentRep(project, env, holdout, new Set()),
    experiments: relatedRep(env, holdout),
  });
}

/**
 * `HoldoutDetailRep` (get by key). Expand values without prefix apply to the base experiment,
 * `rel-` values to the related experiments.
 */
export function holdoutDetailRep(
  project: ProjectState,
  env: EnvState,
  holdout: HoldoutState,
  expand: readonly string[],
): JsonObject {
  const own = new Set(expand.filter((e) => !e.startsWith('rel-')));
  const rel = new Set(expand.filter((e) => e.startsWith('rel-')).map((e) => e.slice(4)));
  const members = holdoutMembers(env, holdout);
  const running = holdoutStatus(env, holdout) === 'running';
  return compact({
    _id: holdout._id,
    status: holdoutStatus(env, holdout),
    description: holdout.description,
    holdoutAmount: holdout.holdoutAmount,
    isDirty: running && members.some((e) => e.currentIteration?.status === 'running'),
    createdAt: holdout.createdAt,
    updatedAt: holdout.updatedAt,
    baseExperiment: baseExperimentRep(project, env, holdout, own),
    relatedExperiments: members.map((e) => experimentRep(project, e, rel)),
  });
}

function baseExperimentRep(
  project: ProjectState,
  env: EnvState,
  holdout: HoldoutState,
  expand: ReadonlySet<string>,
): JsonObject {
  const rep = experimentRep(project, baseExperiment(env, holdout), expand);
  return {
    ...rep,
    _links: { ...(rep['_links'] as JsonObject), self: link(paths.holdout(project.key, env.key, holdout.key)) },
  };
}

/**
 * The holdout's own experiment. Choice: its single iteration is a draft until the holdout runs,
 * then current (running, or stopped once ended); it has no flags or treatments of its own.
 */
function baseExperiment(env: EnvState, holdout: HoldoutState): ExperimentState {
  const iteration: IterationState = {
    _id: stableId('holdout-iteration', holdout._id),
    hypothesis: holdout.description ?? holdout.name,
    status: holdout.endedAt !== undefined ? 'stopped' : holdout.startedAt !== undefined ? 'running' : 'not_started',
    createdAt: holdout.createdAt,
    canReshuffleTraffic: false,
    flags: {},
    version: 1,
    metrics: holdout.metrics,
    randomizationUnit: holdout.randomizationUnit,
    attributes: holdout.attributes,
    treatments: [],
  };
  if (holdout.primaryMetricKey !== undefined) iteration.primarySingleMetricKey = holdout.primaryMetricKey;
  if (holdout.startedAt !== undefined) iteration.startedAt = holdout.startedAt;
  if (holdout.endedAt !== undefined) iteration.endedAt = holdout.endedAt;
  const experiment: ExperimentState = {
    _id: holdout.baseExperimentId,
    key: holdout.key,
    name: holdout.name,
    maintainerId: holdout.maintainerId,
    creationDate: holdout.createdAt,
    environmentKey: env.key,
    methodology: 'bayesian',
    dataSource: 'launchdarkly',
    type: 'holdout',
    tags: [],
    previousIterations: [],
  };
  if (holdout.description !== undefined) experiment.description = holdout.description;
  if (iteration.status === 'not_started') experiment.draftIteration = iteration;
  else experiment.currentIteration = iteration;
  return experiment;
}
