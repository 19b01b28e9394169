export { validateDocuments } from './validate.js';
export { compileSchemas } from './compile.js';
export type { CompiledSchemas } from './compile.js';
export { sortProblems } from './problems.js';
export type { Rule, RuleContext } from './rules/index.js';
