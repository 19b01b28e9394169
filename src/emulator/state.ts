/**
 * The emulator's in-memory state: what LaunchDarkly stores, not what it sends. Representations
 * (with links, expansions and string percentages) are built from this by the `represent` modules.
 * Everything here is structured-cloneable so a semantic patch can run on a copy (atomicity).
 */

export type IterationStatus = 'not_started' | 'running' | 'stopped';

export interface VariationState {
  _id: string;
  value: unknown;
  name?: string;
  description?: string;
}

export interface ClauseState {
  _id: string;
  attribute: string;
  op: string;
  values: unknown[];
  contextKind: string;
  negate: boolean;
}

export interface RuleState {
  _id: string;
  ref?: string;
  description?: string;
  clauses: ClauseState[];
  variation?: number;
  trackEvents: boolean;
}

export interface FlagEnvState {
  on: boolean;
  archived: boolean;
  version: number;
  rules: RuleState[];
  fallthroughVariation: number;
  offVariation: number;
  lastModified: number;
  salt: string;
}

export interface FlagState {
  key: string;
  name: string;
  kind: 'boolean' | 'multivariate';
  description?: string;
  variations: VariationState[];
  version: number;
  creationDate: number;
  archived: boolean;
  tags: string[];
  temporary: boolean;
  environments: Record<string, FlagEnvState>;
}

export interface MetricState {
  _id: string;
  key: string;
  name: string;
  kind: 'pageview' | 'click' | 'custom';
  isNumeric: boolean;
  eventKey?: string;
  unitAggregationType?: 'sum' | 'average';
  description?: string;
  tags: string[];
  creationDate: number;
  version: number;
  versionId: string;
}

export interface MetricGroupState {
  _id: string;
  key: string;
  name: string;
  kind: 'funnel' | 'standard';
  description?: string;
  tags: string[];
  metrics: { key: string; nameInGroup?: string }[];
  creationDate: number;
  version: number;
}

export interface ContextKindState {
  key: string;
  name: string;
  description: string;
  version: number;
  creationDate: number;
}

export interface RandomizationUnitState {
  randomizationUnit: string;
  default: boolean;
  displayName: string;
}

export interface MetricRefState {
  key: string;
  isGroup: boolean;
}

export interface TreatmentState {
  _id: string;
  name: string;
  baseline: boolean;
  /** Kept as the string the client sent; the API represents percentages as strings. */
  allocationPercent: string;
  parameters: { flagKey: string; variationId: string }[];
}

export interface IterationFlagState {
  ruleId: string;
  flagConfigVersion: number;
  notInExperimentVariationId?: string;
}

export interface IterationState {
  _id: string;
  hypothesis: string;
  status: IterationStatus;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  winningTreatmentId?: string;
  winningReason?: string;
  canReshuffleTraffic: boolean;
  flags: Record<string, IterationFlagState>;
  reallocationFrequencyMillis?: number;
  version: number;
  primarySingleMetricKey?: string;
  primaryFunnelKey?: string;
  metrics: MetricRefState[];
  randomizationUnit?: string;
  attributes: string[];
  treatments: TreatmentState[];
  covariateId?: string;
}

export interface AnalysisConfigState {
  bayesianThreshold?: string;
  significanceThreshold?: string;
  testDirection?: string;
  multipleComparisonCorrectionMethod?: 'bonferroni' | 'benjamini-hochberg';
  multipleComparisonCorrectionScope?: 'variations' | 'variations-and-metrics' | 'metrics';
  sequentialTestingEnabled?: boolean;
}

export type Methodology = 'bayesian' | 'frequentist' | 'export_only';
export type DataSource = 'launchdarkly' | 'snowflake';

export interface ExperimentState {
  _id: string;
  key: string;
  name: string;
  description?: string;
  maintainerId: string;
  creationDate: number;
  environmentKey: string;
  methodology: Methodology;
  dataSource: DataSource;
  type: string;
  tags: string[];
  holdoutId?: string;
  archivedDate?: number;
  analysisConfig?: AnalysisConfigState;
  /** The started iteration (running or stopped), if any. */
  currentIteration?: IterationState;
  /** The iteration that has not been started yet, if any. */
  draftIteration?: IterationState;
  /** Older started iterations, oldest first. */
  previousIterations: IterationState[];
}

export interface HoldoutState {
  _id: string;
  key: string;
  name: string;
  description?: string;
  holdoutAmount: string;
  randomizationUnit: string;
  attributes: string[];
  primaryMetricKey?: string;
  metrics: MetricRefState[];
  prerequisiteFlagKey?: string;
  maintainerId: string;
  createdAt: number;
  updatedAt: number;
  baseExperimentId: string;
  /** Set when a member experiment first starts an iteration. */
  startedAt?: number;
  /** Set by `endHoldout`; an ended holdout refuses changes and new members. */
  endedAt?: number;
}

export interface EnvState {
  key: string;
  experiments: Map<string, ExperimentState>;
  holdouts: Map<string, HoldoutState>;
}

export interface ProjectState {
  _id: string;
  key: string;
  name: string;
  creationDate: number;
  contextKinds: ContextKindState[];
  randomizationUnits: RandomizationUnitState[];
  environments: Map<string, EnvState>;
  flags: Map<string, FlagState>;
  metrics: Map<string, MetricState>;
  metricGroups: Map<string, MetricGroupState>;
}
