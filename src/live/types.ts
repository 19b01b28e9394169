/** The live model: what LaunchDarkly holds for the targets a run touches, read once per run. */
import type { Target } from '../types.js';
import type { LdContextKind, LdExperiment, LdFlag, LdHoldout, LdMetric, LdMetricGroup } from './ld-types.js';

/** Project-wide things, shared by all environments of a project. */
export interface LiveProject {
  key: string;
  /** Only the flags some manifest or live experiment refers to; each fetched once with every environment needed. */
  flags: Map<string, LdFlag>;
  /** Flag keys that were asked for and do not exist (404). */
  missingFlags: Set<string>;
  /** Every (unarchived) flag key of the project; listed only when some flag is missing, to suggest candidates. */
  flagKeys?: string[];
  metrics: Map<string, LdMetric>;
  metricGroups: Map<string, LdMetricGroup>;
  contextKinds: LdContextKind[];
  /** Randomization units from experimentation settings. */
  randomizationUnits: string[];
}

/** One project + environment. */
export interface LiveEnvironment extends Target {
  /** Active and archived experiments, expanded (treatments, draftIteration, metrics, analysisConfig…). */
  experiments: LdExperiment[];
  /** HoldoutDetailRep per holdout, fetched by key with related experiments. */
  holdouts: LdHoldout[];
}

export interface LiveState {
  baseUrl: string;
  projects: Map<string, LiveProject>;
  environments: LiveEnvironment[];
}

/** What fetchLive must read: targets plus the flags each project needs. */
export interface LiveRequest {
  targets: Target[];
  /** project key → flag keys referenced by manifests (flags of live experiments are added by fetchLive). */
  flagKeys: Map<string, Set<string>>;
}
