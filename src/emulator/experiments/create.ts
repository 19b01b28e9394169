/** POST an experiment (ExperimentPost) and the deprecated POST iterations (IterationInput). */
import { asObject, optEnum, optString, optStringArray, reqString, type Body } from '../check.js';
import { badRequest, conflict } from '../http-error.js';
import type { RequestContext, RouteResult } from '../router.js';
import type { EnvState, ExperimentState, ProjectState } from '../state.js';
import { EMULATOR_MEMBER_ID, envOf, experimentOf, holdoutById, type EmulatorStore } from '../store.js';
import { DATA_SOURCES, METHODOLOGIES, parseAnalysisConfig } from './fields.js';
import { iterationFromInput } from './iteration-input.js';
import { WRITE_RESPONSE_EXPAND, experimentRep, iterationRep } from './represent.js';

const TYPES = ['experiment', 'mab', 'holdout'] as const;
// Choice: keys follow LaunchDarkly's usual key alphabet.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** createExperiment: the iteration becomes the experiment's `not_started` draft. */
export function createExperiment(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey = '' } = ctx.params;
  const project = ctx.store.project(projectKey);
  const env = envOf(project, environmentKey);
  const body = asObject(ctx.body, 'body');
  const name = reqString(body, 'name', 'body');
  const key = reqString(body, 'key', 'body');
  if (!KEY_PATTERN.test(key)) throw badRequest(`body.key "${key}" may contain only letters, digits, ".", "_" and "-"`);
  if (body['iteration'] === undefined) throw badRequest('body.iteration is required');
  // Choice: holdouts are experiments in LaunchDarkly, so they share the key space.
  if (env.experiments.has(key) || env.holdouts.has(key)) {
    throw conflict(`an experiment with key "${key}" already exists in ${environmentKey}`);
  }
  const experiment = experimentFromPost(ctx.store, project, env, body, key, name);
  env.experiments.set(key, experiment);
  return { status: 201, body: experimentRep(project, experiment, WRITE_RESPONSE_EXPAND) };
}

function experimentFromPost(
  store: EmulatorStore,
  project: ProjectState,
  env: EnvState,
  body: Body,
  key: string,
  name: string,
): ExperimentState {
  const now = store.now();
  const id = store.newId('experiment', project.key, env.key, key);
  const draft = iterationFromInput(
    { project, envKey: env.key, experimentId: id, iterationId: store.newId('iteration', key), now },
    body['iteration'],
    'body.iteration',
  );
  const experiment: ExperimentState = {
    _id: id,
    key,
    name,
    maintainerId: optString(body, 'maintainerId', 'body') ?? EMULATOR_MEMBER_ID,
    creationDate: now,
    environmentKey: env.key,
    methodology: optEnum(body, 'methodology', METHODOLOGIES, 'body') ?? 'bayesian',
    dataSource: optEnum(body, 'dataSource', DATA_SOURCES, 'body') ?? 'launchdarkly',
    type: optEnum(body, 'type', TYPES, 'body') ?? 'experiment',
    tags: optStringArray(body, 'tags', 'body') ?? [],
    draftIteration: draft,
    previousIterations: [],
  };
  const description = optString(body, 'description', 'body');
  if (description !== undefined) experiment.description = description;
  if (body['analysisConfig'] !== undefined) {
    experiment.analysisConfig = parseAnalysisConfig(body['analysisConfig'], 'body.analysisConfig');
  }
  const holdoutId = optString(body, 'holdoutId', 'body');
  if (holdoutId !== undefined) {
    const holdout = holdoutById(env, holdoutId);
    if (!holdout) throw badRequest(`body.holdoutId: no holdout with _id "${holdoutId}" in ${env.key}`);
    if (holdout.endedAt !== undefined) {
      throw badRequest(`holdout "${holdout.key}" has ended and accepts no new experiments`);
    }
    experiment.holdoutId = holdoutId;
  }
  return experiment;
}

/**
 * createIteration (deprecated): the new iteration becomes the draft. Choice: it replaces an
 * existing draft; an archived experiment may get a draft but cannot start it. The response is
 * the full IterationRep (treatments and metrics included), since the operation has no `expand`.
 */
export function createIteration(ctx: RequestContext): RouteResult {
  const { projectKey = '', environmentKey = '', experimentKey = '' } = ctx.params;
  const project = ctx.store.project(projectKey);
  const env = envOf(project, environmentKey);
  const experiment = experimentOf(env, experimentKey);
  const iteration = iterationFromInput(
    {
      project,
      envKey: env.key,
      experimentId: experiment._id,
      iterationId: ctx.store.newId('iteration', experiment.key),
      now: ctx.store.now(),
    },
    ctx.body,
    'body',
  );
  experiment.draftIteration = iteration;
  const view = { treatments: true, secondaryMetrics: true };
  return { status: 200, body: iterationRep(project, env.key, iteration, view) };
}
