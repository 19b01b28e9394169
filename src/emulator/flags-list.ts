/** getFeatureFlags: a project's flags, filtered, sorted and paged as the document describes. */
import { environmentsRep, flagRep } from './flags.js';
import { badRequest } from './http-error.js';
import type { JsonObject } from './json.js';
import { API, link, listParam, readPage, type Page } from './links.js';
import type { RequestContext, RouteResult } from './router.js';
import type { FlagState, ProjectState } from './state.js';

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
 * `filterEnv`, `hasExperiment`; other documented filters are ignored. Every documented `sort`
 * field is applied. As documented, archived flags are left out unless asked for.
 */
export function listFlags(ctx: RequestContext): RouteResult {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  const page = readPage(ctx, FLAG_PAGE);
  const filters = readFilters(ctx.query);
  const summary = boolParam(ctx.query, 'summary') ?? true;
  const wanted = [...listParam(ctx.query, 'env'), ...(filters.get('filterEnv') ?? [])];
  const envKeys = [...project.environments.keys()].filter((env) => wanted.includes(env));
  const inExperiment = experimentUse(project, filters);
  const matching = [...project.flags.values()].filter((flag) => listed(flag, ctx.query, filters) && inExperiment(flag));
  const all = sortFlags(matching, listParam(ctx.query, 'sort'), listParam(ctx.query, 'env')[0]);
  const items = all
    .slice(page.offset, page.offset + page.limit)
    .map((flag) =>
      flagRep(project.key, flag, wanted.length > 0 ? environmentsRep(project, flag, envKeys, summary) : undefined),
    );
  const links = flagPageLinks(`${API}/flags/${project.key}`, ctx.query, page, all.length);
  return { status: 200, body: { items, totalCount: all.length, _links: links } };
}

/**
 * `self`, and `first`, `prev`, `next`, `last` only when those pages exist apart from this one: the
 * document says `first` and `prev` are missing on the first page (and so, choice, `next` and
 * `last` on the last one). Other parameters are kept so following a link yields the same view.
 */
function flagPageLinks(base: string, query: URLSearchParams, page: Page, total: number): JsonObject {
  const at = (offset: number): JsonObject => {
    const q = new URLSearchParams(query);
    q.set('limit', String(page.limit));
    q.set('offset', String(offset));
    return link(`${base}?${q.toString()}`);
  };
  const links: JsonObject = { self: at(page.offset) };
  if (page.offset > 0) {
    links['first'] = at(0);
    links['prev'] = at(Math.max(0, page.offset - page.limit));
  }
  if (page.offset + page.limit < total) {
    links['next'] = at(page.offset + page.limit);
    links['last'] = at(Math.floor((total - 1) / page.limit) * page.limit);
  }
  return links;
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

/**
 * Choice (the document says only "flags that are used in an experiment"): a flag is used when an
 * iteration (current, draft or previous) of an experiment in any environment of the project names
 * it, archived experiments and holdouts' base experiments included.
 */
function flagsInExperiments(project: ProjectState): Set<string> {
  const keys = new Set<string>();
  for (const env of project.environments.values()) {
    for (const e of env.experiments.values()) {
      for (const iteration of [e.currentIteration, e.draftIteration, ...e.previousIterations]) {
        for (const key of Object.keys(iteration?.flags ?? {})) keys.add(key);
      }
    }
  }
  return keys;
}

/** The `hasExperiment` filter as a predicate (every flag passes without it). */
function experimentUse(project: ProjectState, filters: Map<string, string[]>): (flag: FlagState) => boolean {
  const wanted = filters.get('hasExperiment')?.[0];
  if (wanted === undefined) return () => true;
  if (wanted !== 'true' && wanted !== 'false') throw badRequest(`hasExperiment must be a boolean, got "${wanted}"`);
  const used = flagsInExperiments(project);
  return (flag) => used.has(flag.key) === (wanted === 'true');
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

type SortKey = (flag: FlagState, env: string | undefined) => string | number;

/** The documented sort fields. Every flag has the emulator's one maintainer. */
const SORT_KEYS: Record<string, SortKey> = {
  creationDate: (flag) => flag.creationDate,
  key: (flag) => flag.key,
  maintainerId: () => '',
  name: (flag) => flag.name,
  tags: (flag) => flag.tags.join(','),
  targetingModifiedDate: (flag, env) => (env === undefined ? 0 : (flag.environments[env]?.lastModified ?? 0)),
  type: (flag) => (flag.temporary ? 'temporary' : 'permanent'),
};

/**
 * `sort=a,-b`: ascending, `-` descending, ties in creation order. As documented,
 * `targetingModifiedDate` needs `env`, uses the first one, and is not combined with other fields.
 * Choice: an undocumented field, or `targetingModifiedDate` without `env` or with others, is a 400.
 */
function sortFlags(flags: FlagState[], fields: string[], env: string | undefined): FlagState[] {
  if (fields.length === 0) return flags;
  const keys = fields.map((field) => {
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    const key = SORT_KEYS[name];
    if (key === undefined) throw badRequest(`unsupported sort field "${name}"`);
    if (name === 'targetingModifiedDate' && (env === undefined || fields.length > 1)) {
      throw badRequest('sort by targetingModifiedDate needs env and no other sort field');
    }
    return { key, sign: descending ? -1 : 1 };
  });
  return [...flags].sort((a, b) => {
    for (const { key, sign } of keys) {
      const [x, y] = [key(a, env), key(b, env)];
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  });
}
