/** GET one feature flag (`FeatureFlag`) and the flag representations the list shares (`flags-list.ts`). */
import { notFound } from './http-error.js';
import { compact, type Json, type JsonObject } from './json.js';
import { API, link, listParam, paths } from './links.js';
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

export function environmentsRep(
  project: ProjectState,
  flag: FlagState,
  envKeys: string[],
  summary: boolean,
): JsonObject {
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

export function flagRep(projectKey: string, flag: FlagState, environments: JsonObject | undefined): JsonObject {
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
