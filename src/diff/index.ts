export { diffHoldout, diffResource } from './diff.js';
export { fieldChanges, flattenExperiment, flattenHoldout, IDENTITY_NAMES } from './display.js';
export {
  EXPERIMENT_FIELD_RULES,
  HOLDOUT_MUTABLE_FIELDS,
  ruleFor,
  type FieldCategory,
  type FieldRule,
} from './rules.js';
export type { ResourceDiff } from './types.js';
