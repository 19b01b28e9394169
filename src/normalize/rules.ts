/** Small canonicalisation rules shared by both sides. */
import { compareCodeUnits } from '../util/compare.js';
import type { CanonicalMetric, CanonicalTreatment } from './types.js';

/** Sets (tags, attributes) compare without order or duplicates. */
export function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** LaunchDarkly sends numbers as strings ("50"); compare them as numbers. A non-number reads as 0, never NaN (NaN is unequal to itself: a perma-diff). */
export function toNumber(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Metrics are a set keyed by (key, isGroup); the primary is always part of it. */
export function metricSet(
  primary: CanonicalMetric | undefined,
  metrics: readonly CanonicalMetric[],
): CanonicalMetric[] {
  const byId = new Map<string, CanonicalMetric>();
  for (const m of primary ? [primary, ...metrics] : metrics)
    byId.set(`${m.key}\u0000${String(m.isGroup)}`, { key: m.key, isGroup: m.isGroup });
  return [...byId.values()].sort((a, b) => compareCodeUnits(a.key, b.key) || Number(a.isGroup) - Number(b.isGroup));
}

/** Treatments are identified by name; their parameters by flag key. */
export function sortTreatments(treatments: readonly CanonicalTreatment[]): CanonicalTreatment[] {
  return treatments
    .map((t) => ({ ...t, parameters: [...t.parameters].sort((a, b) => compareCodeUnits(a.flagKey, b.flagKey)) }))
    .sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** Objects keyed by flag key are built in key order so their JSON is stable. */
export function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareCodeUnits(a, b)));
}
