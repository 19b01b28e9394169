/** Reading and checking conditions: from a file, a seed's `conditions:` key, or code. */
import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { LdexpError } from '../../errors.js';
import { schemaProblems } from '../schema-errors.js';
import { conditionProblems } from './check.js';
import { conditionsSchema } from './schema.js';
import type { EmulatorConditions } from './types.js';

/** Conditions that cannot be read, do not match the format, or name what the emulator lacks. */
export class ConditionsError extends LdexpError {
  override readonly name = 'ConditionsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidEmulatorConditions', message, 'user', options);
  }
}

// Compiled on first use: compiling costs ~100 ms, which every CLI start (even `--version`) paid.
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(conditionsSchema);
  return compiled;
}

/** Check conditions given in code or already parsed; throws a `ConditionsError` naming `source`. */
export function checkConditions(data: unknown, source: string): EmulatorConditions {
  const validate = validator();
  if (!validate(data)) {
    throw new ConditionsError(`${source}: invalid conditions:\n${schemaProblems(validate.errors).join('\n')}`);
  }
  const conditions = data as EmulatorConditions;
  const problems = conditionProblems(conditions, '');
  if (problems.length > 0) {
    throw new ConditionsError(`${source}: invalid conditions:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return conditions;
}

/** Parse conditions text; `.json` files as JSON, anything else as YAML. */
export function parseConditions(text: string, fileName: string): EmulatorConditions {
  let data: unknown;
  try {
    data = fileName.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConditionsError(`${fileName}: cannot parse: ${(error as Error).message}`, { cause: error });
  }
  return checkConditions(data, fileName);
}

/** Read a conditions file (what `LDEXP_EMULATOR_CONDITIONS` names). */
export async function loadConditions(file: string): Promise<EmulatorConditions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConditionsError(`${file}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  return parseConditions(text, file);
}
