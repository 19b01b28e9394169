/**
 * The pipeline, stage by stage (README "Architecture"): load → validate → read live → resolve →
 * normalize → diff → plan → apply. The CLI and the GitHub Action are thin adapters over these
 * functions; every stage but load, read live and apply is pure.
 */
import { apply, assertFresh, assertPlanIntact, type ApplyControl } from './apply/index.js';
import type { ApplyReport } from './apply/types.js';
import { withClient, type ConnectionOptions } from './connection.js';
import { diffAll } from './diff/index.js';
import { compareWithBase, loadBase, withBaseResources, type BaseOption } from './base/index.js';
import { UsageError } from './errors.js';
import { fetchLive, listEnvironmentKeys, liveRequestFor, type LiveState } from './live/index.js';
import type { LoadOptions } from './manifest/index.js';
import type { ManifestSet, TargetDefaults } from './manifest/types.js';
import { applyOwnership, normalizeAll } from './normalize/index.js';
import { planChanges, type Plan } from './plan/index.js';
import { silentReporter } from './reporter.js';
import { resolveAll } from './resolve/index.js';
import { hasErrors, type Problem } from './types.js';
import { validate } from './validate.js';

export { DEFAULT_BASE_URL, type ConnectionOptions } from './connection.js';
export type { ApplyControl } from './apply/index.js';
export { validate, type ValidateResult } from './validate.js';

export interface PlanResult {
  problems: Problem[];
  manifests?: ManifestSet;
  plan?: Plan;
}

export { hasErrors } from './types.js';

/** Where to read the manifests from (`LoadOptions`), and the Git base to compare them with. */
export interface PlanOptions extends LoadOptions {
  /** Also read the manifests at this Git ref and label every change git, drift or both (src/origin/). */
  base?: BaseOption;
}

/** Load → validate → (base) → read live → plan. Nothing is written. */
export async function plan(
  paths: readonly string[],
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
  return {
    problems: allProblems,
    manifests,
    plan: base ? compareWithBase(planned.plan, base, (m) => buildPlan(m, live)) : planned.plan,
  };
}

/** Resolve → field ownership → normalize → diff → plan: pure, the same inputs give the same plan. */
export function buildPlan(desired: ManifestSet, live: LiveState): { plan?: Plan; problems: Problem[] } {
  const owned = applyOwnership(resolveAll(desired, live), live);
  const normalized = normalizeAll(owned.resolution, live);
  const diffs = diffAll(normalized, live);
  return planChanges({ diffs, desired, live, problems: [...owned.resolution.problems, ...owned.problems] });
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
    if (options.checkFreshness) await assertFresh(planToApply, client, connection.reporter ?? silentReporter);
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
