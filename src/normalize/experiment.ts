/**
 * Canonical experiments from both sides. Each function returns a new value and never touches its
 * input (`withoutUnmanaged` shares the parts it keeps with it); every rule that is not obvious says
 * why next to it.
 */
import type { LdAnalysisConfig, LdExperiment, LdIteration } from '../live/ld-types.js';
import { findLiveHoldoutById, holdoutKey } from '../live/lookup.js';
import type { LiveEnvironment } from '../live/types.js';
import type { AnalysisSpec } from '../manifest/types.js';
import type { ResolvedExperiment } from '../resolve/types.js';
import { metricSet, sortedRecord, sortedSet, sortTreatments, toNumber } from './rules.js';
import { comparedIteration } from './status.js';
import type {
  CanonicalAnalysis,
  CanonicalExperiment,
  CanonicalFlag,
  CanonicalIteration,
  CanonicalMetric,
} from './types.js';

// LaunchDarkly's documented defaults, applied to the live side so an omitted field equals its default.
const DEFAULTS = { methodology: 'bayesian', dataSource: 'launchdarkly', type: 'experiment', unit: 'user' };

/** Manifest analysis → AnalysisConfigInput names; only what the manifest says is managed. */
function analysisFromSpec(spec: AnalysisSpec): CanonicalAnalysis {
  const out: CanonicalAnalysis = {};
  if (spec.bayesianThreshold !== undefined) out.bayesianThreshold = spec.bayesianThreshold;
  if (spec.significanceThreshold !== undefined) out.significanceThreshold = spec.significanceThreshold;
  if (spec.testDirection !== undefined) out.testDirection = spec.testDirection;
  if (spec.multipleComparisonCorrection) {
    out.multipleComparisonCorrectionMethod = spec.multipleComparisonCorrection.method;
    out.multipleComparisonCorrectionScope = spec.multipleComparisonCorrection.scope;
  }
  if (spec.sequentialTesting !== undefined) out.sequentialTestingEnabled = spec.sequentialTesting;
  return out;
}

/** The desired experiment in canonical form. */
export function canonicalFromDesired(resolved: ResolvedExperiment): CanonicalExperiment {
  const spec = resolved.manifest.spec;
  const it = spec.iteration;
  const iteration: CanonicalIteration = {
    hypothesis: it.hypothesis,
    randomizationUnit: it.randomizationUnit,
    canReshuffleTraffic: it.canReshuffleTraffic,
    primary: { ...resolved.primary },
    metrics: metricSet(resolved.primary, resolved.metrics),
    flags: sortedRecord(
      resolved.flags.map((f) => [
        f.key,
        { ruleId: f.ruleId, notInExperimentVariationId: f.notInExperimentVariationId },
      ]),
    ),
    treatments: sortTreatments(resolved.treatments),
  };
  if (it.attributes) iteration.attributes = sortedSet(it.attributes);
  if (it.reallocationFrequencyMillis !== undefined)
    iteration.reallocationFrequencyMillis = it.reallocationFrequencyMillis;
  const out: CanonicalExperiment = {
    name: spec.name,
    methodology: spec.methodology,
    dataSource: spec.dataSource,
    type: spec.type,
    iteration,
  };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.maintainerId !== undefined) out.maintainerId = spec.maintainerId;
  if (spec.tags) out.tags = sortedSet(spec.tags);
  if (spec.analysis) out.analysisConfig = analysisFromSpec(spec.analysis);
  if (spec.holdout !== undefined) out.holdout = spec.holdout;
  return out;
}

/** AnalysisConfigRep holds thresholds as strings ("95"); compare them as numbers. */
function analysisFromLive(rep: LdAnalysisConfig): CanonicalAnalysis {
  const out: CanonicalAnalysis = {};
  const bayesian = toNumber(rep.bayesianThreshold);
  const significance = toNumber(rep.significanceThreshold);
  if (bayesian !== undefined) out.bayesianThreshold = bayesian;
  if (significance !== undefined) out.significanceThreshold = significance;
  if (rep.testDirection !== undefined) out.testDirection = rep.testDirection;
  if (rep.multipleComparisonCorrectionMethod !== undefined)
    out.multipleComparisonCorrectionMethod = rep.multipleComparisonCorrectionMethod;
  if (rep.multipleComparisonCorrectionScope !== undefined)
    out.multipleComparisonCorrectionScope = rep.multipleComparisonCorrectionScope;
  if (rep.sequentialTestingEnabled !== undefined) out.sequentialTestingEnabled = rep.sequentialTestingEnabled;
  return out;
}

function primaryFromLive(it: LdIteration): CanonicalMetric {
  if (it.primarySingleMetric) return { key: it.primarySingleMetric.key, isGroup: false };
  if (it.primaryFunnel) return { key: it.primaryFunnel.key, isGroup: true };
  return { key: '', isGroup: false };
}

function iterationFromLive(it: LdIteration | undefined): CanonicalIteration {
  if (!it) {
    // An experiment without any iteration: everything the manifest says is a change.
    return {
      hypothesis: '',
      randomizationUnit: DEFAULTS.unit,
      canReshuffleTraffic: true,
      primary: { key: '', isGroup: false },
      metrics: [],
      flags: {},
      treatments: [],
      attributes: [],
    };
  }
  const treatments = sortTreatments(
    (it.treatments ?? []).map((t) => ({
      name: t.name,
      baseline: t.baseline ?? false,
      allocationPercent: toNumber(t.allocationPercent) ?? 0,
      parameters: (t.parameters ?? []).map((p) => ({ flagKey: p.flagKey, variationId: p.variationId })),
    })),
  );
  const baseline = treatments.find((t) => t.baseline);
  const flags = Object.entries(it.flags ?? {}).map(([key, f]): [string, CanonicalFlag] => [
    key,
    {
      // FlagRep names the rule `targetingRule`; an iteration on the default rule says "fallthrough".
      ruleId: f.targetingRule ?? 'fallthrough',
      // LaunchDarkly defaults notInExperiment to the baseline's variation; so does the desired side.
      notInExperimentVariationId:
        f.notInExperimentVariationId ?? baseline?.parameters.find((p) => p.flagKey === key)?.variationId ?? '',
    },
  ]);
  const primary = primaryFromLive(it);
  const out: CanonicalIteration = {
    hypothesis: it.hypothesis,
    randomizationUnit: it.randomizationUnit ?? DEFAULTS.unit,
    // Absent in a response means empty: LaunchDarkly omits empty expanded fields.
    attributes: sortedSet(it.attributes ?? []),
    canReshuffleTraffic: it.canReshuffleTraffic ?? true,
    primary,
    metrics: primary.key === '' ? metricSet(undefined, it.metrics ?? []) : metricSet(primary, it.metrics ?? []),
    flags: sortedRecord(flags),
    treatments,
  };
  if (it.reallocationFrequencyMillis !== undefined) out.reallocationFrequencyMillis = it.reallocationFrequencyMillis;
  return out;
}

/**
 * The live experiment in canonical form, complete (nothing dropped yet). `holdoutKeyOf` maps a
 * holdout `_id` to its key; an ID it does not know is kept as `id:<id>` so it still compares unequal.
 */
export function canonicalFromLive(
  experiment: LdExperiment,
  holdoutKeyOf: (id: string) => string | undefined,
): CanonicalExperiment {
  const out: CanonicalExperiment = {
    name: experiment.name,
    methodology: experiment.methodology ?? DEFAULTS.methodology,
    dataSource: experiment.dataSource ?? DEFAULTS.dataSource,
    type: experiment.type ?? DEFAULTS.type,
    iteration: iterationFromLive(comparedIteration(experiment)),
    maintainerId: experiment._maintainerId,
    tags: sortedSet(experiment.tags ?? []),
    analysisConfig: analysisFromLive(experiment.analysisConfig ?? {}),
  };
  if (experiment.description !== undefined) out.description = experiment.description;
  if (experiment.holdoutId !== undefined && experiment.holdoutId !== '') {
    out.holdout = holdoutKeyOf(experiment.holdoutId) ?? `id:${experiment.holdoutId}`;
  }
  return out;
}

/** `canonicalFromLive` with holdout IDs named by the holdouts of the experiment's environment. */
export function canonicalInEnvironment(experiment: LdExperiment, environment: LiveEnvironment): CanonicalExperiment {
  return canonicalFromLive(experiment, (id) => {
    const holdout = findLiveHoldoutById(environment, id);
    return holdout ? holdoutKey(holdout) : undefined;
  });
}

/**
 * Drop from the live side what the manifest leaves out: those fields are not managed, so they are
 * never diffed and never cleared (manifest-format.md). Membership follows the same rule: only an
 * explicit `holdout: null` manages "in no holdout", so only then does a live experiment outside
 * any holdout read as `null` too.
 */
export function withoutUnmanaged(live: CanonicalExperiment, desired: CanonicalExperiment): CanonicalExperiment {
  // Shallow copies of the two levels fields are dropped from: the rest is shared with `live`, which
  // stays whole (fingerprints hash it) and, like every canonical value, is never changed.
  const out: CanonicalExperiment = { ...live, iteration: { ...live.iteration } };
  if (desired.holdout === undefined) delete out.holdout;
  else out.holdout ??= null;
  if (desired.description === undefined) delete out.description;
  if (desired.maintainerId === undefined) delete out.maintainerId;
  if (desired.tags === undefined) delete out.tags;
  if (desired.analysisConfig === undefined) delete out.analysisConfig;
  else if (out.analysisConfig) {
    const wanted = desired.analysisConfig;
    out.analysisConfig = Object.fromEntries(
      Object.entries(out.analysisConfig).filter(([key]) => wanted[key as keyof CanonicalAnalysis] !== undefined),
    );
  }
  if (desired.iteration.attributes === undefined) delete out.iteration.attributes;
  if (desired.iteration.reallocationFrequencyMillis === undefined) delete out.iteration.reallocationFrequencyMillis;
  return out;
}
