export { diffAll, diffExperiment, diffHoldout } from './diff.js';
export { fieldChanges, flattenExperiment, flattenHoldout, IDENTITY_NAMES, type Shown } from './display.js';
export { EXPERIMENT_FIELD_RULES, HOLDOUT_FIELD_RULES, ruleFor, type FieldCategory, type FieldRule } from './rules.js';
export type {
  Diffs,
  ExperimentDiff,
  FieldChange,
  HoldoutDiff,
  ResolvedExperiment,
  ResolvedHoldout,
  ResourceDiff,
} from './types.js';
