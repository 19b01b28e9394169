/**
 * Request bodies in LaunchDarkly's exact shapes: ExperimentPost, IterationInput,
 * HoldoutPostRequest and the `updateExperimentFields` value map.
 */
import type { FieldRule } from '../diff/rules.js';
import { sortedSet } from '../normalize/rules.js';
import type { CanonicalAnalysis, CanonicalExperiment, CanonicalMetric } from '../normalize/types.js';
import type { ResolvedExperiment, ResolvedHoldout } from '../diff/types.js';
import type { FieldUpdates, FlagInputBody } from './instructions.js';

export interface MetricInput {
  key: string;
  isGroup: boolean;
}

export interface TreatmentInput {
  name: string;
  baseline: boolean;
  allocationPercent: string;
  parameters: { flagKey: string; variationId: string }[];
}

/** IterationInput; exactly one of the primary keys is set. */
export interface IterationInput {
  hypothesis: string;
  canReshuffleTraffic: boolean;
  metrics: MetricInput[];
  primarySingleMetricKey?: string;
  primaryFunnelKey?: string;
  treatments: TreatmentInput[];
  flags: Record<string, FlagInputBody>;
  randomizationUnit: string;
  attributes?: string[];
  reallocationFrequencyMillis?: number;
}

export interface ExperimentPost {
  key: string;
  name: string;
  description?: string;
  maintainerId?: string;
  tags?: string[];
  methodology: string;
  dataSource: string;
  type: string;
  analysisConfig?: Record<string, unknown>;
  holdoutId?: string;
  iteration: IterationInput;
}

/** HoldoutPostRequest: lower-case field names, and the amount as a string. */
export interface HoldoutPost {
  name: string;
  key: string;
  description?: string;
  randomizationunit: string;
  attributes?: string[];
  holdoutamount: string;
  primarymetrickey: string;
  metrics: MetricInput[];
  prerequisiteflagkey?: string;
  maintainerId?: string;
}

/** AnalysisConfigInput: thresholds are strings in the API. */
export function analysisConfigInput(analysis: CanonicalAnalysis): Record<string, unknown> {
  const out: Record<string, unknown> = { ...analysis };
  if (analysis.bayesianThreshold !== undefined) out['bayesianThreshold'] = String(analysis.bayesianThreshold);
  if (analysis.significanceThreshold !== undefined)
    out['significanceThreshold'] = String(analysis.significanceThreshold);
  return out;
}

function metricInputs(metrics: readonly CanonicalMetric[]): MetricInput[] {
  return metrics.map((m) => ({ key: m.key, isGroup: m.isGroup }));
}

function treatmentInputs(r: ResolvedExperiment): TreatmentInput[] {
  return r.treatments.map((t) => ({
    name: t.name,
    baseline: t.baseline,
    // TreatmentInput.allocationPercent is a string.
    allocationPercent: String(t.allocationPercent),
    parameters: t.parameters.map((p) => ({ flagKey: p.flagKey, variationId: p.variationId })),
  }));
}

/** IterationInput `flags`: each flag's rule, its plan-time version and the not-in-experiment variation. */
export function flagInputs(r: ResolvedExperiment): Record<string, FlagInputBody> {
  return Object.fromEntries(
    r.flags.map((f) => [
      f.key,
      {
        ruleId: f.ruleId,
        flagConfigVersion: f.flagConfigVersion,
        notInExperimentVariationId: f.notInExperimentVariationId,
      },
    ]),
  );
}

/** IterationInput for a resolved experiment. */
export function iterationInput(r: ResolvedExperiment): IterationInput {
  const it = r.manifest.spec.iteration;
  const body: IterationInput = {
    hypothesis: it.hypothesis,
    canReshuffleTraffic: it.canReshuffleTraffic,
    metrics: metricInputs(r.metrics),
    ...(r.primary.isGroup ? { primaryFunnelKey: r.primary.key } : { primarySingleMetricKey: r.primary.key }),
    treatments: treatmentInputs(r),
    flags: flagInputs(r),
    randomizationUnit: it.randomizationUnit,
  };
  if (it.attributes) body.attributes = sortedSet(it.attributes);
  if (it.reallocationFrequencyMillis !== undefined) body.reallocationFrequencyMillis = it.reallocationFrequencyMillis;
  return body;
}

/**
 * ExperimentPost. `holdoutId` is left out when the holdout is created by the same plan: apply
 * fills it in from that step's response (a binding), so the body never carries a fake ID.
 */
export function experimentPost(r: ResolvedExperiment, desired: CanonicalExperiment): ExperimentPost {
  return {
    key: r.manifest.key,
    name: r.manifest.spec.name,
    ...(desired.description !== undefined ? { description: desired.description } : {}),
    ...(desired.maintainerId !== undefined ? { maintainerId: desired.maintainerId } : {}),
    ...(desired.tags ? { tags: desired.tags } : {}),
    methodology: desired.methodology,
    dataSource: desired.dataSource,
    type: desired.type,
    ...(desired.analysisConfig ? { analysisConfig: analysisConfigInput(desired.analysisConfig) } : {}),
    ...(r.holdout?.id !== undefined ? { holdoutId: r.holdout.id } : {}),
    iteration: iterationInput(r),
  };
}

export function holdoutPost(r: ResolvedHoldout): HoldoutPost {
  const spec = r.manifest.spec;
  return {
    name: spec.name,
    key: r.manifest.key,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    randomizationunit: spec.randomizationUnit,
    ...(spec.attributes ? { attributes: sortedSet(spec.attributes) } : {}),
    holdoutamount: String(spec.holdoutAmount),
    primarymetrickey: spec.primaryMetric,
    metrics: metricInputs(r.metrics),
    ...(spec.prerequisiteFlag !== undefined ? { prerequisiteflagkey: spec.prerequisiteFlag } : {}),
    ...(spec.maintainerId !== undefined ? { maintainerId: spec.maintainerId } : {}),
  };
}

/** The new full value of one field, in IterationInput / ExperimentPost shape. */
function fieldValue(rule: FieldRule, r: ResolvedExperiment, d: CanonicalExperiment): unknown {
  if (rule.inIteration) return (iterationInput(r) as unknown as Record<string, unknown>)[rule.field];
  if (rule.field === 'analysisConfig') return analysisConfigInput(d.analysisConfig ?? {});
  // The experiment's own fields are sent as their canonical value (ExperimentPost names them alike).
  return (d as unknown as Record<string, unknown>)[rule.field];
}

/**
 * The `updateExperimentFields` value for changed fields: every field is replaced whole
 * (`update`), which is what a not-started iteration accepts. A primary metric that changes kind
 * (metric ↔ funnel) also removes the other kind's key.
 */
export function fieldUpdates(
  rules: readonly FieldRule[],
  r: ResolvedExperiment,
  desired: CanonicalExperiment,
  live: CanonicalExperiment | undefined,
): FieldUpdates {
  const out: FieldUpdates = {};
  for (const rule of rules) {
    if (rule.field !== 'primary') {
      out[rule.field] = { operation: 'update', value: fieldValue(rule, r, desired) };
      continue;
    }
    const [set, other] = r.primary.isGroup
      ? ['primaryFunnelKey', 'primarySingleMetricKey']
      : ['primarySingleMetricKey', 'primaryFunnelKey'];
    out[set] = { operation: 'update', value: r.primary.key };
    if (live && live.iteration.primary.key !== '' && live.iteration.primary.isGroup !== r.primary.isGroup) {
      out[other] = { operation: 'remove' };
    }
  }
  return out;
}

/**
 * Growth of the sets a running iteration may extend in place (metrics, attributes): `add` with
 * only the new members. Returns undefined when some change is not pure growth.
 */
export function additions(
  rules: readonly FieldRule[],
  desired: CanonicalExperiment,
  live: CanonicalExperiment,
): FieldUpdates | undefined {
  const out: FieldUpdates = {};
  for (const rule of rules) {
    if (rule.field === 'metrics') {
      const id = (m: CanonicalMetric): string => `${m.key}\u0000${String(m.isGroup)}`;
      const had = new Set(live.iteration.metrics.map(id));
      const want = new Set(desired.iteration.metrics.map(id));
      if ([...had].some((m) => !want.has(m))) return undefined;
      out['metrics'] = {
        operation: 'add',
        value: metricInputs(desired.iteration.metrics.filter((m) => !had.has(id(m)))),
      };
    } else if (rule.field === 'attributes') {
      const had = live.iteration.attributes ?? [];
      const want = desired.iteration.attributes ?? [];
      if (had.some((a) => !want.includes(a))) return undefined;
      out['attributes'] = { operation: 'add', value: want.filter((a) => !had.includes(a)) };
    } else {
      return undefined;
    }
  }
  return out;
}
