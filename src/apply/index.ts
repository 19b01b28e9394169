export { apply, type ApplyControl, type ApplyOptions } from './apply.js';
export { assertPlanIntact } from './intact.js';
export { assertFresh, checkFingerprints } from './stale.js';
export type { ApplyReport, StepOutcome } from './types.js';
