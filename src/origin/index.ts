export { changesState, labelOrigins, originOf, withoutOrigins } from './label.js';
export type { BaseComparison, ThreeValues } from './label.js';
export { driftReport } from './drift.js';
export type { DriftEntry, DriftReport } from './drift.js';
