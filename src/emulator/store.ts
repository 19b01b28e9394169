import { notFound } from './http-error.js';
import { stableId } from './ids.js';
import type { EnvState, ExperimentState, HoldoutState, ProjectState } from './state.js';

/** The member every emulator-created object is maintained by unless a request names another. */
export const EMULATOR_MEMBER_ID = stableId('member', 'emulator');

/** All projects plus the ID sequence and clock; read it in tests through `RunningEmulator.store`. */
export class EmulatorStore {
  readonly projects = new Map<string, ProjectState>();
  private sequence = 0;

  constructor(readonly now: () => number) {}

  /** A fresh deterministic ID: the same request sequence yields the same IDs. */
  newId(...parts: readonly string[]): string {
    this.sequence += 1;
    return stableId('runtime', this.sequence, ...parts);
  }

  /** The project, or 404. */
  project(key: string): ProjectState {
    const project = this.projects.get(key);
    if (!project) throw notFound(`Unknown project key "${key}"`);
    return project;
  }

  /** Replace a project with an edited copy (how semantic patches commit atomically). */
  commit(project: ProjectState): void {
    this.projects.set(project.key, project);
  }
}

/** The environment of a project, or 404. */
export function envOf(project: ProjectState, envKey: string): EnvState {
  const env = project.environments.get(envKey);
  if (!env) throw notFound(`Unknown environment key "${envKey}" in project "${project.key}"`);
  return env;
}

/** An experiment by key, or 404. */
export function experimentOf(env: EnvState, key: string): ExperimentState {
  const experiment = env.experiments.get(key);
  if (!experiment) throw notFound(`Unknown experiment key "${key}" in environment "${env.key}"`);
  return experiment;
}

/** A holdout by key, or 404. */
export function holdoutOf(env: EnvState, key: string): HoldoutState {
  const holdout = env.holdouts.get(key);
  if (!holdout) throw notFound(`Unknown holdout key "${key}" in environment "${env.key}"`);
  return holdout;
}

/** A holdout by `_id`, if any. */
export function holdoutById(env: EnvState, id: string): HoldoutState | undefined {
  return [...env.holdouts.values()].find((holdout) => holdout._id === id);
}

/** The experiments that belong to a holdout (membership lives on the experiment's `holdoutId`). */
export function holdoutMembers(env: EnvState, holdout: HoldoutState): ExperimentState[] {
  return [...env.experiments.values()].filter((e) => e.holdoutId === holdout._id);
}
