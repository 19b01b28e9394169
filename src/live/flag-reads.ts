/**
 * The flags of one project a run needs, in as few requests as the API allows: pages of the
 * project's flag list (`GET /api/v2/flags/{projectKey}`, getFeatureFlags) when that costs fewer
 * requests than one GET per flag (getFeatureFlag), single GETs otherwise and for every needed
 * flag the list did not return (archived, not in an experiment, missing, or listed inconsistently).
 */
import { RemoteError } from '../errors.js';
import type { LdClient } from './client.js';
import type { LdFlag } from './ld-types.js';
import { remainingPages, type PageRequest } from './paginate.js';

/**
 * Flags per list page. The document gives the default (20) and no maximum; 100 is the largest
 * page LaunchDarkly documents for any of its lists. A server that caps lower still works: the
 * pages after the first step by the size of the first page.
 */
export const FLAG_LIST_PAGE = 100;

export interface FlagReads {
  flags: Map<string, LdFlag>;
  /** Flag keys that were asked for and do not exist (404). */
  missingFlags: Set<string>;
}

/** Reads the given flag keys; each call waits for the list (if any) and reads the rest one by one. */
export type FlagReader = (keys: readonly string[]) => Promise<FlagReads>;

/**
 * A reader for one project's flags in `environments` (the run's environments of that project).
 * The list's first page is asked for at once when the manifests name more flags than there are
 * environments (each environment is one list: the document declares `env` as one string). Each
 * read then takes the rest of the list when its pages cost no more than reading the flags still
 * needed by key (flags only live experiments use are known only later, so the question is asked
 * again for them), and reads the others by key.
 */
export function flagReader(
  client: LdClient,
  project: string,
  environments: readonly string[],
  named: readonly string[],
): FlagReader {
  const list = named.length > environments.length ? startList(client, project, environments) : undefined;
  return async (keys) => {
    const fromList = list ? await list.covering(keys) : new Map<string, LdFlag>();
    const single = await readEach(
      client,
      project,
      keys.filter((key) => !fromList.has(key)),
      environments,
    );
    for (const key of keys) {
      const flag = fromList.get(key);
      if (flag) single.flags.set(key, flag);
    }
    return single;
  };
}

/**
 * Whether the rest of the list (`listRequests` more pages) costs no more than reading the needed
 * flags its first pages did not return one by one: a tie goes to the list, which often holds
 * flags the run will need later.
 */
export function listIsCheaper(listRequests: number, stillNeeded: number): boolean {
  return listRequests <= stillNeeded;
}

interface ListPage {
  items: unknown[];
  total: number | undefined;
}

interface FlagList {
  /** Usable listed flags: the first pages', or every page's when that is cheaper for `keys`. */
  covering(keys: readonly string[]): Promise<Map<string, LdFlag>>;
}

/** The project's flag list, first pages at once, the rest on demand (once). */
function startList(client: LdClient, project: string, environments: readonly string[]): FlagList {
  const requests = environments.map((env) => listRequest(project, env));
  const firsts = firstPages(client, requests);
  let all: Promise<Map<string, LdFlag>> | undefined;
  const readAll = async (pages: ListPage[]): Promise<Map<string, LdFlag>> => {
    const rest = await Promise.all(
      restOf(requests, pages).map((envPages) =>
        Promise.all(envPages.map(async (page) => (await listPage(client, page)).items)),
      ),
    );
    const lists = pages.map((first, i) => [...first.items, ...(rest[i] ?? []).flat()]);
    return mergeEnvironments(environments, lists);
  };
  return {
    covering: async (keys) => {
      const pages = await firsts;
      if (pages === undefined) return new Map();
      if (all) return all;
      const fromFirst = mergeEnvironments(
        environments,
        pages.map((page) => page.items),
      );
      const stillNeeded = keys.filter((key) => !fromFirst.has(key)).length;
      const pending = restOf(requests, pages).flat().length;
      if (pending === 0 || !listIsCheaper(pending, stillNeeded)) return fromFirst;
      all = readAll(pages);
      return all;
    },
  };
}

/** The first page of each environment's list; undefined when the server refuses the list. */
async function firstPages(client: LdClient, requests: readonly PageRequest[]): Promise<ListPage[] | undefined> {
  try {
    return await Promise.all(requests.map((request) => listPage(client, request)));
  } catch (error) {
    // A list refused (a role that may read flags one by one only, a page size the server rejects)
    // costs the run nothing but that request: every flag is then read by key.
    if (error instanceof RemoteError && (error.status === 400 || error.status === 403)) return undefined;
    throw error;
  }
}

/** The pages after each first page, by offset from its reported total (none without a total). */
function restOf(requests: readonly PageRequest[], firsts: readonly ListPage[]): PageRequest[][] {
  return requests.map((request, i) => remainingPages(request, firsts[i]?.total, firsts[i]?.items.length ?? 0));
}

/**
 * Full configurations (`summary=false`) of one environment, only flags used in experiments
 * (`filter=hasExperiment:true`): the ones a plan needs, whatever else the project holds.
 */
function listRequest(project: string, env: string): PageRequest {
  return {
    path: `/api/v2/flags/${encodeURIComponent(project)}`,
    query: { env, summary: false, filter: 'hasExperiment:true', limit: FLAG_LIST_PAGE },
  };
}

async function listPage(client: LdClient, page: PageRequest): Promise<ListPage> {
  const { body } = await client.request<{ items: unknown[]; totalCount?: unknown }>('GET', page.path, {
    query: page.query,
  });
  const total = typeof body.totalCount === 'number' && Number.isFinite(body.totalCount) ? body.totalCount : undefined;
  return { items: body.items, total };
}

/**
 * One flag per key from the lists of every environment (in `environments` order), used only when
 * each list has it with its full configuration for that environment and at the same `_version`
 * (the lists were read at slightly different times; a flag that moved in between is read by key).
 */
export function mergeEnvironments(environments: readonly string[], lists: readonly unknown[][]): Map<string, LdFlag> {
  const byEnvironment = environments.map((env, i) => usableFlags(env, lists[i] ?? []));
  const [first, ...others] = byEnvironment;
  const merged = new Map<string, LdFlag>();
  for (const [key, flag] of first ?? []) {
    const all = [flag, ...others.map((m) => m.get(key))];
    const configs: LdFlag['environments'] = {};
    for (const [i, env] of environments.entries()) {
      const listed = all[i];
      const config = listed?._version === flag._version ? listed.environments[env] : undefined;
      if (config) configs[env] = config;
    }
    if (Object.keys(configs).length === environments.length) merged.set(key, { ...flag, environments: configs });
  }
  return merged;
}

/** Listed flags carrying a full configuration for `env` (not the `_summary` a server may list instead). */
function usableFlags(env: string, items: readonly unknown[]): Map<string, LdFlag> {
  const usable = new Map<string, LdFlag>();
  for (const item of items) {
    if (!isRecord(item) || typeof item['key'] !== 'string' || typeof item['_version'] !== 'number') continue;
    if (!Array.isArray(item['variations'])) continue;
    const environments = item['environments'];
    const config = isRecord(environments) ? environments[env] : undefined;
    if (!isRecord(config) || config['_summary'] !== undefined || typeof config['version'] !== 'number') continue;
    usable.set(item['key'], item as unknown as LdFlag);
  }
  return usable;
}

/**
 * One GET per flag: with `env` when the run has one environment of the project; without (every
 * environment, narrowed here) when it has several, since the document declares `env` as one string.
 */
async function readEach(
  client: LdClient,
  project: string,
  keys: readonly string[],
  environments: readonly string[],
): Promise<FlagReads> {
  const p = encodeURIComponent(project);
  const wanted = new Set(environments);
  const query = wanted.size === 1 ? { env: [...wanted][0] } : {};
  const found = await Promise.all(
    keys.map(async (key) => {
      try {
        const response = await client.request<LdFlag>('GET', `/api/v2/flags/${p}/${encodeURIComponent(key)}`, {
          query,
        });
        return [key, onlyEnvironments(response.body, wanted)] as const;
      } catch (error) {
        if (error instanceof RemoteError && error.status === 404) return [key, undefined] as const;
        throw error;
      }
    }),
  );
  const reads: FlagReads = { flags: new Map(), missingFlags: new Set() };
  for (const [key, flag] of found) {
    if (flag) reads.flags.set(key, flag);
    else reads.missingFlags.add(key);
  }
  return reads;
}

/** The flag with only the run's environments, as if LaunchDarkly had filtered them. */
function onlyEnvironments(flag: LdFlag, wanted: ReadonlySet<string>): LdFlag {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the answer is verified only for key and variations
  if (flag.environments === undefined) return flag;
  const kept = Object.entries(flag.environments).filter(([key]) => wanted.has(key));
  return { ...flag, environments: Object.fromEntries(kept) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
