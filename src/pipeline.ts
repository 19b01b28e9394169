/**
 * The whole pipeline, composed. The CLI and the GitHub Action are thin adapters over `run`:
 * load → validate → fetch live → resolve/normalize/diff/plan → (apply).
 */
import type { Dispatcher } from 'undici';

import type { ApplyReport } from './apply/types.js';
import { apply, assertPlanIntact, checkFingerprints } from './apply/index.js';
import { compareWithBase, loadBase, withBaseResources } from './base/index.js';
import type { BaseOption } from './base/index.js';
import { StalePlanError, UsageError } from './errors.js';
import { createClient, fetchLive, listEnvironmentKeys } from './live/index.js';
import type { ClosableLdClient, LdClient, RetryOptions } from './live/index.js';
import type { LiveRequest, LiveState } from './live/types.js';
import { loadManifests } from './manifest/index.js';
import type { LoadOptions } from './manifest/index.js';
import type { ManifestSet, TargetDefaults } from './manifest/types.js';
import { buildPlan, fingerprintLive } from './plan/index.js';
import type { Plan } from './plan/types.js';
import type { Reporter } from './reporter.js';
import { silentReporter } from './reporter.js';
import { hasErrors } from './types.js';
import type { Problem, Target } from './types.js';

export { DEFAULT_BASE_URL } from './live/base-url.js';

export interface ConnectionOptions {
  baseUrl: string;
  token: string;
  /** Writes in flight at once during apply (--concurrency). */
  concurrency: number;
  /** Reads in flight at once (--read-concurrency); the client's default (10) otherwise. */
  readConcurrency?: number;
  /** The longest one request attempt may take (--timeout); the client's default otherwise. */
  timeoutMs?: number;
  reporter?: Reporter;
  /** Injected transport, for tests. */
  dispatcher?: Dispatcher;
  /** Retry policy; the client's default otherwise (tests shorten the waits). */
  retry?: RetryOptions;
  /** Injected clock and sleep (retries, rate-limit holds), so pacing tests never wait in real time. */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

export interface ValidateResult {
  manifests: ManifestSet;
  problems: Problem[];
}

export interface PlanResult {
  problems: Problem[];
  manifests?: ManifestSet;
  plan?: Plan;
}

export { hasErrors } from './types.js';

/** Offline: parse, schema and semantic rules. `load.cwd` is what relative paths start from. */
export async function validate(
  paths: string[],
  defaults: TargetDefaults,
  load: LoadOptions = {},
): Promise<ValidateResult> {
  return loadManifests(paths, defaults, load);
}

/** Where to read the manifests from (`LoadOptions`), and the Git base to compare them with. */
export interface PlanOptions extends LoadOptions {
  /** Also read the manifests at this Git ref and label every change git, drift or both (src/origin/). */
  base?: BaseOption;
}

/** Read live state and plan. Nothing is written. */
export async function plan(
  paths: string[],
  defaults: TargetDefaults,
  connection: ConnectionOptions,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const reporter = connection.reporter ?? silentReporter;
  reporter.report({ type: 'phase', message: `Reading manifests from ${paths.join(', ')}` });
  const { base: baseOption, ...load } = options;
  const { manifests, problems } = await validate(paths, defaults, load);
  if (hasErrors(problems)) return { problems, manifests };
  if (baseOption) reporter.report({ type: 'phase', message: `Reading manifests at ${baseOption.ref} from Git` });
  const cwd = baseOption?.cwd ?? load.cwd;
  const base = baseOption
    ? await loadBase({ ...baseOption, ...(cwd !== undefined ? { cwd } : {}) }, paths, defaults, manifests)
    : undefined;

  reporter.report({ type: 'phase', message: 'Reading live state from LaunchDarkly' });
  const request = liveRequestFor(withBaseResources(manifests, base));
  const live = await withClient(connection, (client) => fetchLive(client, request, reporter));
  const planned = buildPlan(manifests, live);
  const allProblems = [...problems, ...planned.problems];
  if (!planned.plan) return { problems: allProblems, manifests };
  return { problems: allProblems, manifests, plan: base ? compareWithBase(planned.plan, base, live) : planned.plan };
}

/** How apply may be stopped; see ApplyOptions in src/apply/apply.ts. */
export interface ApplyControl {
  /** Aborted on an interrupt: nothing new is sent. */
  signal?: AbortSignal;
  /** Aborted to stop waiting for requests in flight: they are abandoned and reported `unknown`. */
  giveUp?: AbortSignal;
}

/**
 * Apply a plan. A saved plan is first checked against its hash (refused when edited, before any
 * request) and against live state (refused when what it touches moved).
 */
export async function applyPlan(
  planToApply: Plan,
  connection: ConnectionOptions,
  options: { checkFreshness: boolean } & ApplyControl,
): Promise<ApplyReport> {
  if (options.checkFreshness) assertPlanIntact(planToApply);
  // The client is closed when apply returns: requests abandoned after an interrupt are cut off
  // then (and cannot be retried later), so the process can exit without waiting for their answers.
  return withClient(connection, async (client) => {
    if (options.checkFreshness) await assertFresh(planToApply, client, connection.reporter);
    const report = await apply(planToApply, client, {
      concurrency: connection.concurrency,
      ...(connection.reporter ? { reporter: connection.reporter } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.giveUp ? { giveUp: options.giveUp } : {}),
    });
    // The freshness reads count too: they share LaunchDarkly's windows with the writes.
    return { ...report, rateLimitWaitMs: client.rateLimitWaitMs() };
  });
}

async function assertFresh(saved: Plan, client: LdClient, reporter: Reporter | undefined): Promise<void> {
  const targets = targetsOfPlan(saved);
  const live = await fetchLive(client, { targets, flagKeys: new Map() }, reporter ?? silentReporter);
  const moved = checkFingerprints(saved, fingerprintLive(live));
  if (moved.length > 0) {
    throw new StalePlanError(
      `The saved plan is stale: ${moved.join(', ')} changed in LaunchDarkly since the plan was made. Run plan again.`,
      moved,
    );
  }
}

/** Closing when `use` is done aborts reads still in flight after one failed: the run ends with it. */
async function withClient<T>(connection: ConnectionOptions, use: (client: ClosableLdClient) => Promise<T>): Promise<T> {
  const client = clientFor(connection);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

function clientFor(connection: ConnectionOptions): ClosableLdClient {
  return createClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    ...(connection.timeoutMs !== undefined ? { timeoutMs: connection.timeoutMs } : {}),
    ...(connection.readConcurrency !== undefined ? { readConcurrency: connection.readConcurrency } : {}),
    ...(connection.dispatcher ? { dispatcher: connection.dispatcher } : {}),
    ...(connection.retry ? { retry: connection.retry } : {}),
    ...(connection.clock ? { now: connection.clock.now, sleep: connection.clock.sleep } : {}),
    ...(connection.reporter ? { reporter: connection.reporter } : {}),
  });
}

/** Every project+environment the manifests mention, and the flags each project needs. */
export function liveRequestFor(manifests: ManifestSet): LiveRequest {
  const targets = new Map<string, Target>();
  const flagKeys = new Map<string, Set<string>>();
  for (const resource of [...manifests.experiments, ...manifests.holdouts]) {
    targets.set(`${resource.project}/${resource.environment}`, {
      project: resource.project,
      environment: resource.environment,
    });
  }
  for (const experiment of manifests.experiments) {
    const keys = flagKeys.get(experiment.project) ?? new Set<string>();
    for (const flagKey of Object.keys(experiment.spec.iteration.flags)) keys.add(flagKey);
    flagKeys.set(experiment.project, keys);
  }
  for (const holdout of manifests.holdouts) {
    if (holdout.spec.prerequisiteFlag === undefined) continue;
    const keys = flagKeys.get(holdout.project) ?? new Set<string>();
    keys.add(holdout.spec.prerequisiteFlag);
    flagKeys.set(holdout.project, keys);
  }
  return { targets: [...targets.values()], flagKeys };
}

/**
 * Everything a project holds in the given environments (every environment of the project when
 * none is named), for export: experiments (archived ones too), holdouts, and the flags they use.
 */
export async function readProject(
  project: string,
  environments: readonly string[] | undefined,
  connection: ConnectionOptions,
): Promise<{ live: LiveState; environments: string[] }> {
  const reporter = connection.reporter ?? silentReporter;
  return withClient(connection, async (client) => {
    reporter.report({ type: 'phase', message: `Reading the environments of project ${project}` });
    const known = await listEnvironmentKeys(client, project);
    const unknown = (environments ?? []).filter((e) => !known.includes(e));
    if (unknown.length > 0) {
      throw new UsageError(
        `project "${project}" has no environment ${unknown.map((e) => `"${e}"`).join(', ')}; it has: ${known.join(', ') || '(none)'}`,
      );
    }
    const chosen = environments ? [...new Set(environments)] : known;
    const targets = chosen.map((environment) => ({ project, environment }));
    const live = await fetchLive(client, { targets, flagKeys: new Map() }, reporter);
    return { live, environments: chosen };
  });
}

/** Live state for the targets the manifests name, as plan reads it (for pull). */
export async function readLiveFor(manifests: ManifestSet, connection: ConnectionOptions): Promise<LiveState> {
  const reporter = connection.reporter ?? silentReporter;
  reporter.report({ type: 'phase', message: 'Reading live state from LaunchDarkly' });
  return withClient(connection, (client) => fetchLive(client, liveRequestFor(manifests), reporter));
}

function targetsOfPlan(saved: Plan): Target[] {
  const targets = new Map<string, Target>();
  for (const resource of saved.resources) {
    targets.set(`${resource.project}/${resource.environment}`, {
      project: resource.project,
      environment: resource.environment,
    });
  }
  return [...targets.values()];
}
