/**
 * The manifest validators ldexp runs: generated from `schemas/` ahead of time and committed (see
 * compile.ts; `npm run generate:validators` refreshes them), so no schema is read from disk or
 * compiled by ajv on a run, and a bundle carries them inline.
 */
import type { CompiledSchemas } from './compile.js';
import * as generated from './generated/validators.js';

export const manifestValidators: CompiledSchemas = {
  Experiment: generated.Experiment,
  Holdout: generated.Holdout,
  Config: generated.Config,
} as CompiledSchemas;
