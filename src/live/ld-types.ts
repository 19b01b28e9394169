/**
 * The LaunchDarkly REST representations ldexp reads and writes, narrowed to the fields it uses.
 * Names and shapes follow the official OpenAPI document (../shared/reference/ld-openapi.yaml);
 * every interface keeps an index signature-free shape so unknown server fields are simply ignored.
 */

export type IterationStatus = 'not_started' | 'running' | 'stopped';

export interface LdLink {
  href?: string;
  type?: string;
}
export type LdLinks = Record<string, LdLink>;

export interface LdTreatmentParameter {
  flagKey: string;
  variationId: string;
}

export interface LdTreatment {
  _id?: string;
  name: string;
  /** A string in the API ("50"); compare as a number. */
  allocationPercent: string;
  baseline?: boolean;
  parameters?: LdTreatmentParameter[];
}

export interface LdIterationFlag {
  targetingRule?: string;
  targetingRuleDescription?: string;
  targetingRuleClauses?: unknown[];
  flagConfigVersion?: number;
  notInExperimentVariationId?: string;
  _links: LdLinks;
}

export interface LdMetricInGroup {
  key: string;
  name?: string;
  nameInGroup?: string;
  kind?: string;
  isNumeric?: boolean;
  _links?: LdLinks;
}

export interface LdDependentMetric {
  key: string;
  _versionId: string;
  name: string;
  kind: string;
  isGroup: boolean;
  isNumeric?: boolean;
  eventKey?: string;
  metrics?: LdMetricInGroup[];
  _links: LdLinks;
}

export interface LdMetricV2 {
  key: string;
  _versionId: string;
  name: string;
  kind: string;
  isNumeric?: boolean;
  eventKey?: string;
  _links: LdLinks;
}

export interface LdMetricGroupInIteration {
  key: string;
  name: string;
  kind: string;
  _links: LdLinks;
  metrics?: LdMetricInGroup[];
}

export interface LdIteration {
  _id?: string;
  hypothesis: string;
  status: IterationStatus;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  winningTreatmentId?: string;
  winningReason?: string;
  canReshuffleTraffic?: boolean;
  flags?: Record<string, LdIterationFlag>;
  reallocationFrequencyMillis?: number;
  version?: number;
  primarySingleMetric?: LdMetricV2;
  primaryFunnel?: LdMetricGroupInIteration;
  randomizationUnit?: string;
  attributes?: string[];
  treatments?: LdTreatment[];
  metrics?: LdDependentMetric[];
}

export interface LdAnalysisConfig {
  bayesianThreshold?: string;
  significanceThreshold?: string;
  testDirection?: string;
  multipleComparisonCorrectionMethod?: string;
  multipleComparisonCorrectionScope?: string;
  sequentialTestingEnabled?: boolean;
}

export interface LdExperiment {
  _id?: string;
  key: string;
  name: string;
  description?: string;
  _maintainerId: string;
  _creationDate: number;
  environmentKey: string;
  methodology?: string;
  dataSource?: string;
  archivedDate?: number;
  tags?: string[];
  _links: LdLinks;
  holdoutId?: string;
  currentIteration?: LdIteration;
  type?: string;
  draftIteration?: LdIteration;
  previousIterations?: LdIteration[];
  analysisConfig?: LdAnalysisConfig;
  mutableFieldsByStatus?: Partial<Record<IterationStatus, Record<string, string[]>>>;
}

export interface LdVariation {
  _id?: string;
  value: unknown;
  name?: string;
  description?: string;
}

export interface LdRule {
  _id?: string;
  disabled?: boolean;
  variation?: number;
  rollout?: unknown;
  clauses: unknown[];
  trackEvents?: boolean;
  description?: string;
  ref?: string;
}

export interface LdFlagEnvironment {
  on: boolean;
  archived: boolean;
  version: number;
  rules?: LdRule[];
  fallthrough?: { variation?: number; rollout?: unknown };
  offVariation?: number;
}

export interface LdFlag {
  key: string;
  name: string;
  kind: string;
  _version: number;
  archived: boolean;
  variations: LdVariation[];
  environments: Record<string, LdFlagEnvironment>;
}

export interface LdMetric {
  _id: string;
  _versionId: string;
  key: string;
  name: string;
  kind: string;
  isNumeric?: boolean;
  eventKey?: string;
  archived?: boolean;
}

export interface LdMetricGroup {
  _id: string;
  key: string;
  name: string;
  kind: string;
  metrics: LdMetricInGroup[];
}

export interface LdRelatedExperiment {
  key: string;
  name: string;
  environment: string;
  href?: string;
  type?: string;
}

/** HoldoutDetailRep: key and name live in `baseExperiment`, never at the top level. */
export interface LdHoldout {
  _id: string;
  status: 'created' | 'enabled' | 'running' | 'ended';
  description?: string;
  /** A string in the API ("5"). */
  holdoutAmount: string;
  createdAt: number;
  updatedAt: number;
  baseExperiment: LdExperiment;
  isDirty?: boolean;
  relatedExperiments?: LdExperiment[];
  experiments?: LdRelatedExperiment[];
}

export interface LdContextKind {
  key: string;
  name: string;
  archived?: boolean;
}

export interface LdRandomizationUnit {
  randomizationUnit: string;
  default?: boolean;
  _hidden?: boolean;
  _displayName?: string;
}

/** One semantic-patch instruction: `kind` plus its parameters. */
export interface LdInstruction {
  kind: string;
  [parameter: string]: unknown;
}

export interface LdErrorBody {
  code: string;
  message: string;
  id?: string;
}
