/** Resolve one experiment manifest: flags, rules, variations, metrics, randomization unit, holdout. */
import {
  findFlag,
  findLiveExperiment,
  findLiveHoldout,
  holdoutKey,
  liveEnvironment,
  liveProject,
} from '../live/lookup.js';
import type { LiveState } from '../live/types.js';
import type { ExperimentManifest, FlagSpec, HoldoutManifest, ManifestSet } from '../manifest/types.js';
import { resourceAddress, type Problem, type Target } from '../types.js';
import { closestFirst } from './candidates.js';
import { metricKey, resolveMetric, resolveRandomizationUnit, withPrimary } from './metrics.js';
import { Collector } from './collector.js';
import { pointer } from '../util/json-pointer.js';
import { resolveRule } from './rules.js';
import type { HoldoutLink, MetricKey, ResolvedExperiment, ResolvedFlag, ResolvedTreatment } from './types.js';
import { resolveVariation } from './variations.js';

const ITERATION = ['spec', 'iteration'] as const;

interface FlagDraft {
  key: string;
  ruleId: string;
  flagConfigVersion: number;
  notInExperimentVariationId?: string;
}

function resolveFlag(
  c: Collector,
  manifest: ExperimentManifest,
  live: LiveState,
  key: string,
  spec: FlagSpec,
): FlagDraft | undefined {
  const { project } = liveProject(live, manifest.project);
  const at = [...ITERATION, 'flags', key];
  const flag = findFlag(project, key);
  if (!flag) {
    // Every flag of the project when fetchLive listed them (it does when one is missing), else those read.
    const candidates = closestFirst(key, project.flagKeys ?? project.flags.keys());
    c.add(pointer(...at), 'UnknownFlag', `flag "${key}" does not exist in project "${manifest.project}"`, candidates);
    return undefined;
  }
  const environment = flag.environments[manifest.environment];
  if (!environment) {
    c.add(pointer(...at), 'UnknownFlagEnvironment', `flag "${key}" has no environment "${manifest.environment}"`);
    return undefined;
  }
  const ruleId = c.take(resolveRule(key, environment, spec.rule), ...at, 'rule');
  const notIn =
    spec.notInExperiment === undefined
      ? undefined
      : c.take(resolveVariation(flag, spec.notInExperiment), ...at, 'notInExperiment');
  if (ruleId === undefined || (spec.notInExperiment !== undefined && notIn === undefined)) return undefined;
  const draft: FlagDraft = { key, ruleId, flagConfigVersion: environment.version };
  if (notIn !== undefined) draft.notInExperimentVariationId = notIn;
  return draft;
}

function resolveTreatments(
  c: Collector,
  manifest: ExperimentManifest,
  live: LiveState,
  flags: FlagDraft[],
): ResolvedTreatment[] {
  const { project } = liveProject(live, manifest.project);
  return manifest.spec.iteration.treatments.map((treatment, i) => {
    const parameters: ResolvedTreatment['parameters'] = [];
    for (const { key } of flags) {
      const flag = findFlag(project, key);
      const ref = treatment.variations[key];
      const at = [...ITERATION, 'treatments', i, 'variations', key];
      if (!flag) continue;
      if (ref === undefined) {
        const message = `treatment "${treatment.name}" names no variation of flag "${key}"`;
        c.add(pointer(...at), 'MissingTreatmentVariation', message);
        continue;
      }
      const variationId = c.take(resolveVariation(flag, ref), ...at);
      if (variationId !== undefined) parameters.push({ flagKey: key, variationId });
    }
    return {
      name: treatment.name,
      baseline: treatment.baseline,
      allocationPercent: treatment.allocationPercent,
      parameters,
    };
  });
}

/** `notInExperiment` defaults to the baseline treatment's variation of that flag (as LaunchDarkly does). */
function completeFlags(flags: FlagDraft[], treatments: ResolvedTreatment[]): ResolvedFlag[] {
  const baseline = treatments.find((t) => t.baseline) ?? treatments[0];
  return flags.map((f) => ({
    key: f.key,
    ruleId: f.ruleId,
    flagConfigVersion: f.flagConfigVersion,
    notInExperimentVariationId:
      f.notInExperimentVariationId ?? baseline?.parameters.find((p) => p.flagKey === f.key)?.variationId ?? '',
  }));
}

function resolveMetrics(
  c: Collector,
  manifest: ExperimentManifest,
  live: LiveState,
): { primary: MetricKey; metrics: MetricKey[] } | undefined {
  const { project } = liveProject(live, manifest.project);
  const iteration = manifest.spec.iteration;
  const primary: MetricKey | undefined =
    iteration.primaryMetric !== undefined
      ? { key: iteration.primaryMetric, isGroup: false }
      : iteration.primaryFunnel !== undefined
        ? { key: iteration.primaryFunnel, isGroup: true }
        : undefined;
  if (!primary) {
    c.add(pointer(...ITERATION), 'MissingPrimaryMetric', 'the iteration needs a primaryMetric or a primaryFunnel');
    return undefined;
  }
  const before = c.problems.length;
  c.take(resolveMetric(project, primary), ...ITERATION, primary.isGroup ? 'primaryFunnel' : 'primaryMetric');
  const metrics = iteration.metrics.map(metricKey);
  metrics.forEach((m, i) => c.take(resolveMetric(project, m), ...ITERATION, 'metrics', i));
  return c.problems.length === before ? { primary, metrics: withPrimary(primary, metrics) } : undefined;
}

function findDesiredHoldout(desired: ManifestSet, target: Target, key: string): HoldoutManifest | undefined {
  return desired.holdouts.find(
    (h) => h.key === key && h.project === target.project && h.environment === target.environment,
  );
}

function resolveHoldoutLink(
  c: Collector,
  manifest: ExperimentManifest,
  desired: ManifestSet,
  live: LiveState,
): HoldoutLink | undefined {
  const key = manifest.spec.holdout;
  // Absent (not managed) or null (leave it): there is no holdout to join.
  if (key === undefined || key === null) return undefined;
  const environment = liveEnvironment(live, manifest);
  const liveHoldout = findLiveHoldout(environment, key);
  const liveExperiment = findLiveExperiment(environment, manifest.key);
  // An archived manifest of an experiment that does not exist creates nothing, so it joins nothing.
  if (liveHoldout?.status === 'ended' && manifest.spec.state === 'archived' && !liveExperiment) return undefined;
  if (liveHoldout?.status === 'ended' && liveExperiment?.holdoutId !== liveHoldout._id) {
    c.add(
      pointer('spec', 'holdout'),
      'JoinEndedHoldout',
      `holdout "${key}" has ended in ${manifest.project}/${manifest.environment} and accepts no new experiments`,
    );
    return undefined;
  }
  if (liveHoldout) return { key, id: liveHoldout._id };
  const desiredHoldout = findDesiredHoldout(desired, manifest, key);
  if (desiredHoldout?.spec.state === 'active') return { key };
  const candidates = closestFirst(key, [
    ...environment.holdouts.map(holdoutKey),
    ...desired.holdouts
      .filter((h) => h.project === manifest.project && h.environment === manifest.environment)
      .map((h) => h.key),
  ]);
  c.add(
    pointer('spec', 'holdout'),
    'UnknownHoldout',
    `holdout "${key}" exists neither in ${manifest.project}/${manifest.environment} nor in the manifests (as an active holdout)`,
    candidates,
  );
  return undefined;
}

/** Resolve every reference of an experiment; on any problem there is no resolved value. */
export function resolveExperiment(
  manifest: ExperimentManifest,
  desired: ManifestSet,
  live: LiveState,
): { resolved?: ResolvedExperiment; problems: Problem[] } {
  const c = new Collector(manifest);
  const project = c.project(live, manifest.project);
  if (!project) return { problems: c.problems };
  const iteration = manifest.spec.iteration;
  const flagDrafts = Object.entries(iteration.flags)
    .map(([key, spec]) => resolveFlag(c, manifest, live, key, spec))
    .filter((f) => f !== undefined);
  const treatments = resolveTreatments(c, manifest, live, flagDrafts);
  const metrics = resolveMetrics(c, manifest, live);
  c.take(resolveRandomizationUnit(project, iteration.randomizationUnit), ...ITERATION, 'randomizationUnit');
  const holdout = resolveHoldoutLink(c, manifest, desired, live);
  if (c.problems.some((p) => p.severity === 'error') || !metrics) return { problems: c.problems };
  const resolved: ResolvedExperiment = {
    manifest,
    address: resourceAddress('experiment', manifest, manifest.key),
    flags: completeFlags(flagDrafts, treatments),
    treatments,
    primary: metrics.primary,
    metrics: metrics.metrics,
  };
  if (holdout) resolved.holdout = holdout;
  return { resolved, problems: c.problems };
}
