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
 * The list is started at once when the manifests name more flags than there are environments
 * (each environment is one list: the document declares `env` as one string); its first pages
 * decide whether reading the rest of it is cheaper than reading the flags still needed by key.
 */
export function flagReader(
  client: LdClient,
  project: string,
  environments: readonly string[],
  named: readonly string[],
): FlagReader {
  const listed =
    named.length > environments.length
      ? listFlags(client, project, environments, named)
      : Promise.resolve(new Map<string, LdFlag>());
  return async (keys) => {
    const fromList = await listed;
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
 * flags its first pages did not return one by one. Flags that only live experiments use are not
 * known yet; the list often holds them too, so a tie goes to the list.
 */
export function listIsCheaper(listRequests: number, stillNeeded: number): boolean {
  return listRequests <= stillNeeded;
}

interface ListPage {
  items: unknown[];
  total: number | undefined;
}

/** Usable flags from the project's list, by key: every page, or only the first when the rest costs more. */
async function listFlags(
  client: LdClient,
  project: string,
  environments: readonly string[],
  needed: readonly string[],
): Promise<Map<string, LdFlag>> {
  const requests = environments.map((env) => listRequest(project, env));
  let firsts: ListPage[];
  try {
    firsts = await Promise.all(requests.map((request) => listPage(client, request)));
  } catch (error) {
    // A list refused (a role that may read flags one by one only, a page size the server rejects)
    // costs the run nothing but that request: every flag is then read by key.
    if (error instanceof RemoteError && (error.status === 400 || error.status === 403)) return new Map();
    throw error;
  }
  const rest = requests.map((request, i) => remainingPages(request, firsts[i]?.total, firsts[i]?.items.length ?? 0));
  const fromFirst = mergeEnvironments(
    environments,
    firsts.map((page) => page.items),
  );
  const stillNeeded = needed.filter((key) => !fromFirst.has(key)).length;
  if (!listIsCheaper(rest.flat().length, stillNeeded)) return fromFirst;
  const pages = await Promise.all(
    rest.map((envPages) => Promise.all(envPages.map(async (page) => (await listPage(client, page)).items))),
  );
  return mergeEnvironments(
    environments,
    firsts.map((first, i) => [...first.items, ...(pages[i] ?? []).flat()]),
  );
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
      const config = all[i]?._version === flag._version ? all[i]?.environments[env] : undefined;
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
