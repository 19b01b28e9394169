/**
 * Request-body checks. Each returns the typed value or throws a 400 naming the offending path,
 * which is how LaunchDarkly reports invalid bodies (`invalid_request` with a message).
 */
import { badRequest } from './http-error.js';
import { isRecord } from '../util/records.js';

export type Body = Record<string, unknown>;

/** The value must be a JSON object. */
export function asObject(value: unknown, path: string): Body {
  if (!isRecord(value)) throw badRequest(`${path} must be an object`);
  return value;
}

/** A required non-empty string member. */
export function reqString(obj: Body, key: string, path: string): string {
  const value = obj[key];
  if (value === undefined || value === null) throw badRequest(`${path}.${key} is required`);
  if (typeof value !== 'string') throw badRequest(`${path}.${key} must be a string`);
  if (value.trim() === '') throw badRequest(`${path}.${key} must not be empty`);
  return value;
}

/** An optional string member (empty allowed). */
export function optString(obj: Body, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${path}.${key} must be a string`);
  return value;
}

/** An optional boolean member. */
export function optBool(obj: Body, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${path}.${key} must be a boolean`);
  return value;
}

/** A required boolean member. */
export function reqBool(obj: Body, key: string, path: string): boolean {
  const value = optBool(obj, key, path);
  if (value === undefined) throw badRequest(`${path}.${key} is required`);
  return value;
}

/** An optional integer member. */
export function optInt(obj: Body, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(`${path}.${key} must be an integer`);
  }
  return value;
}

/** A required integer member. */
export function reqInt(obj: Body, key: string, path: string): number {
  const value = optInt(obj, key, path);
  if (value === undefined) throw badRequest(`${path}.${key} is required`);
  return value;
}

/** A required array member. */
export function reqArray(obj: Body, key: string, path: string): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) throw badRequest(`${path}.${key} is required`);
  if (!Array.isArray(value)) throw badRequest(`${path}.${key} must be an array`);
  return value;
}

/** An optional array of strings. */
export function optStringArray(obj: Body, key: string, path: string): string[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  return stringArray(value, `${path}.${key}`);
}

/** The value must be an array of strings. */
export function stringArray(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest(`${path} must be an array of strings`);
  }
  return value;
}

/** An optional enum member. */
export function optEnum<T extends string>(obj: Body, key: string, allowed: readonly T[], path: string): T | undefined {
  const value = optString(obj, key, path);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`${path}.${key} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * A percentage sent as a string ("10", "33.5"), as the document declares `allocationPercent` and
 * `holdoutamount`. Choice: a JSON number is refused (400) because the schema says string.
 */
export function percentString(obj: Body, key: string, path: string): string {
  const value = obj[key];
  if (value === undefined || value === null) throw badRequest(`${path}.${key} is required`);
  if (typeof value !== 'string') {
    throw badRequest(`${path}.${key} must be a string holding a number (e.g. "50")`);
  }
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw badRequest(`${path}.${key} must be a number between 0 and 100, got "${value}"`);
  }
  return value;
}
