/**
 * Canonical forms: desired and live experiments/holdouts in one ID space and one shape, so that a
 * structural diff of the two is exactly the set of changes LaunchDarkly would need.
 */
import type { LdExperiment, LdHoldout } from '../live/ld-types.js';
import type { ResolvedExperiment, ResolvedHoldout } from '../resolve/types.js';

export interface CanonicalMetric {
  key: string;
  isGroup: boolean;
}

export interface CanonicalFlag {
  /** `fallthrough` or a rule `_id`. */
  ruleId: string;
  notInExperimentVariationId: string;
}

export interface CanonicalTreatment {
  name: string;
  baseline: boolean;
  allocationPercent: number;
  /** Sorted by flag key. */
  parameters: { flagKey: string; variationId: string }[];
}

export interface CanonicalIteration {
  hypothesis: string;
  randomizationUnit: string;
  /** Sorted set; absent = unmanaged. */
  attributes?: string[];
  canReshuffleTraffic: boolean;
  /** Absent = unmanaged. */
  reallocationFrequencyMillis?: number;
  primary: CanonicalMetric;
  /** Sorted by key, groups after metrics of the same key; includes the primary. */
  metrics: CanonicalMetric[];
  flags: Record<string, CanonicalFlag>;
  /** Sorted by name. */
  treatments: CanonicalTreatment[];
}

/** AnalysisConfigInput names, with numbers as numbers. */
export interface CanonicalAnalysis {
  bayesianThreshold?: number;
  significanceThreshold?: number;
  testDirection?: string;
  multipleComparisonCorrectionMethod?: string;
  multipleComparisonCorrectionScope?: string;
  sequentialTestingEnabled?: boolean;
}

export interface CanonicalExperiment {
  name: string;
  description?: string;
  maintainerId?: string;
  /** Sorted set. */
  tags?: string[];
  methodology: string;
  dataSource: string;
  type: string;
  analysisConfig?: CanonicalAnalysis;
  /**
   * The holdout's key (not its `_id`: a holdout created by the same plan has no ID yet); `null` =
   * in no holdout, as a manifest's `holdout: null` manages it; absent = membership not managed.
   */
  holdout?: string | null;
  iteration: CanonicalIteration;
}

export interface CanonicalHoldout {
  name: string;
  description?: string;
  randomizationUnit?: string;
  attributes?: string[];
  holdoutAmount: number;
  primaryMetric?: string;
  metrics?: CanonicalMetric[];
  maintainerId?: string;
}

/** One experiment after normalizing: its resolved value, and both sides in canonical form. */
export interface NormalizedExperiment {
  resolved: ResolvedExperiment;
  desired: CanonicalExperiment;
  /** The live experiment, when there is one. */
  live?: LdExperiment;
  /** Its canonical form, whole: what the plan's fingerprint of it hashes. */
  liveWhole?: CanonicalExperiment;
  /** Its canonical form with the fields the manifest leaves out dropped (they are not managed). */
  liveCanonical?: CanonicalExperiment;
}

/** One holdout after normalizing; with a live holdout, both sides keep only what both state. */
export interface NormalizedHoldout {
  resolved: ResolvedHoldout;
  desired: CanonicalHoldout;
  live?: LdHoldout;
  liveCanonical?: CanonicalHoldout;
}

/** The normalize stage's output. */
export interface Normalized {
  experiments: NormalizedExperiment[];
  holdouts: NormalizedHoldout[];
}
