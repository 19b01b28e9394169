export { findManifestFiles, loadManifests, readSchemas, runScope } from './load.js';
export { describeLimits, isWholeRun } from './scope.js';
export type { LoadedManifests, LoadOptions } from './load.js';
export { parseManifestText } from './parse.js';
export type { ParsedFile } from './parse.js';
export { createSourceMap } from './source-map.js';
export type { SourceMap } from './source-map.js';
export { problemAt, type Locatable, type ProblemOptions } from './problem.js';
export type * from './types.js';
