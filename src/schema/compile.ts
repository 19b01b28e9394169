/**
 * Compile the manifest JSON Schemas once. The schemas are data handed in by the caller (the load
 * stage reads them from the package's `schemas/` folder), so this stage stays free of I/O.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

import type { ManifestSchemas } from '../manifest/types.js';
import type { ConfigDocument, ExperimentDocument, HoldoutDocument } from './documents.js';

export interface CompiledSchemas {
  Experiment: ValidateFunction<ExperimentDocument>;
  Holdout: ValidateFunction<HoldoutDocument>;
  Config: ValidateFunction<ConfigDocument>;
}

/** Compile every schema (ajv, allErrors) and return one validator per kind. */
export function compileSchemas(schemas: ManifestSchemas): CompiledSchemas {
  // verbose: errors carry the failing data and parent schema, which messages quote.
  // allowUnionTypes: a variation reference may be a string, number or boolean.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  ajv.addSchema([schemas.experiment, schemas.holdout, schemas.config]);
  // Compiled only to prove the editors' entry schema resolves; validation dispatches on kind itself.
  ajv.compile(schemas.manifest);
  return {
    Experiment: ajv.compile<ExperimentDocument>(schemas.experiment),
    Holdout: ajv.compile<HoldoutDocument>(schemas.holdout),
    Config: ajv.compile<ConfigDocument>(schemas.config),
  };
}
