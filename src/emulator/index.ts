export { startEmulator } from './server.js';
export type { EmulatorOptions, RequestLogEntry, RunningEmulator } from './server.js';
export { loadSeed, parseSeed, SeedError } from './seed.js';
export type * from './seed-types.js';
export { EmulatorStore } from './store.js';
export { SEMANTIC_PATCH_TYPE } from './request.js';
