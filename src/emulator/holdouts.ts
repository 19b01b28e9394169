/** Holdout endpoints: list, create, get by key, get by ID, semantic patch. */
import { asObject, optString, optStringArray, percentString, reqString } from './check.js';
import { parseMetricInputs } from './experiments/iteration-input.js';
import { checkRandomizationUnit } from './experiments/validate-iteration.js';
import { badRequest, conflict, notFound } from './http-error.js';
import { holdoutDetailRep, holdoutRep, simpleHoldoutRep } from './holdout-represent.js';
import { listParam, pageLinks, paths, readPage } from './links.js';
import type { RequestContext, RouteResult } from './router.js';
import { readInstructions, type Instruction } from './semantic-patch.js';
import type { EnvState, HoldoutState, ProjectState } from './state.js';
import { EMULATOR_MEMBER_ID, envOf, holdoutById, holdoutMembers, holdoutOf } from './store.js';

function scope(ctx: RequestContext): { project: ProjectState; env: EnvState } {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  return { project, env: envOf(project, ctx.params['environmentKey'] ?? '') };
}

/** getAllHoldouts. */
export function listHoldouts(ctx: RequestContext): RouteResult {
  const { project, env } = scope(ctx);
  const page = readPage(ctx, 20);
  const all = [...env.holdouts.values()];
  const items = all.slice(page.offset, page.offset + page.limit).map((h) => simpleHoldoutRep(env, h));
  const base = paths.holdouts(project.key, env.key);
  return {
    status: 200,
    body: { items, total_count: all.length, _links: pageLinks(base, ctx.query, page, all.length) },
  };
}

/** getHoldout (by key, with expand). */
export function getHoldout(ctx: RequestContext): RouteResult {
  const { project, env } = scope(ctx);
  const holdout = holdoutOf(env, ctx.params['holdoutKey'] ?? '');
  const expand = listParam(ctx.query, 'expand');
  return { status: 200, body: holdoutDetailRep(project, env, holdout, expand) };
}

/** getHoldoutById. */
export function getHoldoutById(ctx: RequestContext): RouteResult {
  const { project, env } = scope(ctx);
  const id = ctx.params['holdoutId'] ?? '';
  const holdout = holdoutById(env, id);
  if (!holdout) throw notFound(`Unknown holdout ID "${id}" in environment "${env.key}"`);
  return { status: 200, body: holdoutRep(project, env, holdout) };
}

/**
 * postHoldout. The document marks no field required. Choice: `key`, `name` and `holdoutamount`
 * are required (a holdout cannot exist without them); `randomizationunit` defaults to the
 * project's default randomization unit.
 */
export function createHoldout(ctx: RequestContext): RouteResult {
  const { project, env } = scope(ctx);
  const body = asObject(ctx.body, 'body');
  const key = reqString(body, 'key', 'body');
  const name = reqString(body, 'name', 'body');
  const amount = percentString(body, 'holdoutamount', 'body');
  if (Number(amount) <= 0) throw badRequest('body.holdoutamount must be greater than 0');
  if (env.holdouts.has(key) || env.experiments.has(key)) {
    throw conflict(`a holdout or experiment with key "${key}" already exists in ${env.key}`);
  }
  const unit = optString(body, 'randomizationunit', 'body') ?? defaultUnit(project);
  checkRandomizationUnit(project, unit);
  const metrics = body['metrics'] === undefined ? [] : parseMetricInputs(body['metrics'], 'body.metrics').refs;
  const primary = optString(body, 'primarymetrickey', 'body');
  checkMetricKeys(project, metrics, primary);
  const prerequisite = optString(body, 'prerequisiteflagkey', 'body');
  if (prerequisite !== undefined && !project.flags.has(prerequisite)) {
    throw badRequest(`body.prerequisiteflagkey: unknown flag "${prerequisite}"`);
  }
  const now = ctx.store.now();
  const holdout: HoldoutState = {
    _id: ctx.store.newId('holdout', project.key, env.key, key),
    key,
    name,
    holdoutAmount: amount,
    randomizationUnit: unit,
    attributes: optStringArray(body, 'attributes', 'body') ?? [],
    metrics,
    maintainerId: optString(body, 'maintainerId', 'body') ?? EMULATOR_MEMBER_ID,
    createdAt: now,
    updatedAt: now,
    baseExperimentId: ctx.store.newId('holdout-experiment', key),
  };
  const description = optString(body, 'description', 'body');
  if (description !== undefined) holdout.description = description;
  if (primary !== undefined) holdout.primaryMetricKey = primary;
  if (prerequisite !== undefined) holdout.prerequisiteFlagKey = prerequisite;
  env.holdouts.set(key, holdout);
  return { status: 201, body: holdoutRep(project, env, holdout) };
}

function defaultUnit(project: ProjectState): string {
  return project.randomizationUnits.find((u) => u.default)?.randomizationUnit ?? 'user';
}

function checkMetricKeys(
  project: ProjectState,
  metrics: { key: string; isGroup: boolean }[],
  primary: string | undefined,
): void {
  for (const ref of metrics) {
    const known = ref.isGroup ? project.metricGroups.has(ref.key) : project.metrics.has(ref.key);
    if (!known) throw badRequest(`body.metrics: unknown metric key "${ref.key}"`);
  }
  if (primary !== undefined && !project.metrics.has(primary)) {
    throw badRequest(`body.primarymetrickey: unknown metric key "${primary}"`);
  }
}

const HOLDOUT_INSTRUCTIONS = ['updateName', 'updateDescription', 'removeExperiment', 'endHoldout'];

/** patchHoldout: atomic like every semantic patch; an ended holdout refuses every change. */
export function patchHoldout(ctx: RequestContext): RouteResult {
  const key = ctx.params['holdoutKey'] ?? '';
  holdoutOf(scope(ctx).env, key);
  const instructions = readInstructions(ctx.body, HOLDOUT_INSTRUCTIONS);
  const project = structuredClone(ctx.store.project(ctx.params['projectKey'] ?? ''));
  const env = envOf(project, ctx.params['environmentKey'] ?? '');
  const holdout = holdoutOf(env, key);
  if (holdout.endedAt !== undefined) throw badRequest(`holdout "${key}" has ended and cannot be changed`);
  const now = ctx.store.now();
  instructions.forEach((ins, index) => {
    applyHoldoutInstruction(env, holdout, ins, `instructions[${index}]`, now);
  });
  holdout.updatedAt = now;
  ctx.store.commit(project);
  return { status: 200, body: holdoutRep(project, env, holdout) };
}

function applyHoldoutInstruction(
  env: EnvState,
  holdout: HoldoutState,
  ins: Instruction,
  path: string,
  now: number,
): void {
  switch (ins.kind) {
    case 'updateName':
      // Choice: `value` as documented; the schema example's `name` is accepted too.
      holdout.name = text(ins['value'] ?? ins['name'], `${path}.value`, true);
      return;
    case 'updateDescription':
      holdout.description = text(ins['value'], `${path}.value`, false);
      return;
    case 'removeExperiment': {
      const experimentKey = text(ins['value'], `${path}.value`, true);
      const member = holdoutMembers(env, holdout).find((e) => e.key === experimentKey);
      // Choice: removing an experiment that is not a member is an error, not a no-op.
      if (!member) {
        throw badRequest(`experiment "${experimentKey}" is not part of holdout "${holdout.key}"`);
      }
      delete member.holdoutId;
      return;
    }
    default:
      // endHoldout. Choice: no precondition (members may still be running).
      holdout.endedAt = now;
  }
}

function text(value: unknown, path: string, nonEmpty: boolean): string {
  if (typeof value !== 'string' || (nonEmpty && value.trim() === '')) {
    throw badRequest(`${path} must be a${nonEmpty ? ' non-empty' : ''} string`);
  }
  return value;
}
