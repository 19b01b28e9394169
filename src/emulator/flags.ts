/** GET one feature flag (`FeatureFlag`) or a project's flags (`FeatureFlags`), with per-environment configurations. */
import { badRequest, notFound } from './http-error.js';
import { compact, type Json, type JsonObject } from './json.js';
import { API, link, listParam, pageLinks, paths, readPage } from './links.js';
import type { RequestContext, RouteResult } from './router.js';
import type { FlagEnvState, FlagState, ProjectState, RuleState } from './state.js';
import { EMULATOR_MEMBER_ID } from './store.js';

/**
 * getFeatureFlag. `env` may repeat or hold a comma-separated list. Choice: without `env` every
 * environment is returned; unknown environment keys are ignored.
 */
export function getFlag(ctx: RequestContext): RouteResult {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  const key = ctx.params['featureFlagKey'] ?? '';
  const flag = project.flags.get(key);
  if (!flag) throw notFound(`Unknown flag key "${key}" in project "${project.key}"`);
  const wanted = listParam(ctx.query, 'env');
  const envKeys = Object.keys(flag.environments).filter((env) => wanted.length === 0 || wanted.includes(env));
  const environments: JsonObject = {};
  for (const env of envKeys) {
    const config = flag.environments[env];
    if (config) environments[env] = envConfigRep(project.key, flag, env, config);
  }
  return { status: 200, body: flagRep(project.key, flag, environments) };
}

/** The documented default page size; the document names no maximum for flags, so none is enforced. */
const FLAG_PAGE = 20;

/** `filter` fields the document lists; the emulator applies the cheap ones and ignores the rest. */
const DOCUMENTED_FILTERS = new Set([
  'applicationEvaluated',
  'archived',
  'contextKindsEvaluated',
  'codeReferences.max',
  'codeReferences.min',
  'creationDate',
  'evaluated',
  'filterEnv',
  'guardedRollout',
  'hasExperiment',
  'maintainerId',
  'maintainerTeamKey',
  'query',
  'releasePipeline',
  'state',
  'sdkAvailability',
  'tags',
  'type',
]);

/**
 * getFeatureFlags. Environments appear only when `env` or `filter=filterEnv:…` names some (API
 * version 20240415); they are summaries (`_summary`, no rules or targets) unless `summary=0`.
 * Applied filters: `query`, `tags` (and the `tag` parameter), `state`, `archived`, `type`,
 * `filterEnv`; other documented filters and `sort` are ignored (seed order). As documented,
 * archived flags are left out unless asked for.
 */
export function listFlags(ctx: RequestContext): RouteResult {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  const page = readPage(ctx, FLAG_PAGE);
  const filters = readFilters(ctx.query);
  const summary = boolParam(ctx.query, 'summary') ?? true;
  const wanted = [...listParam(ctx.query, 'env'), ...(filters.get('filterEnv') ?? [])];
  const envKeys = [...project.environments.keys()].filter((env) => wanted.includes(env));
  const all = [...project.flags.values()].filter((flag) => listed(flag, ctx.query, filters));
  const items = all
    .slice(page.offset, page.offset + page.limit)
    .map((flag) =>
      flagRep(project.key, flag, wanted.length > 0 ? environmentsRep(project, flag, envKeys, summary) : undefined),
    );
  const links = pageLinks(`${API}/flags/${project.key}`, ctx.query, page, all.length);
  return { status: 200, body: { items, totalCount: all.length, _links: links } };
}

/** `filter=field:value,…` as field → values (`+`-separated; an unencoded `+` arrives as a space). */
function readFilters(query: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const part of listParam(query, 'filter')) {
    const colon = part.indexOf(':');
    const field = colon < 0 ? part : part.slice(0, colon);
    // Choice: an undocumented field is a 400 like other collections' filters; values of JSON filters are not split.
    if (!DOCUMENTED_FILTERS.has(field)) throw badRequest(`unsupported filter field "${field}"`);
    const values = part
      .slice(colon + 1)
      .split(/[+ ]/)
      .filter((v) => v !== '');
    filters.set(field, [...(filters.get(field) ?? []), ...values]);
  }
  return filters;
}

function listed(flag: FlagState, query: URLSearchParams, filters: Map<string, string[]>): boolean {
  const text = (filters.get('query') ?? []).join(' ').toLowerCase();
  if (text !== '' && !`${flag.key}\n${flag.name}`.toLowerCase().includes(text)) return false;
  const tags = [...(filters.get('tags') ?? []), ...listParam(query, 'tag')];
  if (!tags.every((tag) => flag.tags.includes(tag))) return false;
  const type = filters.get('type')?.[0];
  if (type !== undefined && type !== (flag.temporary ? 'temporary' : 'permanent')) return false;
  return stateOf(flag) === wantedState(query, filters);
}

function stateOf(flag: FlagState): string {
  return flag.archived ? 'archived' : 'live';
}

function wantedState(query: URLSearchParams, filters: Map<string, string[]>): string {
  const state = filters.get('state')?.[0];
  if (state !== undefined) return state;
  const archived = filters.get('archived')?.[0] ?? query.get('archived');
  return archived === 'true' ? 'archived' : 'live';
}

/** A boolean query parameter: `true`/`1` or `false`/`0`; absent is undefined, anything else a 400. */
function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw badRequest(`${name} must be a boolean, got "${raw}"`);
}

function environmentsRep(project: ProjectState, flag: FlagState, envKeys: string[], summary: boolean): JsonObject {
  const environments: JsonObject = {};
  for (const env of envKeys) {
    const config = flag.environments[env];
    if (!config) continue;
    const full = envConfigRep(project.key, flag, env, config);
    environments[env] = summary ? summaryRep(full, flag, config) : full;
  }
  return environments;
}

/** What a summary leaves out of each environment. */
const DETAIL_FIELDS = new Set(['rules', 'targets', 'contextTargets', 'prerequisites']);

/** The summary LaunchDarkly lists by default: counts per variation instead of rules, targets and prerequisites. */
function summaryRep(full: JsonObject, flag: FlagState, config: FlagEnvState): JsonObject {
  const rest = Object.fromEntries(Object.entries(full).filter(([key]) => !DETAIL_FIELDS.has(key)));
  const variations: JsonObject = {};
  flag.variations.forEach((_variation, i) => {
    variations[String(i)] = compact({
      rules: config.rules.filter((rule) => rule.variation === i).length,
      nullRules: 0,
      targets: 0,
      contextTargets: 0,
      isFallthrough: config.fallthroughVariation === i ? true : undefined,
      isOff: config.offVariation === i ? true : undefined,
    });
  });
  return { ...rest, _summary: { variations, prerequisites: 0 } };
}

function flagRep(projectKey: string, flag: FlagState, environments: JsonObject | undefined): JsonObject {
  return compact({
    name: flag.name,
    kind: flag.kind,
    description: flag.description,
    key: flag.key,
    _version: flag.version,
    creationDate: flag.creationDate,
    variations: flag.variations.map((v) =>
      compact({ _id: v._id, value: v.value as Json, name: v.name, description: v.description }),
    ),
    temporary: flag.temporary,
    tags: flag.tags,
    _links: { parent: link(`${API}/flags/${projectKey}`), self: link(paths.flag(projectKey, flag.key)) },
    maintainerId: EMULATOR_MEMBER_ID,
    experiments: { baselineIdx: 0, items: [] },
    customProperties: {},
    archived: flag.archived,
    deprecated: false,
    defaults: { onVariation: 0, offVariation: Math.max(0, flag.variations.length - 1) },
    environments,
  });
}

function envConfigRep(projectKey: string, flag: FlagState, env: string, config: FlagEnvState): JsonObject {
  return {
    on: config.on,
    archived: config.archived,
    salt: config.salt,
    sel: config.salt,
    lastModified: config.lastModified,
    version: config.version,
    targets: [],
    contextTargets: [],
    rules: config.rules.map(ruleRep),
    fallthrough: { variation: config.fallthroughVariation },
    offVariation: config.offVariation,
    prerequisites: [],
    _site: { href: `/${projectKey}/${env}/features/${flag.key}`, type: 'text/html' },
    _environmentName: env,
    trackEvents: false,
    trackEventsFallthrough: false,
  };
}

function ruleRep(rule: RuleState): JsonObject {
  return compact({
    _id: rule._id,
    variation: rule.variation,
    clauses: rule.clauses.map((c) => ({ ...c, values: c.values as Json[] })),
    trackEvents: rule.trackEvents,
    description: rule.description,
    ref: rule.ref,
  });
}
