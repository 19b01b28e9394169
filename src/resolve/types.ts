/** What resolve produces: the desired model with every reference turned into a LaunchDarkly ID. */
import type { ExperimentManifest, HoldoutManifest } from '../manifest/types.js';

/** A metric or metric group, as LaunchDarkly's `MetricInput` names it. */
export interface MetricKey {
  key: string;
  isGroup: boolean;
}

export interface ResolvedFlag {
  key: string;
  /** `fallthrough` or a rule `_id`. */
  ruleId: string;
  /** The flag's per-environment version, read at plan time. */
  flagConfigVersion: number;
  /** Explicit, or the baseline treatment's variation for this flag. */
  notInExperimentVariationId: string;
}

export interface ResolvedTreatment {
  name: string;
  baseline: boolean;
  allocationPercent: number;
  /** One per flag, in the order of the iteration's flags. */
  parameters: { flagKey: string; variationId: string }[];
}

/** The holdout an experiment joins; `id` is absent when the holdout is created by the same plan. */
export interface HoldoutLink {
  key: string;
  id?: string;
}

export interface ResolvedExperiment {
  manifest: ExperimentManifest;
  address: string;
  /** In manifest order. */
  flags: ResolvedFlag[];
  treatments: ResolvedTreatment[];
  primary: MetricKey;
  /** Primary first, then the others as written, without duplicates. */
  metrics: MetricKey[];
  holdout?: HoldoutLink;
}

export interface ResolvedHoldout {
  manifest: HoldoutManifest;
  address: string;
  /** Primary first, then the others as written, without duplicates. */
  metrics: MetricKey[];
}
