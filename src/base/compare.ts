/**
 * The three-way part of a plan: read the manifests at the base from Git, plan them against the
 * same live state as the head manifests, and label the head plan's changes from the two plans.
 */
import type { ManifestSet, TargetDefaults } from '../manifest/types.js';
import { labelOrigins } from '../origin/index.js';
import type { Plan, PlanBase } from '../plan/types.js';
import type { Problem } from '../types.js';
import { resourceAddress } from '../types.js';
import { validate } from '../validate.js';
import { snapshotAt } from './snapshot.js';

/** `plan --base REF`: the ref, and the folder relative paths are read from (default: the process's). */
export interface BaseOption {
  ref: string;
  cwd?: string;
}

/** The base manifests, read; `manifests` is absent when they have errors (then `problems` says which). */
export interface LoadedBase {
  base: PlanBase;
  manifests?: ManifestSet;
  problems: Problem[];
}

/**
 * The manifests under `paths` as they were at the base, limited to the head's targets (the base
 * only labels what the head plans, and must not widen what is read from LaunchDarkly). Paths that
 * did not exist at the base hold nothing there: everything under them is new in Git.
 */
export async function loadBase(
  option: BaseOption,
  paths: readonly string[],
  defaults: TargetDefaults,
  head: ManifestSet,
): Promise<LoadedBase> {
  const snapshot = await snapshotAt(option.ref, paths, option.cwd ?? process.cwd());
  try {
    const base: PlanBase = { ref: snapshot.ref, commit: snapshot.commit };
    if (snapshot.paths.length === 0) return { base, manifests: emptyLike(head), problems: [] };
    const { manifests, problems } = await validate(snapshot.paths, defaults, { cwd: snapshot.cwd });
    if (problems.some((problem) => problem.severity === 'error')) return { base, problems };
    return { base, manifests: withinTargets(manifests, head), problems };
  } finally {
    await snapshot.remove();
  }
}

function emptyLike(head: ManifestSet): ManifestSet {
  return { ...head, experiments: [], holdouts: [], files: [] };
}

function withinTargets(base: ManifestSet, head: ManifestSet): ManifestSet {
  const targets = new Set([...head.experiments, ...head.holdouts].map((m) => `${m.project}/${m.environment}`));
  const inTarget = (m: { project: string; environment: string }): boolean =>
    targets.has(`${m.project}/${m.environment}`);
  return { ...base, experiments: base.experiments.filter(inTarget), holdouts: base.holdouts.filter(inTarget) };
}

/**
 * The head plan labelled against the base. When the base manifests cannot be planned (errors at
 * the base, or references LaunchDarkly no longer has), the plan is returned unlabelled, its
 * `base.notCompared` saying why: a wrong label is worse than none. (Not a notice: notices are
 * covered by the plan hash, and the base must not change it.) `planAgainstLive` plans a manifest
 * set against the live state the head was planned from (the pipeline's buildPlan).
 */
export function compareWithBase(
  head: Plan,
  loaded: LoadedBase,
  planAgainstLive: (manifests: ManifestSet) => { plan?: Plan; problems: Problem[] },
): Plan {
  if (!loaded.manifests) return notCompared(head, loaded, unlabelled(loaded.problems));
  const planned = planAgainstLive(loaded.manifests);
  if (!planned.plan) return notCompared(head, loaded, unlabelled(planned.problems));
  const baseAddresses = new Set([
    ...loaded.manifests.experiments.map((m) => resourceAddress('experiment', m, m.key)),
    ...loaded.manifests.holdouts.map((m) => resourceAddress('holdout', m, m.key)),
  ]);
  return labelOrigins(head, { base: loaded.base, baseAddresses, basePlan: planned.plan });
}

function unlabelled(problems: readonly Problem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  const where = first?.position ? `${first.position.file}:${String(first.position.line)}: ` : '';
  const example = first ? `; the first: ${where}${first.message}` : '';
  return `they cannot be planned against LaunchDarkly (${String(errors.length)} error(s)${example})`;
}

function notCompared(plan: Plan, loaded: LoadedBase, reason: string): Plan {
  return { ...plan, base: { ...loaded.base, notCompared: reason } };
}

/** The base's manifests extend the head's live request: flags only they reference must be read too. */
export function withBaseResources(head: ManifestSet, base: LoadedBase | undefined): ManifestSet {
  if (!base?.manifests) return head;
  return {
    ...head,
    experiments: [...head.experiments, ...base.manifests.experiments],
    holdouts: [...head.holdouts, ...base.manifests.holdouts],
  };
}
