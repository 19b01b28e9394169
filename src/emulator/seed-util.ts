/** Helpers shared by the seed builders. */
import type { VariationState } from './state.js';

/** Timestamps of seeded objects: 2026-01-01T00:00:00Z. */
export const SEED_EPOCH = Date.UTC(2026, 0, 1);

/** A variation named by index, name, `_id` or value; throws with the candidates. */
export function variationIndex(
  variations: readonly VariationState[],
  ref: string | number | boolean,
  path: string,
): number {
  if (typeof ref === 'number' && Number.isInteger(ref) && ref >= 0 && ref < variations.length) return ref;
  const byName = variations.findIndex((v) => v.name === ref || v._id === ref);
  if (byName >= 0) return byName;
  const byValue = variations.findIndex(
    (v) => v.value === ref || (typeof ref === 'string' && JSON.stringify(v.value) === ref),
  );
  if (byValue >= 0) return byValue;
  const candidates = variations.map((v) => v.name ?? JSON.stringify(v.value)).join(', ');
  throw new Error(`${path}: unknown variation ${JSON.stringify(ref)} (${candidates})`);
}
