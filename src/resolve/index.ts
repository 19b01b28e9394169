export { closestFirst } from './candidates.js';
export { resolveExperiment } from './experiment.js';
export { resolveHoldout } from './holdout.js';
export { resolveMetric, resolveRandomizationUnit } from './metrics.js';
export { nameBook, type NameBook } from './names.js';
export type { Outcome } from './outcome.js';
export { resolveAll, type Resolution } from './resolve.js';
export { describeRule, FALLTHROUGH, resolveRule } from './rules.js';
export type {
  HoldoutLink,
  MetricKey,
  ResolvedExperiment,
  ResolvedFlag,
  ResolvedHoldout,
  ResolvedTreatment,
} from './types.js';
export { describeVariation, resolveVariation } from './variations.js';
