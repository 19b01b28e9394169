/**
 * ajv errors → Problems: one stable code per keyword, a message that says what was expected and
 * what is there, and the position of the offending value. The noise of `anyOf` (one error per
 * failed branch) collapses into a single problem about the whole value.
 */
import type { ErrorObject } from 'ajv';

import { childPointer, pointerToPath } from '../util/json-pointer.js';
import type { ParsedDocument } from '../manifest/types.js';
import type { Problem } from '../types.js';
import { problemAt } from '../manifest/problem.js';
import { describeValue } from './problems.js';

export const KEY_PATTERN = '^[A-Za-z0-9._-]+$';
const KEY_RULE = "letters, digits, '.', '_' or '-'";

const CODES: Record<string, string> = {
  type: 'SchemaType',
  anyOf: 'SchemaType',
  oneOf: 'SchemaType',
  required: 'SchemaRequired',
  additionalProperties: 'SchemaUnknownField',
  enum: 'SchemaEnum',
  const: 'SchemaEnum',
  pattern: 'SchemaPattern',
  minimum: 'SchemaRange',
  maximum: 'SchemaRange',
  exclusiveMinimum: 'SchemaRange',
  exclusiveMaximum: 'SchemaRange',
  minItems: 'SchemaMinItems',
  maxItems: 'SchemaMaxItems',
  uniqueItems: 'SchemaUniqueItems',
  minProperties: 'SchemaMinProperties',
  minLength: 'SchemaMinLength',
};

/** Turn the errors of one validation into problems about `doc`, without duplicates. */
export function flattenErrors(doc: ParsedDocument, errors: readonly ErrorObject[]): Problem[] {
  const problems = withoutNoise(errors).map((error) => toProblem(doc, error));
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.code}\u0000${p.pointer ?? ''}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Drop the per-branch errors under a failed anyOf/oneOf, and propertyNames wrappers. */
function withoutNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const insideUnion = (e: ErrorObject): boolean =>
    unions.some(
      (u) =>
        e !== u &&
        e.schemaPath.startsWith(`${u.schemaPath}/`) &&
        (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)),
    );
  return errors.filter((e) => e.keyword !== 'propertyNames' && !insideUnion(e));
}

function toProblem(doc: ParsedDocument, error: ErrorObject): Problem {
  const code = CODES[error.keyword] ?? 'SchemaInvalid';
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const pointer = childPointer(error.instancePath, missing);
      return problemAt(doc, pointer, code, `${path}: missing required field "${missing}"${choicesOf(error, missing)}`);
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(propertiesOf(error.parentSchema));
      const message = `${path}: unknown field "${field}"; allowed fields: ${allowed.join(', ')}`;
      return problemAt(doc, childPointer(error.instancePath, field), code, message, {
        atKey: true,
        candidates: allowed,
      });
    }
    case 'uniqueItems': {
      const pointer = childPointer(error.instancePath, Number(params.i));
      const message = `${path}: items ${String(params.j)} and ${String(params.i)} are equal; list each value once`;
      return problemAt(doc, pointer, code, message);
    }
    default:
      break;
  }
  if (error.propertyName !== undefined) {
    const pointer = childPointer(error.instancePath, error.propertyName);
    const message = `${path}: key "${error.propertyName}" is not valid: ${expected(error)}`;
    return problemAt(doc, pointer, code, message, { atKey: true });
  }
  const message = `${path}: ${expected(error)}, found ${found(error)}`;
  const candidates = error.keyword === 'enum' ? (params.allowedValues as unknown[]).map(String) : undefined;
  return problemAt(doc, error.instancePath, code, message, candidates ? { candidates } : {});
}

/** "expected …" for keywords whose problem is the value itself. */
function expected(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'type':
      return `expected ${[params.type].flat().map(String).join(' or ')}`;
    case 'anyOf':
    case 'oneOf':
      return `expected ${titleOf(error.parentSchema) ?? 'a valid value'}`;
    case 'enum':
      return `expected one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `expected ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return params.pattern === KEY_PATTERN
        ? `expected a key of ${KEY_RULE}`
        : `expected a string matching ${String(params.pattern)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${String(params.comparison)} ${limit}`;
    case 'minItems':
      return `expected at least ${limit} item(s)`;
    case 'maxItems':
      return `expected at most ${limit} items`;
    case 'minProperties':
      return `expected at least ${limit} entry`;
    case 'minLength':
      return limit === '1' ? 'expected a non-empty string' : `expected at least ${limit} characters`;
    default:
      return error.message ?? 'invalid value';
  }
}

function found(error: ErrorObject): string {
  const data: unknown = error.data;
  if (Array.isArray(data) && /^(min|max)Items$/.test(error.keyword)) return String(data.length);
  if (error.keyword === 'minProperties' && typeof data === 'object' && data !== null) {
    return String(Object.keys(data).length);
  }
  return describeValue(data);
}

function propertiesOf(schema: unknown): Record<string, { enum?: unknown[] }> {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return {};
  return schema.properties as Record<string, { enum?: unknown[] }>;
}

function titleOf(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || !('title' in schema)) return undefined;
  return typeof schema.title === 'string' ? schema.title : undefined;
}

function choicesOf(error: ErrorObject, property: string): string {
  const choices = propertiesOf(error.parentSchema)[property]?.enum;
  return choices ? ` (${choices.map(String).join(' | ')})` : '';
}
