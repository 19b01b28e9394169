export { findManifestFiles, loadManifests, loadSchemas } from './load.js';
export { describeLimits, isWholeRun } from './scope.js';
export type { LoadOptions } from './load.js';
export { parseManifestText } from './parse.js';
export type { ParsedFile } from './parse.js';
export { createSourceMap } from './source-map.js';
export type { SourceMap } from './source-map.js';
export { parsePointer, pointerToPath, toPointer } from './pointer.js';
export type * from './types.js';
