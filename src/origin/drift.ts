/**
 * A plan read as drift: where LaunchDarkly differs from Git, per resource. Pure. Without a base,
 * every difference is drift. With one (a labelled plan), only `drift` and `both` changes are;
 * `git` changes are Git's own, not applied yet. A resource Git has and LaunchDarkly does not is
 * "not created yet", never drift: nobody changed LaunchDarkly, apply just has not run.
 */
import { LdexpError } from '../errors.js';
import type { ChangeOrigin, FieldChange, Plan, PlanBase, ResourcePlan } from '../plan/types.js';
import { changesState } from './label.js';

/** One resource's differences: `from` is what LaunchDarkly has, `to` what Git says. */
export interface DriftEntry {
  resource: ResourcePlan;
  /** LaunchDarkly's lifecycle state and Git's, when they differ. */
  state?: { live: string; git: string; origin?: ChangeOrigin };
  changes: FieldChange[];
  /** LaunchDarkly has it with the managed tag and no manifest describes it: apply archives it. */
  noManifest: boolean;
}

export interface DriftReport {
  target: Plan['target'];
  /** Set when the plan was labelled against a Git base. */
  base?: PlanBase;
  /** LaunchDarkly changed outside Git. */
  drift: DriftEntry[];
  /** Changes made in Git since the base that LaunchDarkly does not have yet (only with a base). */
  pending: DriftEntry[];
  /** In Git, not in LaunchDarkly. */
  notCreated: ResourcePlan[];
}

/**
 * The drift in a plan; `drift` is empty exactly when LaunchDarkly has changed nothing Git
 * describes. A plan whose base could not be compared is refused (`BaseNotCompared`): every
 * difference would read as drift, and a scheduled check would page someone for Git's own changes.
 */
export function driftReport(plan: Plan): DriftReport {
  if (plan.base?.notCompared !== undefined) {
    const { ref, commit, notCompared } = plan.base;
    const where = ref === commit ? commit.slice(0, 12) : `${ref} (${commit.slice(0, 12)})`;
    throw new LdexpError(
      'BaseNotCompared',
      `cannot tell drift from Git's changes: the manifests at ${where} were not compared, because ${notCompared}`,
      'user',
    );
  }
  const labelled = plan.base !== undefined;
  const isDrift = (origin: ChangeOrigin | undefined): boolean => !labelled || origin !== 'git';
  const unmanaged = new Set(plan.unmanaged.map((u) => u.address));
  const report: DriftReport = { target: plan.target, drift: [], pending: [], notCreated: [] };
  if (plan.base) report.base = plan.base;
  for (const resource of plan.resources) {
    if (resource.action === 'create') {
      report.notCreated.push(resource);
      continue;
    }
    const noManifest = unmanaged.has(resource.address);
    const drifted = entry(resource, noManifest, isDrift);
    const pending = entry(resource, noManifest, (origin) => !isDrift(origin));
    if (drifted) report.drift.push(drifted);
    if (pending) report.pending.push(pending);
  }
  return report;
}

/** The part of a resource's differences whose origin `keep` accepts; undefined when none. */
function entry(
  resource: ResourcePlan,
  noManifest: boolean,
  keep: (origin: ChangeOrigin | undefined) => boolean,
): DriftEntry | undefined {
  const changes = [...resource.changes, ...(resource.unapplied?.changes ?? [])].filter((c) => keep(c.origin));
  const stateMoves = changesState(resource) && keep(resource.stateOrigin);
  if (changes.length === 0 && !stateMoves) return undefined;
  const found: DriftEntry = { resource, changes, noManifest };
  if (stateMoves) {
    found.state = { live: resource.stateFrom ?? 'absent', git: resource.stateTo };
    if (resource.stateOrigin) found.state.origin = resource.stateOrigin;
  }
  return found;
}
