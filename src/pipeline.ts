/**
 * The pipeline, stage by stage (README "Architecture"): load → validate → read live → resolve →
 * normalize → diff → plan → apply. The CLI and the GitHub Action are thin adapters over these
 * functions; every stage but load, read live and apply is pure.
 */
import { apply, assertFresh, assertPlanIntact, type ApplyControl } from './apply/index.js';
import type { ApplyReport } from './apply/types.js';
import { withClient, type ConnectionOptions } from './connection.js';
import { diffAll } from './diff/index.js';
import { fetchLive, liveRequestFor, type LiveState } from './live/index.js';
import { loadManifests, readSchemas, runScope, type LoadOptions } from './manifest/index.js';
import type { ManifestSet, TargetDefaults } from './manifest/types.js';
import { normalizeAll } from './normalize/index.js';
import { planChanges, type Plan } from './plan/index.js';
import { silentReporter } from './reporter.js';
import { resolveAll } from './resolve/index.js';
import { compileSchemas, sortProblems, validateDocuments, type CompiledSchemas } from './schema/index.js';
import type { Problem } from './types.js';

export { DEFAULT_BASE_URL, type ConnectionOptions } from './connection.js';
export type { ApplyControl } from './apply/index.js';

export interface ValidateResult {
  manifests: ManifestSet;
  problems: Problem[];
}

export interface PlanResult {
  problems: Problem[];
  manifests?: ManifestSet;
  plan?: Plan;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Load → validate, offline: every manifest under `paths` as the desired model, or the problems found. */
export async function validate(
  paths: readonly string[],
  defaults: TargetDefaults,
  options: LoadOptions & { schemas?: CompiledSchemas } = {},
): Promise<ValidateResult> {
  const loaded = await loadManifests(paths, options);
  const valid = validateDocuments(loaded.documents, defaults, options.schemas ?? (await loadSchemas()));
  const scope = await runScope(loaded, valid.manifests.config.file);
  return {
    manifests: { ...valid.manifests, files: loaded.files, scope },
    problems: sortProblems([...loaded.problems, ...valid.problems]),
  };
}

/** Load → validate → read live → plan. Nothing is written. */
export async function plan(
  paths: readonly string[],
  defaults: TargetDefaults,
  connection: ConnectionOptions,
): Promise<PlanResult> {
  const reporter = connection.reporter ?? silentReporter;
  reporter.report({ type: 'phase', message: `Reading manifests from ${paths.join(', ')}` });
  const { manifests, problems } = await validate(paths, defaults);
  if (hasErrors(problems)) return { problems, manifests };
  reporter.report({ type: 'phase', message: 'Reading live state from LaunchDarkly' });
  const live = await withClient(connection, (client) => fetchLive(client, liveRequestFor(manifests), reporter));
  const planned = buildPlan(manifests, live);
  return { ...planned, problems: [...problems, ...planned.problems], manifests };
}

/** Resolve → normalize → diff → plan: pure, the same inputs give the same plan. */
export function buildPlan(desired: ManifestSet, live: LiveState): { plan?: Plan; problems: Problem[] } {
  const resolution = resolveAll(desired, live);
  const normalized = normalizeAll(resolution, live);
  const diffs = diffAll(normalized, live);
  return planChanges({ diffs, desired, live, problems: resolution.problems });
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

let compiled: Promise<CompiledSchemas> | undefined;

/** The package's manifest schemas, read and compiled once per process. */
export function loadSchemas(): Promise<CompiledSchemas> {
  compiled ??= readSchemas().then(compileSchemas);
  return compiled;
}
