/**
 * The desired model: what validated manifests say, with documented defaults filled in and the
 * `variation:` shorthand expanded, but references (flags, variations, rules, metrics, holdouts)
 * still by name. `resolve/` turns names into LaunchDarkly IDs.
 */
import type { SourcePosition, Target } from '../types.js';

export type ExperimentState = 'draft' | 'running' | 'stopped' | 'archived';
export type HoldoutState = 'active' | 'ended';

/** A variation by name (then value), or one of the explicit forms. */
export type VariationRef = string | number | boolean | { id: string } | { name: string } | { value: unknown };
/** `fallthrough`, a rule by ref / _id / description, or an explicit form. */
export type RuleRef = string | { id: string } | { ref: string } | { description: string };
/** A metric key, or a metric group. */
export type MetricRef = string | { group: string };

export interface AnalysisSpec {
  bayesianThreshold?: number;
  significanceThreshold?: number;
  testDirection?: string;
  multipleComparisonCorrection?: { method: string; scope: string };
  sequentialTesting?: boolean;
}

/** Every setting of `spec.analysis`, in the manifest format's order. */
export const ANALYSIS_SETTINGS = [
  'bayesianThreshold',
  'significanceThreshold',
  'testDirection',
  'multipleComparisonCorrection',
  'sequentialTesting',
] as const satisfies readonly (keyof AnalysisSpec)[];

export interface FlagSpec {
  rule: RuleRef;
  notInExperiment?: VariationRef;
}

export interface TreatmentSpec {
  name: string;
  baseline: boolean;
  allocationPercent: number;
  /** One entry per flag of the iteration (the `variation:` shorthand is expanded here). */
  variations: Record<string, VariationRef>;
}

export interface IterationSpec {
  hypothesis: string;
  /** Default `user`. */
  randomizationUnit: string;
  attributes?: string[];
  /** Default true. */
  canReshuffleTraffic: boolean;
  reallocationFrequencyMillis?: number;
  primaryMetric?: string;
  primaryFunnel?: string;
  /** As written; the primary is added by resolve when missing. */
  metrics: MetricRef[];
  flags: Record<string, FlagSpec>;
  treatments: TreatmentSpec[];
  changeJustification?: string;
  /** The 1-based number of the running iteration a restart may end (acknowledges one restart). */
  replacesIteration?: number;
}

export interface ExperimentSpec {
  name: string;
  description?: string;
  maintainerId?: string;
  tags?: string[];
  /** Default `bayesian`. */
  methodology: string;
  /** Default `launchdarkly`. */
  dataSource: string;
  /** Default `experiment`. */
  type: string;
  analysis?: AnalysisSpec;
  /** A holdout key; `null` = leave the holdout (irreversible); absent = membership not managed. */
  holdout?: string | null;
  state: ExperimentState;
  iteration: IterationSpec;
  stop?: { winner: string; reason?: string };
}

export interface HoldoutSpec {
  name: string;
  description?: string;
  randomizationUnit: string;
  attributes?: string[];
  holdoutAmount: number;
  primaryMetric: string;
  metrics: MetricRef[];
  prerequisiteFlag?: string;
  maintainerId?: string;
  state: HoldoutState;
}

/** Where a document came from, and how to point back into it. */
export interface ManifestSource {
  file: string;
  /** 0-based index of the YAML document inside the file. */
  documentIndex: number;
  /** Position of the value at a JSON pointer of the document ('' = the document); falls back to the nearest ancestor. */
  locate(pointer: string): SourcePosition;
}

/**
 * One experiment in one environment. `environments: [a, b]` in a manifest yields one per
 * environment, all sharing a source.
 */
export interface ExperimentManifest extends Target {
  kind: 'Experiment';
  key: string;
  spec: ExperimentSpec;
  source: ManifestSource;
  /** Pointers of fields owned elsewhere (`spec.ignore` plus the Config's `ignore`), sorted; absent when none. */
  ownedElsewhere?: string[];
}

export interface HoldoutManifest extends Target {
  kind: 'Holdout';
  key: string;
  spec: HoldoutSpec;
  source: ManifestSource;
  /** Pointers of fields owned elsewhere, as for experiments. */
  ownedElsewhere?: string[];
}

export interface ManifestConfig {
  /** The file holding the Config document (named as in problems); absent without one. */
  file?: string;
  project?: string;
  environment?: string;
  /** Default false. */
  prune: boolean;
  /** Default `ldexp-managed`. */
  managedTag: string;
  /** `project/environment` patterns (`project/*` for every environment); absent = any target. */
  allowedTargets?: string[];
  /** Field pointers owned elsewhere in every document of a kind that has them. */
  ignore?: string[];
  /** Globs (relative to the Config's folder) of files that are not manifests. */
  exclude?: string[];
}

export interface ManifestSet {
  config: ManifestConfig;
  experiments: ExperimentManifest[];
  holdouts: HoldoutManifest[];
  /** Every file read, for messages ("read 7 documents from 4 files"). */
  files: string[];
  /** How much of the managed set this run sees; pruning needs all of it. */
  scope: RunScope;
}

/**
 * The managed set is every manifest under the folder of the Config document: pruning archives
 * what that set no longer describes, so a run that sees only part of it must not prune. Each
 * limit says what narrows the run. A `--target` without a key does not narrow it: every document
 * of the selected targets is in the run, and pruning only looks at the targets the run reads.
 */
export interface RunScope {
  /** The Config document's folder (named as files are in problems), when the run has a Config. */
  configFolder?: string;
  /** Empty when the run sees the whole managed set. */
  limits: ScopeLimit[];
}

/** Manifest files under the Config's folder that the paths given leave out. */
export interface UnreadFilesLimit {
  kind: 'unreadFiles';
  files: string[];
}

/** `--target` selectors with a key: the rest of their targets' documents are left out. */
export interface TargetKeysLimit {
  kind: 'targetKeys';
  /** The selectors, as given (`project/environment/key`). */
  targets: string[];
}

export type ScopeLimit = UnreadFilesLimit | TargetKeysLimit;

/** Command-line / Action overrides; metadata in a document wins over these, these over Config. */
export interface TargetDefaults {
  project?: string;
  environment?: string;
  /**
   * `--allow-target` / the Action's `allowed-targets`: narrows, never widens, the Config's
   * `allowedTargets` (a target must be in every list given).
   */
  allowedTargets?: readonly string[];
  /**
   * `--target`, repeated: only documents of these targets (`project/environment[/key]`) take part;
   * documents are not changed (see src/manifest/select.ts).
   */
  targets?: readonly string[];
}

/** One YAML document after parsing and before validation: plain JSON data plus a way back into the file. */
export interface ParsedDocument extends ManifestSource {
  /** The document as plain data (`toJS`); validation never mutates or returns it. */
  data: unknown;
  /** Like `locate`, but for a mapping entry the position of its key (unknown fields, duplicate keys). */
  locateKey(pointer: string): SourcePosition;
  /** Where a later stage's problem about a value points (see SourceMap.locateSubject). */
  locateSubject(pointer: string): SourcePosition;
}

/** The parsed contents of `schemas/*.schema.json`, read by the load stage for the validate stage. */
export interface ManifestSchemas {
  experiment: object;
  holdout: object;
  config: object;
  manifest: object;
}
