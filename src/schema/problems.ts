/** Ordering problems and describing values and places for their messages. */
import { compareCodeUnits } from '../util/compare.js';
import type { Problem } from '../types.js';

/** Problems in file, line, column order; problems without a position (about the run) come first. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareCodeUnits(a.position?.file ?? '', b.position?.file ?? '') ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

/** `file:line:column` of a position, for messages that point at another place. */
export function formatPosition(position: { file: string; line: number; column: number }): string {
  return `${position.file}:${String(position.line)}:${String(position.column)}`;
}

/** A short, stable description of a value for "found ..." in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}
