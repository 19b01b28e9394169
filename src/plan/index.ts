export { analysisConfigInput, experimentPost, holdoutPost, iterationInput } from './bodies.js';
export { planChanges, type PlanInput } from './build.js';
export { computePlanHash, fingerprintLive } from './fingerprint.js';
export { LIFECYCLE } from './lifecycle.js';
export * from './types.js';
