export { normalizeAll } from './normalize.js';
export { applyOwnership } from './ownership.js';
export { canonicalFromDesired, canonicalFromLive, canonicalInEnvironment, withoutUnmanaged } from './experiment.js';
export { canonicalHoldoutFromDesired, canonicalHoldoutFromLive, comparableHoldouts } from './holdout.js';
export { metricSet, sortedSet, toNumber } from './rules.js';
export {
  comparedIteration,
  iterationNumber,
  iterationState,
  liveStatus,
  runningIterationNumber,
  type IterationState,
  type LiveStatus,
} from './status.js';
export type {
  CanonicalAnalysis,
  CanonicalExperiment,
  CanonicalFlag,
  CanonicalHoldout,
  CanonicalIteration,
  CanonicalMetric,
  CanonicalTreatment,
  Normalized,
  NormalizedExperiment,
  NormalizedHoldout,
} from './types.js';
