/**
 * Which documents are ldexp's: the loader needs it before validation (a Config is found, and a run
 * with no ldexp document is refused, while reading), so it lives here and `schema/` reuses it.
 */

export type Kind = 'Experiment' | 'Holdout' | 'Config';
export const KINDS: readonly Kind[] = ['Experiment', 'Holdout', 'Config'];

const API_PREFIX = 'ldexp/';

/**
 * Whether a document is meant for ldexp: its apiVersion starts with `ldexp/`, or it has none but
 * names one of ldexp's kinds (a forgotten apiVersion must fail loudly: skipping the document would
 * let pruning archive its experiment). Everything else (a compose file, a workflow) is skipped.
 */
export function isLdexpDocument(data: unknown): boolean {
  // A list of what look like ldexp documents is a malformed manifest, not another tool's file.
  if (Array.isArray(data)) return data.some(isLdexpDocument);
  if (typeof data !== 'object' || data === null) return false;
  const { apiVersion, kind } = data as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion === 'string') return apiVersion.startsWith(API_PREFIX);
  return apiVersion === undefined && KINDS.some((k) => k === kind);
}
