/**
 * Read what LaunchDarkly holds for the targets of a run: experiments and holdouts per environment,
 * flags, metrics, metric groups and randomization units per project. Each object is read once and
 * every read starts as soon as nothing it needs is missing: the lists, the project's basics and
 * the flags the manifests name all at once; only flags that live experiments alone use wait for
 * the lists. The client bounds how many are in flight and paces them to the rate limit.
 */
import { RemoteError } from '../errors.js';
import { silentReporter, type Reporter } from '../reporter.js';
import type { Target } from '../types.js';
import type { LdClient } from './client.js';
import type {
  LdContextKind,
  LdExperiment,
  LdHoldout,
  LdMetric,
  LdMetricGroup,
  LdRandomizationUnit,
} from './ld-types.js';
import { flagReader } from './flag-reads.js';
import { referencedFlagKeys } from './referenced-flags.js';
import type { LiveEnvironment, LiveProject, LiveRequest, LiveState } from './types.js';

/** The spec documents no maximum for experiment and holdout pages; 20 is its default. */
const EXPERIMENT_PAGE = 20;
const HOLDOUT_PAGE = 20;
/** The documented default page for flags (only the keys are listed here: summaries, small pages). */
const FLAG_PAGE = 20;
/** Metrics and metric groups cap `limit` at 50. */
const METRIC_PAGE = 50;
/**
 * `mutableFieldsByStatus` is named as an expand value only by the patch docs (for Get experiment);
 * the list is asked for it too, since a per-experiment GET to learn it would cost N requests.
 * `expand` is a free string in the document, and LaunchDarkly ignores values it does not know.
 */
const EXPERIMENT_EXPAND =
  'draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus';
const EXPERIMENT_DETAIL_EXPAND = EXPERIMENT_EXPAND;
const HOLDOUT_EXPAND = 'draftIteration,treatments,rel-draftIteration,rel-treatments';

/** Read the live model for `request.targets`, plus every flag the manifests or live experiments use. */
export async function fetchLive(
  client: LdClient,
  request: LiveRequest,
  reporter: Reporter = silentReporter,
): Promise<LiveState> {
  const targets = uniqueTargets(request.targets);
  const projectKeys = [...new Set(targets.map((t) => t.project))];
  const results = await Promise.all(
    projectKeys.map((key) => {
      const projectTargets = targets.filter((t) => t.project === key);
      return readProject(client, reporter, key, projectTargets, request.flagKeys.get(key));
    }),
  );
  const byTarget = new Map(results.flatMap((r) => r.environments).map((e) => [targetId(e), e]));
  return {
    baseUrl: client.baseUrl,
    projects: new Map(results.map((r) => [r.project.key, r.project])),
    // Keep the caller's target order, whatever order the reads finished in.
    environments: targets.flatMap((t) => byTarget.get(targetId(t)) ?? []),
  };
}

async function readProject(
  client: LdClient,
  reporter: Reporter,
  key: string,
  targets: readonly Target[],
  manifestFlags: ReadonlySet<string> | undefined,
): Promise<{ project: LiveProject; environments: LiveEnvironment[] }> {
  reporter.report({ type: 'phase', message: `Reading project ${key}` });
  const environmentKeys = targets.map((t) => t.environment);
  const named = [...(manifestFlags ?? [])].sort();
  const lists = experimentLists(client, key, environmentKeys);
  const readFlags = flagReader(client, key, environmentKeys, named);
  const [environments, basics, namedFlags] = await Promise.all([
    Promise.all(targets.map((t) => readEnvironment(client, t, lists.get(t.environment) ?? Promise.resolve([])))),
    readProjectBasics(client, key),
    readFlags(named),
  ]);
  const alsoUsed = referencedFlagKeys(
    environments.flatMap((e) => e.experiments),
    environments.flatMap((e) => e.holdouts),
  );
  const more = [...alsoUsed].filter((k) => !named.includes(k)).sort();
  const liveFlags = await readFlags(more);
  const flags = new Map([...namedFlags.flags, ...liveFlags.flags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const missingFlags = new Set([...namedFlags.missingFlags, ...liveFlags.missingFlags].sort());
  const project: LiveProject = { key, ...basics, flags, missingFlags };
  // Only a missing flag needs the project's keys (to suggest the right one); otherwise no extra request.
  if (missingFlags.size > 0) project.flagKeys = await listFlagKeys(client, key);
  return { project, environments };
}

/** Every flag key of the project, in server order; summaries, without environments, keep the pages small. */
async function listFlagKeys(client: LdClient, project: string): Promise<string[]> {
  const flags = await client.getAllPages<{ key?: unknown }>(`/api/v2/flags/${encodeURIComponent(project)}`, {
    query: { limit: FLAG_PAGE, summary: true },
  });
  return flags.map((f) => f.key).filter((k): k is string => typeof k === 'string' && k !== '');
}

type ProjectBasics = Pick<LiveProject, 'metrics' | 'metricGroups' | 'contextKinds' | 'randomizationUnits'>;

async function readProjectBasics(client: LdClient, project: string): Promise<ProjectBasics> {
  const p = encodeURIComponent(project);
  const [contextKinds, settings, metrics, metricGroups] = await Promise.all([
    client.getAllPages<LdContextKind>(`/api/v2/projects/${p}/context-kinds`),
    client.request<{ randomizationUnits?: LdRandomizationUnit[] }>(
      'GET',
      `/api/v2/projects/${p}/experimentation-settings`,
    ),
    client.getAllPages<LdMetric>(`/api/v2/metrics/${p}`, { query: { limit: METRIC_PAGE } }),
    // Metric groups are still a beta resource: the operation table sends them `LD-API-Version: beta`.
    client.getAllPages<LdMetricGroup>(`/api/v2/projects/${p}/metric-groups`, { query: { limit: METRIC_PAGE } }),
  ]);
  return {
    contextKinds,
    randomizationUnits: (settings.body.randomizationUnits ?? []).map((u) => u.randomizationUnit),
    metrics: new Map(metrics.map((m) => [m.key, m])),
    metricGroups: new Map(metricGroups.map((g) => [g.key, g])),
  };
}

function environmentPath(target: Target): string {
  return `/api/v2/projects/${encodeURIComponent(target.project)}/environments/${encodeURIComponent(target.environment)}`;
}

/** API path of one experiment (archived ones included) or holdout, for reads and writes. */
export function resourcePath(type: 'experiment' | 'holdout', target: Target, key: string): string {
  return `${environmentPath(target)}/${type === 'experiment' ? 'experiments' : 'holdouts'}/${encodeURIComponent(key)}`;
}

/**
 * One object read again exactly as fetchLive reads it (same expand), so fingerprints computed
 * from it compare with plan-time ones; undefined when it does not exist. Holdouts come with every
 * holdout of the environment (`holdouts`): an experiment's fingerprint names its holdout by key.
 */
export async function readOne(
  client: LdClient,
  type: 'experiment' | 'holdout',
  target: Target,
  key: string,
): Promise<LdExperiment | LdHoldout | undefined> {
  const expand = type === 'experiment' ? EXPERIMENT_DETAIL_EXPAND : HOLDOUT_EXPAND;
  return getOrUndefined<LdExperiment | LdHoldout>(client, resourcePath(type, target, key), expand);
}

/** Every holdout of one environment, in detail. */
export async function readEnvironmentHoldouts(client: LdClient, target: Target): Promise<LdHoldout[]> {
  return readHoldouts(client, environmentPath(target));
}

/**
 * The listed experiments of each environment of a run in one project: one environment's own list,
 * or, for several, the project's list across environments (getExperimentsAnyEnv), split by
 * `environmentKey`: one collection to page through instead of one per environment.
 */
function experimentLists(
  client: LdClient,
  project: string,
  environments: readonly string[],
): Map<string, Promise<LdExperiment[]>> {
  const p = `/api/v2/projects/${encodeURIComponent(project)}`;
  const [only] = environments;
  if (environments.length === 1 && only !== undefined) {
    return new Map([[only, listExperiments(client, `${p}/environments/${encodeURIComponent(only)}/experiments`)]]);
  }
  const all = listExperiments(client, `${p}/experiments`);
  return new Map(environments.map((env) => [env, all.then((items) => items.filter((e) => e.environmentKey === env))]));
}

function listExperiments(client: LdClient, path: string): Promise<LdExperiment[]> {
  // Archived experiments are hidden unless asked for, and a reconciler must see them to restore or skip them.
  return client.getAllPages<LdExperiment>(path, {
    query: { limit: EXPERIMENT_PAGE, lifecycleState: 'active,archived', expand: EXPERIMENT_EXPAND },
  });
}

async function readEnvironment(
  client: LdClient,
  target: Target,
  listed: Promise<LdExperiment[]>,
): Promise<LiveEnvironment> {
  const base = environmentPath(target);
  const [experiments, holdouts] = await Promise.all([
    readExperiments(client, base, listed),
    readHoldouts(client, base),
  ]);
  return { project: target.project, environment: target.environment, experiments, holdouts };
}

async function readExperiments(client: LdClient, base: string, list: Promise<LdExperiment[]>): Promise<LdExperiment[]> {
  const listed = await list;
  const detailed = await Promise.all(
    listed.map((summary) =>
      isSummary(summary)
        ? getOrUndefined<LdExperiment>(
            client,
            `${base}/experiments/${encodeURIComponent(summary.key)}`,
            EXPERIMENT_DETAIL_EXPAND,
          )
        : Promise.resolve(summary),
    ),
  );
  return detailed.filter((e): e is LdExperiment => e !== undefined);
}

/**
 * List responses are summary representations. Every real iteration has at least one treatment,
 * so an iteration without `treatments` (or an experiment without any iteration) means the list
 * ignored our expand and the experiment must be read on its own.
 */
function isSummary(experiment: LdExperiment): boolean {
  const shown = [experiment.currentIteration, experiment.draftIteration].filter((i) => i !== undefined);
  return shown.length === 0 || shown.some((i) => i.treatments === undefined);
}

async function readHoldouts(client: LdClient, base: string): Promise<LdHoldout[]> {
  const listed = await client.getAllPages<{ key?: string }>(`${base}/holdouts`, { query: { limit: HOLDOUT_PAGE } });
  // The list gives SimpleHoldoutRep; only the detail by key carries the base experiment and related experiments.
  const keys = listed.map((h) => h.key).filter((k): k is string => typeof k === 'string' && k !== '');
  const holdouts = await Promise.all(
    keys.map((key) => getOrUndefined<LdHoldout>(client, `${base}/holdouts/${encodeURIComponent(key)}`, HOLDOUT_EXPAND)),
  );
  return holdouts.filter((h): h is LdHoldout => h !== undefined);
}

/** GET with expand; a 404 means the object went away between list and read, so it is left out. */
async function getOrUndefined<T>(client: LdClient, path: string, expand: string): Promise<T | undefined> {
  try {
    return (await client.request<T>('GET', path, { query: { expand } })).body;
  } catch (error) {
    if (error instanceof RemoteError && error.status === 404) return undefined;
    throw error;
  }
}

function uniqueTargets(targets: readonly Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const id = targetId(t);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function targetId(target: Target): string {
  return `${target.project}\u0000${target.environment}`;
}
