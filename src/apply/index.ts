export { apply, type ApplyOptions } from './apply.js';
export { assertPlanIntact } from './intact.js';
export { checkFingerprints } from './stale.js';
export type { ApplyReport, StepOutcome } from './types.js';
