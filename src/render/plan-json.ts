/** The plan file: stable JSON out, validated JSON in. */
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';

import { LdexpError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { PLAN_FORMAT_VERSION } from '../plan/types.js';
import { compareCodeUnits } from '../util/compare.js';
import { planSchema } from './plan-schema.js';

/** Top-level keys first in reading order; nested keys sorted, so equal plans give equal bytes. */
const TOP_LEVEL_ORDER = [
  'formatVersion',
  'hash',
  'target',
  'summary',
  'resources',
  'steps',
  'unmanaged',
  'warnings',
  'notices',
  'fingerprints',
];

/** The plan file text: 2-space indent, stable key order, trailing newline. */
export function renderPlanJson(plan: Plan): string {
  const top = plan as unknown as Record<string, unknown>;
  const known = TOP_LEVEL_ORDER.filter((key) => key in top);
  const rest = Object.keys(top)
    .filter((key) => !TOP_LEVEL_ORDER.includes(key))
    .sort();
  const ordered = Object.fromEntries([...known, ...rest].map((key) => [key, sortKeys(top[key])]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodeUnits(a, b));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Every schema violation as `/pointer message`; empty when the value is a valid plan. */
function schemaErrors(value: unknown): string[] {
  // Compiled on first use: most runs never read a plan file.
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(planSchema);
  if (validator(value)) return [];
  return (validator.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const detail = params.additionalProperty
    ? `: ${params.additionalProperty}`
    : params.allowedValues
      ? `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

/**
 * Read a plan file. Throws `LdexpError` `PlanFormatVersion` when it was written by another format
 * version, `InvalidPlanFile` (with every schema message) when it is not a valid plan.
 */
export function parsePlanJson(text: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LdexpError('InvalidPlanFile', `The plan file is not JSON: ${(error as Error).message}`, 'user', {
      cause: error,
    });
  }
  checkFormatVersion(value);
  const messages = schemaErrors(value);
  if (messages.length > 0) {
    throw new LdexpError(
      'InvalidPlanFile',
      `The plan file is not a valid ldexp plan:\n- ${messages.join('\n- ')}`,
      'user',
    );
  }
  return value as Plan;
}

function checkFormatVersion(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LdexpError('InvalidPlanFile', 'The plan file is not a JSON object', 'user');
  }
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new LdexpError(
      'PlanFormatVersion',
      `The plan file has formatVersion ${version === undefined ? 'missing' : JSON.stringify(version)}; this ldexp reads formatVersion ${String(PLAN_FORMAT_VERSION)}. Make the plan again with this version.`,
      'user',
    );
  }
}
