/** Problems that point back into a manifest. */
import type { ManifestSource } from '../manifest/types.js';
import type { Problem, Severity } from '../types.js';

/** A problem at a JSON pointer of a manifest document, positioned through its source map. */
export function problemAt(
  source: ManifestSource,
  pointer: string,
  code: string,
  message: string,
  options: { severity?: Severity; candidates?: string[] } = {},
): Problem {
  const problem: Problem = {
    severity: options.severity ?? 'error',
    code,
    message,
    position: source.locate(pointer),
    pointer,
  };
  if (options.candidates) problem.candidates = options.candidates;
  return problem;
}

/** Escape one JSON-pointer token (RFC 6901). */
export function token(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Join tokens into a JSON pointer. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${token(t)}`).join('');
}
