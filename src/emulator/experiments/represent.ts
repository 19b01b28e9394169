/**
 * The `Experiment` and `IterationRep` representations. Expandable members appear only when asked
 * for, and expanded members that are empty are omitted, as the document says.
 */
import { compact, type Json, type JsonObject } from '../json.js';
import { link, paths } from '../links.js';
import { dependentGroupRep, dependentMetricRep, metricV2Rep } from '../metric-represent.js';
import type { ExperimentState, IterationState, ProjectState } from '../state.js';
import { MUTABLE_FIELDS } from './mutability.js';
import { notInExperimentVariation } from './treatments.js';

/** Every expand value the emulator understands on experiments. */
export const EXPERIMENT_EXPANDS = [
  'previousIterations',
  'draftIteration',
  'secondaryMetrics',
  'treatments',
  'analysisConfig',
  'mutableFieldsByStatus',
] as const;

/** What the create/patch responses include. Choice: everything but previousIterations. */
export const WRITE_RESPONSE_EXPAND: ReadonlySet<string> = new Set([
  'draftIteration',
  'secondaryMetrics',
  'treatments',
  'analysisConfig',
]);

export interface IterationView {
  treatments: boolean;
  /** `metrics` and the deprecated `secondaryMetrics`. */
  secondaryMetrics: boolean;
}

/** The `Experiment` representation for the given expand set. */
export function experimentRep(
  project: ProjectState,
  experiment: ExperimentState,
  expand: ReadonlySet<string>,
): JsonObject {
  const view: IterationView = {
    treatments: expand.has('treatments'),
    // Choice: `metrics` (an undocumented alias used by holdouts' rel-metrics) also expands them.
    secondaryMetrics: expand.has('secondaryMetrics') || expand.has('metrics'),
  };
  const env = experiment.environmentKey;
  const iteration = (it: IterationState | undefined) => (it ? iterationRep(project, env, it, view) : undefined);
  const previous = experiment.previousIterations.map((it) => iterationRep(project, env, it, view));
  return compact({
    _id: experiment._id,
    key: experiment.key,
    name: experiment.name,
    description: experiment.description,
    _maintainerId: experiment.maintainerId,
    _creationDate: experiment.creationDate,
    environmentKey: env,
    methodology: experiment.methodology,
    dataSource: experiment.dataSource,
    archivedDate: experiment.archivedDate,
    tags: experiment.tags,
    _links: {
      parent: link(paths.environment(project.key, env)),
      self: link(paths.experiment(project.key, env, experiment.key)),
    },
    holdoutId: experiment.holdoutId,
    currentIteration: iteration(experiment.currentIteration),
    type: experiment.type,
    draftIteration: expand.has('draftIteration') ? iteration(experiment.draftIteration) : undefined,
    previousIterations: expand.has('previousIterations') ? nonEmpty(previous) : undefined,
    analysisConfig: expand.has('analysisConfig') ? analysisConfigRep(experiment) : undefined,
    mutableFieldsByStatus: expand.has('mutableFieldsByStatus') ? MUTABLE_FIELDS : undefined,
  });
}

function analysisConfigRep(experiment: ExperimentState): JsonObject | undefined {
  const config = compact({ ...experiment.analysisConfig });
  return Object.keys(config).length > 0 ? config : undefined;
}

/** The `IterationRep` representation. */
export function iterationRep(
  project: ProjectState,
  envKey: string,
  iteration: IterationState,
  view: IterationView,
): JsonObject {
  const primaryRef = iteration.primaryFunnelKey
    ? { key: iteration.primaryFunnelKey, isGroup: true }
    : iteration.primarySingleMetricKey
      ? { key: iteration.primarySingleMetricKey, isGroup: false }
      : undefined;
  const single = iteration.primarySingleMetricKey ? project.metrics.get(iteration.primarySingleMetricKey) : undefined;
  const funnel = iteration.primaryFunnelKey ? project.metricGroups.get(iteration.primaryFunnelKey) : undefined;
  return compact({
    _id: iteration._id,
    hypothesis: iteration.hypothesis,
    status: iteration.status,
    createdAt: iteration.createdAt,
    startedAt: iteration.startedAt,
    endedAt: iteration.endedAt,
    winningTreatmentId: iteration.winningTreatmentId,
    winningReason: iteration.winningReason,
    canReshuffleTraffic: iteration.canReshuffleTraffic,
    flags: flagsRep(project, envKey, iteration),
    reallocationFrequencyMillis: iteration.reallocationFrequencyMillis,
    version: iteration.version,
    primaryMetric: primaryRef ? dependentMetricRep(project, primaryRef) : undefined,
    primarySingleMetric: single ? metricV2Rep(project.key, single) : undefined,
    primaryFunnel: funnel ? dependentGroupRep(project, funnel) : undefined,
    randomizationUnit: iteration.randomizationUnit,
    // Choice: empty attribute lists are omitted, like empty expanded fields.
    attributes: nonEmpty(iteration.attributes),
    treatments: view.treatments ? nonEmpty(treatmentsRep(iteration)) : undefined,
    secondaryMetrics: view.secondaryMetrics ? nonEmpty(secondaryRep(project, iteration)) : undefined,
    metrics: view.secondaryMetrics ? nonEmpty(metricsRep(project, iteration)) : undefined,
  });
}

/**
 * `FlagRep` per flag. Choice: `targetingRule` echoes the `ruleId` sent (`fallthrough` or the
 * rule's `_id`), with the rule's description and clauses when it is a rule.
 */
function flagsRep(project: ProjectState, envKey: string, iteration: IterationState): JsonObject {
  const out: JsonObject = {};
  for (const [flagKey, config] of Object.entries(iteration.flags)) {
    const flagEnv = project.flags.get(flagKey)?.environments[envKey];
    const rule = flagEnv?.rules.find((r) => r._id === config.ruleId);
    out[flagKey] = compact({
      targetingRule: config.ruleId,
      targetingRuleDescription: rule?.description,
      targetingRuleClauses: rule ? (rule.clauses as unknown as Json[]) : undefined,
      flagConfigVersion: config.flagConfigVersion,
      notInExperimentVariationId: notInExperimentVariation(iteration, flagKey),
      _links: { self: link(paths.flag(project.key, flagKey)) },
    });
  }
  return out;
}

function treatmentsRep(iteration: IterationState): JsonObject[] {
  return iteration.treatments.map((t) => ({
    _id: t._id,
    name: t.name,
    allocationPercent: t.allocationPercent,
    baseline: t.baseline,
    parameters: t.parameters.map((p) => ({ variationId: p.variationId, flagKey: p.flagKey })),
  }));
}

function metricsRep(project: ProjectState, iteration: IterationState): JsonObject[] {
  return iteration.metrics.flatMap((ref) => {
    const rep = dependentMetricRep(project, ref);
    return rep ? [rep] : [];
  });
}

function secondaryRep(project: ProjectState, iteration: IterationState): JsonObject[] {
  return iteration.metrics.flatMap((ref) => {
    const metric = ref.isGroup ? undefined : project.metrics.get(ref.key);
    if (!metric || metric.key === iteration.primarySingleMetricKey) return [];
    return [metricV2Rep(project.key, metric)];
  });
}

function nonEmpty<T extends Json>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
