export { compareWithBase, loadBase, withBaseResources } from './compare.js';
export type { BaseOption, LoadedBase } from './compare.js';
