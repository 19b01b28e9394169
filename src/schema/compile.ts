/**
 * How the manifest JSON Schemas become validators, in one place: ahead of time as standalone code
 * (`generated/validators.ts`, what ldexp runs), in tests compiled in-process. Both use the same
 * ajv options, so the two cannot disagree on a message.
 */
import { Ajv } from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

import type { ConfigDocument, ExperimentDocument, HoldoutDocument } from './documents.js';

/** The parsed contents of `schemas/*.schema.json`. */
export interface ManifestSchemas {
  experiment: object;
  holdout: object;
  config: object;
  manifest: object;
}

export interface CompiledSchemas {
  Experiment: ValidateFunction<ExperimentDocument>;
  Holdout: ValidateFunction<HoldoutDocument>;
  Config: ValidateFunction<ConfigDocument>;
}

// verbose: errors carry the failing data and parent schema, which messages quote.
// allowUnionTypes: a variation reference may be a string, number or boolean.
const OPTIONS: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };

/** Compile every schema (ajv, allErrors) and return one validator per kind. */
export function compileSchemas(schemas: ManifestSchemas): CompiledSchemas {
  const ajv = withSchemas(new Ajv(OPTIONS), schemas);
  return {
    Experiment: ajv.compile<ExperimentDocument>(schemas.experiment),
    Holdout: ajv.compile<HoldoutDocument>(schemas.holdout),
    Config: ajv.compile<ConfigDocument>(schemas.config),
  };
}

export const GENERATED_HEADER = `// @ts-nocheck -- generated from schemas/*.schema.json by ajv standalone; do not edit.
// Refresh after changing a schema: npm run generate:validators
/* eslint-disable */
`;

/** Runtime helpers ajv's standalone code requires; ldexp runs as ESM, where `require` is undefined. */
const RUNTIME = /require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g;

/**
 * Each helper is a CommonJS module exporting `default`. Node and esbuild import such a module as
 * its `module.exports`, vitest as the `default` inside it: the generated code accepts both.
 */
const RUNTIME_INTEROP = 'const ajvRuntime = (module) => (typeof module === "function" ? module : module.default);\n';

/**
 * The validators as one ES module: `Experiment`, `Holdout` and `Config` exports with the same
 * behaviour as `compileSchemas`, and the schemas themselves inlined (nothing is read at run time).
 */
export function standaloneValidators(schemas: ManifestSchemas): string {
  const ajv = withSchemas(new Ajv({ ...OPTIONS, code: { source: true, esm: true, lines: true } }), schemas);
  const ids = { Experiment: idOf(schemas.experiment), Holdout: idOf(schemas.holdout), Config: idOf(schemas.config) };
  // A CommonJS module whose default export is the function; ESM sees it as `.default`.
  const code = standalone.default(ajv, ids);
  const modules = [...new Set([...code.matchAll(RUNTIME)].map((match) => match[1] ?? ''))].sort();
  const local = (module: string): string => `ajvRuntime_${module.slice(module.lastIndexOf('/') + 1)}`;
  const imports = modules.map((module) => `import ${local(module)} from "${module}.js";\n`).join('');
  // ES modules are strict already; the directive would be a stray expression after the imports.
  const body = code
    .replace(/^"use strict";\n?/, '')
    .replace(RUNTIME, (_: string, module: string) => `ajvRuntime(${local(module)})`);
  return `${GENERATED_HEADER}${imports}${RUNTIME_INTEROP}${body}\n`;
}

function withSchemas(ajv: Ajv, schemas: ManifestSchemas): Ajv {
  ajv.addSchema([schemas.experiment, schemas.holdout, schemas.config]);
  // Compiled only to prove the editors' entry schema resolves; validation dispatches on kind itself.
  ajv.compile(schemas.manifest);
  return ajv;
}

function idOf(schema: object): string {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('every manifest schema has an $id');
  return id;
}
