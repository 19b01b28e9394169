/**
 * Field ownership, applied once between resolve and everything after it: for a resource that
 * exists in LaunchDarkly, every field owned elsewhere (`spec.ignore`, the Config's `ignore`) takes
 * its live value in the desired model. Both sides then agree on it, so it is never diffed; and every
 * body built from the desired model (a whole new iteration, a whole `analysisConfig`) carries the
 * live value back unchanged instead of the manifest's. A resource that does not exist yet keeps the
 * manifest's value: its create sends what the manifest gives, and nothing for what it leaves out.
 */
import type { LiveState } from '../live/types.js';
import { pointerToPath } from '../manifest/pointer.js';
import type { AnalysisSpec, ExperimentSpec, HoldoutSpec } from '../manifest/types.js';
import { canonicalFromLive } from '../normalize/experiment.js';
import { canonicalHoldoutFromLive } from '../normalize/holdout.js';
import { comparedIteration } from '../normalize/status.js';
import type { CanonicalAnalysis, CanonicalExperiment, CanonicalHoldout } from '../normalize/types.js';
import { findLiveExperiment, findLiveHoldout, liveEnvironment } from '../resolve/context.js';
import { problemAt } from '../resolve/problem.js';
import type { Resolution } from '../resolve/resolve.js';
import type { ResolvedExperiment, ResolvedHoldout } from '../resolve/types.js';
import type { Problem } from '../types.js';

/** The resolution with live values in every owned-elsewhere field, and a warning per value the manifest gives in vain. */
export function applyOwnership(
  resolution: Resolution,
  live: LiveState,
): { resolution: Resolution; problems: Problem[] } {
  const problems: Problem[] = [];
  const experiments = resolution.experiments.map((r) => ownExperiment(r, live, problems));
  const holdouts = resolution.holdouts.map((r) => ownHoldout(r, live, problems));
  return { resolution: { ...resolution, experiments, holdouts }, problems };
}

type Spec = Record<string, unknown>;

function ownExperiment(r: ResolvedExperiment, live: LiveState, sink: Problem[]): ResolvedExperiment {
  const owned = r.manifest.ownedElsewhere;
  if (!owned) return r;
  const ld = findLiveExperiment(liveEnvironment(live, r.manifest), r.manifest.key);
  if (!ld) return r;
  const canonical = canonicalFromLive(ld, () => undefined);
  // Without any live iteration there is no live value of an iteration field to keep.
  const hasIteration = comparedIteration(ld) !== undefined;
  const spec = structuredClone(r.manifest.spec);
  for (const pointer of owned) {
    if (pointer.startsWith('/spec/iteration/') && !hasIteration) continue;
    const value = experimentValue(pointer, canonical);
    replace(spec as unknown as Spec, pointer, value, REQUIRED_EXPERIMENT);
  }
  warnGiven(r.manifest, spec, sink);
  return { ...r, manifest: { ...r.manifest, spec } };
}

function ownHoldout(r: ResolvedHoldout, live: LiveState, sink: Problem[]): ResolvedHoldout {
  const owned = r.manifest.ownedElsewhere;
  if (!owned) return r;
  const ld = findLiveHoldout(liveEnvironment(live, r.manifest), r.manifest.key);
  if (!ld) return r;
  const canonical = canonicalHoldoutFromLive(ld);
  const spec = structuredClone(r.manifest.spec);
  for (const pointer of owned) {
    const field = pointer.slice('/spec/'.length) as keyof CanonicalHoldout;
    replace(spec as unknown as Spec, pointer, canonical[field], REQUIRED_HOLDOUT);
  }
  warnGiven(r.manifest, spec, sink);
  return { ...r, manifest: { ...r.manifest, spec } };
}

// A required field that live does not report keeps the manifest's value: it cannot be left out.
const REQUIRED_EXPERIMENT = new Set([
  '/spec/name',
  '/spec/methodology',
  '/spec/dataSource',
  '/spec/iteration/hypothesis',
  '/spec/iteration/randomizationUnit',
  '/spec/iteration/canReshuffleTraffic',
]);
const REQUIRED_HOLDOUT = new Set([
  '/spec/name',
  '/spec/randomizationUnit',
  '/spec/holdoutAmount',
  '/spec/primaryMetric',
]);

/** The live value of an owned experiment field, in manifest terms; undefined when live has none. */
function experimentValue(pointer: string, live: CanonicalExperiment): unknown {
  const [, , first, second] = pointer.split('/');
  if (first === 'iteration') return live.iteration[second as keyof CanonicalExperiment['iteration']];
  if (first === 'analysis') {
    const analysis = manifestAnalysis(live.analysisConfig ?? {});
    if (second === undefined) return Object.keys(analysis).length > 0 ? analysis : undefined;
    return analysis[second as keyof AnalysisSpec];
  }
  return live[first as keyof CanonicalExperiment];
}

/** analysisConfig names → the manifest's `analysis` names. */
function manifestAnalysis(a: CanonicalAnalysis): AnalysisSpec {
  const out: AnalysisSpec = {};
  if (a.bayesianThreshold !== undefined) out.bayesianThreshold = a.bayesianThreshold;
  if (a.significanceThreshold !== undefined) out.significanceThreshold = a.significanceThreshold;
  if (a.testDirection !== undefined) out.testDirection = a.testDirection;
  if (a.multipleComparisonCorrectionMethod !== undefined && a.multipleComparisonCorrectionScope !== undefined) {
    out.multipleComparisonCorrection = {
      method: a.multipleComparisonCorrectionMethod,
      scope: a.multipleComparisonCorrectionScope,
    };
  }
  if (a.sequentialTestingEnabled !== undefined) out.sequentialTesting = a.sequentialTestingEnabled;
  return out;
}

/** Set the field at `pointer` (under /spec) to `value`, or leave it out when live has none. */
function replace(spec: Spec, pointer: string, value: unknown, required: ReadonlySet<string>): void {
  const path = pointer.split('/').slice(2);
  const field = path.pop() ?? '';
  let parent: Spec | undefined = spec;
  for (const segment of path) {
    if (value !== undefined && parent[segment] === undefined) parent[segment] = {};
    parent = parent[segment] as Spec | undefined;
    if (parent === undefined) return;
  }
  if (value !== undefined) parent[field] = structuredClone(value);
  else if (!required.has(pointer)) Reflect.deleteProperty(parent, field);
}

/**
 * A field owned elsewhere that the manifest also gives, with another value than LaunchDarkly's:
 * the manifest's value is not applied (only a create would send it), so say so where it is written.
 */
function warnGiven(
  manifest: { spec: ExperimentSpec | HoldoutSpec; ownedElsewhere?: string[]; source: Parameters<typeof problemAt>[0] },
  owned: ExperimentSpec | HoldoutSpec,
  sink: Problem[],
): void {
  for (const pointer of manifest.ownedElsewhere ?? []) {
    const given = valueAt(manifest.spec, pointer);
    if (given === undefined) continue;
    const kept = valueAt(owned, pointer);
    if (same(given, kept)) continue;
    const shown = kept === undefined ? 'nothing' : JSON.stringify(kept);
    sink.push(
      problemAt(
        manifest.source,
        pointer,
        'IgnoredValueNotApplied',
        `${pointerToPath(pointer)} is owned elsewhere (ignore), so the manifest's ${JSON.stringify(given)} is not applied; LaunchDarkly keeps ${shown}. Remove the value or the ignore entry`,
        { severity: 'warning' },
      ),
    );
  }
}

function valueAt(spec: ExperimentSpec | HoldoutSpec, pointer: string): unknown {
  let value: unknown = spec;
  for (const segment of pointer.split('/').slice(2)) value = (value as Spec | undefined)?.[segment];
  return value;
}

/** Equal as values; lists of strings are sets (tags, attributes), so their order does not count. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalJson(a)) === JSON.stringify(canonicalJson(b));
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson);
    return items.every((v) => typeof v === 'string') ? [...items].sort() : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonicalJson(v)]),
    );
  }
  return value;
}
