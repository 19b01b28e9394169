/** Building and ordering problems that point into a document. */
import type { ParsedDocument } from '../manifest/types.js';
import type { Problem, Severity } from '../types.js';

export interface ReportOptions {
  severity?: Severity;
  candidates?: string[];
  /** Point at the key of the mapping entry rather than its value (unknown fields, duplicates). */
  atKey?: boolean;
}

/** A problem about the value at `pointer` in `doc`, positioned through the document's source map. */
export function problemAt(
  doc: ParsedDocument,
  pointer: string,
  code: string,
  message: string,
  options: ReportOptions = {},
): Problem {
  return {
    severity: options.severity ?? 'error',
    code,
    message,
    position: options.atKey ? doc.locateKey(pointer) : doc.locate(pointer),
    pointer,
    ...(options.candidates && { candidates: options.candidates }),
  };
}

/** Problems in file, line, column order; problems without a position (about the run) come first. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.position?.file ?? '', b.position?.file ?? '') ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

// Code-unit order, not locale order, so the output is the same on every machine.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
