/** Problems that point back into a manifest, from any stage: schema, resolve and plan alike. */
import type { Problem, Severity, SourcePosition } from '../types.js';

/** Something that maps a JSON pointer back to its place in a file: a parsed document or a manifest's source. */
export interface Locatable {
  locate(pointer: string): SourcePosition;
  /** For a mapping entry, the position of its key rather than its value. */
  locateKey?(pointer: string): SourcePosition;
}

export interface ProblemOptions {
  severity?: Severity;
  candidates?: string[];
  /** Point at the key of the mapping entry rather than its value (unknown fields, duplicates). */
  atKey?: boolean;
}

/** A problem about the value at `pointer`, positioned through the document's source map. */
export function problemAt(
  source: Locatable,
  pointer: string,
  code: string,
  message: string,
  options: ProblemOptions = {},
): Problem {
  const position = options.atKey && source.locateKey ? source.locateKey(pointer) : source.locate(pointer);
  const problem: Problem = { severity: options.severity ?? 'error', code, message, position, pointer };
  if (options.candidates) problem.candidates = options.candidates;
  return problem;
}
