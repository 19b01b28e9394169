export { validateDocuments } from './validate.js';
// compile.ts (ajv itself) is left out: a run uses the generated validators and never loads ajv.
export { manifestValidators } from './validators.js';
export type { CompiledSchemas, ManifestSchemas } from './compile.js';
export { sortProblems } from './problems.js';
export type { Rule, RuleContext } from './rules/index.js';
