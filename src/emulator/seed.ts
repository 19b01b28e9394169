/** Loading and checking seed files (JSON or YAML). */
import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { LdexpError } from '../errors.js';
import { conditionProblems } from './conditions/check.js';
import { schemaProblems } from './schema-errors.js';
import { buildStore } from './seed-build.js';
import { seedSchema } from './seed-schema.js';
import type { EmulatorSeed } from './seed-types.js';

/** A seed that cannot be read, does not match the format, or refers to things it lacks. */
export class SeedError extends LdexpError {
  override readonly name = 'SeedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidSeed', message, 'user', options);
  }
}

// Compiled on first use: compiling costs ~100 ms, which every CLI start (even `--version`) paid.
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(seedSchema);
  return compiled;
}

/**
 * Parse and check a seed: structure against the seed schema, then its `conditions`, then references
 * (flags, variations, rules, metrics, holdouts) by building a throwaway store. Errors name the file and the path.
 */
export function parseSeed(text: string, fileName: string): EmulatorSeed {
  let data: unknown;
  try {
    data = fileName.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SeedError(`${fileName}: cannot parse: ${(error as Error).message}`, { cause: error });
  }
  const validate = validator();
  if (!validate(data)) {
    throw new SeedError(`${fileName}: invalid seed:\n${schemaProblems(validate.errors).join('\n')}`);
  }
  const seed = data as EmulatorSeed;
  const problems = seed.conditions === undefined ? [] : conditionProblems(seed.conditions, 'conditions');
  if (problems.length > 0) {
    throw new SeedError(`${fileName}: invalid seed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  try {
    buildStore(seed, () => 0);
  } catch (error) {
    throw new SeedError(`${fileName}: ${(error as Error).message}`, { cause: error });
  }
  return seed;
}

/** Read a seed file; `.json` is parsed as JSON, anything else as YAML. */
export async function loadSeed(file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedError(`${file}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  return parseSeed(text, file);
}
