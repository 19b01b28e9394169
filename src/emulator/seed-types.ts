/**
 * The seed format: a hand-writable description of one or more LaunchDarkly projects. Omitted IDs
 * are derived from keys (see `stableId`), so a seed always produces the same IDs. See
 * docs/emulator.md for an example.
 */

import type { EmulatorConditions } from './conditions/types.js';

export interface EmulatorSeed {
  projects: SeedProject[];
  /** Latency, page-size cap, rate limits and faults (see docs/emulator.md, "Conditions"). */
  conditions?: EmulatorConditions;
}

export interface SeedProject {
  key: string;
  name?: string;
  contextKinds?: { key: string; name?: string; description?: string }[];
  /** Experimentation settings; default: one unit per context kind, `user` (or the first) default. */
  randomizationUnits?: { randomizationUnit: string; default?: boolean; displayName?: string }[];
  environments: string[];
  flags?: SeedFlag[];
  metrics?: SeedMetric[];
  metricGroups?: SeedMetricGroup[];
  /** Per environment key. */
  experiments?: Record<string, SeedExperiment[]>;
  /** Per environment key. */
  holdouts?: Record<string, SeedHoldout[]>;
}

export interface SeedVariation {
  _id?: string;
  value: unknown;
  name?: string;
  description?: string;
}

export interface SeedRule {
  _id?: string;
  ref?: string;
  description?: string;
  clauses?: {
    attribute: string;
    op?: string;
    values: unknown[];
    contextKind?: string;
    negate?: boolean;
  }[];
  /** Variation index, name, `_id` or value. */
  variation?: number | string | boolean;
}

export interface SeedFlagEnv {
  on?: boolean;
  archived?: boolean;
  version?: number;
  rules?: SeedRule[];
  /** Variation index, name, `_id` or value; default: the last variation. */
  fallthrough?: number | string | boolean;
  offVariation?: number | string | boolean;
}

export interface SeedFlag {
  key: string;
  name?: string;
  kind?: 'boolean' | 'multivariate';
  description?: string;
  archived?: boolean;
  tags?: string[];
  variations?: SeedVariation[];
  environments?: Record<string, SeedFlagEnv>;
}

export interface SeedMetric {
  key: string;
  name?: string;
  kind?: 'pageview' | 'click' | 'custom';
  isNumeric?: boolean;
  eventKey?: string;
  unitAggregationType?: 'sum' | 'average';
  description?: string;
  tags?: string[];
}

export interface SeedMetricGroup {
  key: string;
  name?: string;
  kind: 'funnel' | 'standard';
  description?: string;
  tags?: string[];
  metrics: { key: string; nameInGroup?: string }[];
}

/** A treatment: one flag variation (single-flag) or `parameters` (multi-flag). */
export interface SeedTreatment {
  name?: string;
  /** Variation name, `_id`, value or index of the iteration's single flag. */
  variation?: string | number | boolean;
  parameters?: { flag: string; variation: string | number | boolean }[];
  /** Percent, number or string. */
  allocation: number | string;
  baseline?: boolean;
}

export interface SeedIteration {
  hypothesis?: string;
  /** Single-flag shortcut. */
  flag?: string;
  /** `fallthrough` (default), or a rule's `ref`, `_id` or `description`. */
  rule?: string;
  /** Multi-flag form. */
  flags?: { flag: string; rule?: string; notInExperimentVariation?: string | number | boolean }[];
  randomizationUnit?: string;
  /** A metric key or a funnel metric-group key. Default: the first of `metrics`. */
  primaryMetric?: string;
  /** Metric keys and metric-group keys. */
  metrics?: string[];
  attributes?: string[];
  canReshuffleTraffic?: boolean;
  treatments: SeedTreatment[];
  /** For stopped iterations: a treatment name or variation name/`_id`. Default: the baseline. */
  winner?: string;
  winningReason?: string;
  /** Multi-armed bandits (`type: mab`) only, as LaunchDarkly reports it. */
  reallocationFrequencyMillis?: number;
}

export type SeedExperimentState = 'draft' | 'running' | 'stopped' | 'archived';

export interface SeedExperiment {
  key: string;
  name?: string;
  description?: string;
  tags?: string[];
  methodology?: 'bayesian' | 'frequentist' | 'export_only';
  /** Default `launchdarkly`. */
  dataSource?: 'launchdarkly' | 'snowflake';
  /** Default `experiment`. */
  type?: 'experiment' | 'mab';
  /** Member ID; default the emulator's member. */
  maintainerId?: string;
  /** As the API takes it (`AnalysisConfigInput`: thresholds as strings). */
  analysisConfig?: {
    bayesianThreshold?: string;
    significanceThreshold?: string;
    testDirection?: string;
    multipleComparisonCorrectionMethod?: 'bonferroni' | 'benjamini-hochberg';
    multipleComparisonCorrectionScope?: 'variations' | 'variations-and-metrics' | 'metrics';
    sequentialTestingEnabled?: boolean;
  };
  /** Holdout key in the same environment. */
  holdout?: string;
  /** draft: iteration is the draft; running/stopped: it is the current one; archived: stopped + archived. */
  state: SeedExperimentState;
  iteration: SeedIteration;
  /** Older, stopped iterations (oldest first). */
  previousIterations?: SeedIteration[];
  /** A not-started iteration next to a running/stopped one. */
  draftIteration?: SeedIteration;
}

export interface SeedHoldout {
  key: string;
  name?: string;
  description?: string;
  /** Percent, number or string. */
  holdoutAmount: number | string;
  randomizationUnit?: string;
  primaryMetric?: string;
  metrics?: string[];
  attributes?: string[];
  /** Default: derived from member experiments (created / enabled / running). */
  status?: 'created' | 'enabled' | 'running' | 'ended';
}
