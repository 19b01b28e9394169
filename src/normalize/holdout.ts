/** Canonical holdouts from both sides, and the comparison mask for fields live cannot report. */
import type { LdHoldout } from '../live/ld-types.js';
import type { ResolvedHoldout } from '../resolve/types.js';
import { metricSet, sortedSet, toNumber } from './rules.js';
import { comparedIteration } from './status.js';
import type { CanonicalHoldout } from './types.js';

/** The desired holdout in canonical form (`state` is lifecycle, not a field, and is left out). */
export function canonicalHoldoutFromDesired(resolved: ResolvedHoldout): CanonicalHoldout {
  const spec = resolved.manifest.spec;
  const out: CanonicalHoldout = {
    name: spec.name,
    randomizationUnit: spec.randomizationUnit,
    holdoutAmount: spec.holdoutAmount,
    primaryMetric: spec.primaryMetric,
    metrics: metricSet(undefined, resolved.metrics),
  };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.attributes) out.attributes = sortedSet(spec.attributes);
  if (spec.maintainerId !== undefined) out.maintainerId = spec.maintainerId;
  return out;
}

/**
 * The live holdout in canonical form. HoldoutRep has no top-level key/name: they live on the base
 * experiment, and so do the iteration fields (unit, attributes, metrics). The prerequisite flag is
 * not readable from HoldoutRep at all, so it is never compared.
 */
export function canonicalHoldoutFromLive(holdout: LdHoldout): CanonicalHoldout {
  const base = holdout.baseExperiment;
  const it = comparedIteration(base);
  const out: CanonicalHoldout = {
    name: base.name,
    holdoutAmount: toNumber(holdout.holdoutAmount) ?? 0,
  };
  const description = holdout.description ?? base.description;
  if (description !== undefined) out.description = description;
  if (it?.randomizationUnit !== undefined) out.randomizationUnit = it.randomizationUnit;
  if (it?.attributes !== undefined) out.attributes = sortedSet(it.attributes);
  if (it?.primarySingleMetric) out.primaryMetric = it.primarySingleMetric.key;
  if (it?.metrics) out.metrics = metricSet(undefined, it.metrics);
  if (base._maintainerId) out.maintainerId = base._maintainerId;
  return out;
}

const JUDGED_ONLY_WHEN_BOTH = new Set(['randomizationUnit', 'attributes', 'primaryMetric', 'metrics', 'maintainerId']);

/**
 * Compare only what both sides state: a field the manifest omits is unmanaged, and a field live
 * does not report cannot be judged (reporting it as changed would be a permanent false error,
 * since holdout fields are immutable). Returns copies.
 */
export function comparableHoldouts(
  desired: CanonicalHoldout,
  live: CanonicalHoldout,
): { desired: CanonicalHoldout; live: CanonicalHoldout } {
  const d: CanonicalHoldout = structuredClone(desired);
  const l: CanonicalHoldout = structuredClone(live);
  // The description is managed when the manifest states it; LaunchDarkly omits an empty one.
  if (d.description === undefined) delete l.description;
  else l.description ??= '';
  const judged = (key: string): boolean =>
    !JUDGED_ONLY_WHEN_BOTH.has(key) ||
    (key in d &&
      key in l &&
      d[key as keyof CanonicalHoldout] !== undefined &&
      l[key as keyof CanonicalHoldout] !== undefined);
  const keep = (h: CanonicalHoldout): CanonicalHoldout =>
    Object.fromEntries(Object.entries(h).filter(([key]) => judged(key))) as unknown as CanonicalHoldout;
  return { desired: keep(d), live: keep(l) };
}
