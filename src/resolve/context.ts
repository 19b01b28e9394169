/** Lookups over the live state and the desired set that every resolver shares. */
import type { LdExperiment, LdFlag, LdHoldout } from '../live/ld-types.js';
import type { LiveEnvironment, LiveProject, LiveState } from '../live/types.js';
import type { HoldoutManifest, ManifestSet } from '../manifest/types.js';
import type { Target } from '../types.js';

const EMPTY_PROJECT = (key: string): LiveProject => ({
  key,
  flags: new Map(),
  missingFlags: new Set(),
  metrics: new Map(),
  metricGroups: new Map(),
  contextKinds: [],
  randomizationUnits: [],
});

/** The live environment of a target; absent means LaunchDarkly holds nothing there yet. */
export function liveEnvironment(live: LiveState, target: Target): LiveEnvironment {
  const found = live.environments.find((e) => e.project === target.project && e.environment === target.environment);
  return found ?? { ...target, experiments: [], holdouts: [] };
}

/** The live project, or an empty one (with `known: false`) when it was not read. */
export function liveProject(live: LiveState, key: string): { project: LiveProject; known: boolean } {
  const project = live.projects.get(key);
  return project ? { project, known: true } : { project: EMPTY_PROJECT(key), known: false };
}

/** A holdout's key: LaunchDarkly keeps it on the base experiment. */
export function holdoutKey(holdout: LdHoldout): string {
  return holdout.baseExperiment.key;
}

/** Live experiments of a target, without holdout base experiments (those belong to their holdout). */
export function liveExperiments(environment: LiveEnvironment): LdExperiment[] {
  return environment.experiments.filter((e) => e.type !== 'holdout');
}

interface EnvironmentIndex {
  experiments: Map<string, LdExperiment>;
  holdouts: Map<string, LdHoldout>;
  holdoutsById: Map<string, LdHoldout>;
}

/**
 * Lookups by key, built once per live environment: every manifest looks its resource up, so a
 * linear search per lookup made planning quadratic in the number of experiments. The live state is
 * not changed after it is read, so the index stays true for the environment object's lifetime.
 */
const indexes = new WeakMap<LiveEnvironment, EnvironmentIndex>();

/** First wins, as `Array.prototype.find` did. */
function firstByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(keyOf(item))) out.set(keyOf(item), item);
  return out;
}

function indexOf(environment: LiveEnvironment): EnvironmentIndex {
  const found = indexes.get(environment);
  if (found) return found;
  const index: EnvironmentIndex = {
    experiments: firstByKey(liveExperiments(environment), (e) => e.key),
    holdouts: firstByKey(environment.holdouts, holdoutKey),
    holdoutsById: firstByKey(environment.holdouts, (h) => h._id),
  };
  indexes.set(environment, index);
  return index;
}

export function findLiveExperiment(environment: LiveEnvironment, key: string): LdExperiment | undefined {
  return indexOf(environment).experiments.get(key);
}

export function findLiveHoldout(environment: LiveEnvironment, key: string): LdHoldout | undefined {
  return indexOf(environment).holdouts.get(key);
}

export function findLiveHoldoutById(environment: LiveEnvironment, id: string): LdHoldout | undefined {
  return indexOf(environment).holdoutsById.get(id);
}

export function findDesiredHoldout(desired: ManifestSet, target: Target, key: string): HoldoutManifest | undefined {
  return desired.holdouts.find(
    (h) => h.key === key && h.project === target.project && h.environment === target.environment,
  );
}

export function findFlag(project: LiveProject, key: string): LdFlag | undefined {
  return project.missingFlags.has(key) ? undefined : project.flags.get(key);
}
