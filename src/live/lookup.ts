/**
 * Lookups over the live model, shared by resolve, plan and apply: a target's environment and
 * project, its experiments and holdouts by key or id, and a project's flags.
 */
import type { LdExperiment, LdFlag, LdHoldout } from './ld-types.js';
import type { LiveEnvironment, LiveProject, LiveState } from './types.js';
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
  /** What the index was built from: an environment whose lists changed since is indexed again. */
  experiments: readonly LdExperiment[];
  holdouts: readonly LdHoldout[];
  sizes: [number, number];
  /** Positions in the lists, so a hit always returns the list's current element. */
  experimentAt: Map<string, number>;
  holdoutAt: Map<string, number>;
  holdoutByIdAt: Map<string, number>;
}

/**
 * Lookups by key, built once per live environment: every manifest looks its resource up, so a
 * linear search per lookup made planning quadratic in the number of experiments. The live state is
 * not changed after it is read; builders that add to or replace in it while resolving get a fresh
 * index (a hit is checked against the list, a list that grew is indexed again).
 */
const indexes = new WeakMap<LiveEnvironment, EnvironmentIndex>();

/** First wins, as `Array.prototype.find` did. */
function positions<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key !== undefined && !out.has(key)) out.set(key, i);
  });
  return out;
}

function indexOf(environment: LiveEnvironment, fresh = false): EnvironmentIndex {
  const { experiments, holdouts } = environment;
  const found = indexes.get(environment);
  const current =
    found?.experiments === experiments &&
    found.holdouts === holdouts &&
    found.sizes[0] === experiments.length &&
    found.sizes[1] === holdouts.length;
  if (found && current && !fresh) return found;
  const index: EnvironmentIndex = {
    experiments,
    holdouts,
    sizes: [experiments.length, holdouts.length],
    experimentAt: positions(experiments, (e) => (e.type === 'holdout' ? undefined : e.key)),
    holdoutAt: positions(holdouts, holdoutKey),
    holdoutByIdAt: positions(holdouts, (h) => h._id),
  };
  indexes.set(environment, index);
  return index;
}

/** The element the index places at `key`, re-indexing once when the list changed under it. */
function lookup<T>(
  environment: LiveEnvironment,
  key: string,
  pick: (index: EnvironmentIndex) => [Map<string, number>, readonly T[]],
  keyOf: (item: T) => string | undefined,
): T | undefined {
  for (const fresh of [false, true]) {
    const [at, items] = pick(indexOf(environment, fresh));
    const position = at.get(key);
    if (position === undefined) return undefined;
    const item = items[position];
    if (item !== undefined && keyOf(item) === key) return item;
  }
  return undefined;
}

export function findLiveExperiment(environment: LiveEnvironment, key: string): LdExperiment | undefined {
  return lookup(
    environment,
    key,
    (i) => [i.experimentAt, i.experiments],
    (e) => (e.type === 'holdout' ? undefined : e.key),
  );
}

export function findLiveHoldout(environment: LiveEnvironment, key: string): LdHoldout | undefined {
  return lookup(environment, key, (i) => [i.holdoutAt, i.holdouts], holdoutKey);
}

export function findLiveHoldoutById(environment: LiveEnvironment, id: string): LdHoldout | undefined {
  return lookup(
    environment,
    id,
    (i) => [i.holdoutByIdAt, i.holdouts],
    (h) => h._id,
  );
}

/** A flag the run read; undefined for one that does not exist (or was not asked for). */
export function findFlag(project: LiveProject, key: string): LdFlag | undefined {
  return project.missingFlags.has(key) ? undefined : project.flags.get(key);
}
