export { diffAll, diffExperiment, diffHoldout } from './diff.js';
export { EXPERIMENT_FIELD_RULES, HOLDOUT_FIELD_RULES, type FieldCategory, type FieldRule } from './rules.js';
export type {
  Diffs,
  ExperimentDiff,
  FieldChange,
  HoldoutDiff,
  ResolvedExperiment,
  ResolvedHoldout,
  ResourceDiff,
} from './types.js';
