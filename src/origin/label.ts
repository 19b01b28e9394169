/**
 * Three-way labels: where each change of a plan comes from, given the manifests at a Git base.
 * Pure. The head plan (head manifests vs live) and the base plan (base manifests vs the same live
 * state) already hold every value needed: a head change is live → head, and the base plan's change
 * of the same field (if any) is live → base; no base change means the base agreed with live.
 */
import type { ChangeOrigin, FieldChange, Plan, PlanBase, ResourcePlan } from '../plan/types.js';

/** One field's value in the manifests at the base, at head, and in LaunchDarkly; undefined: unset or absent. */
export interface ThreeValues {
  base: string | undefined;
  head: string | undefined;
  live: string | undefined;
}

/**
 * head = live: nothing to change. head = base (≠ live): LaunchDarkly moved, applying reverts it.
 * base = live (≠ head): only Git moved. Otherwise both moved, and applying overwrites LaunchDarkly.
 */
export function originOf(values: ThreeValues): ChangeOrigin | undefined {
  if (values.head === values.live) return undefined;
  if (values.head === values.base) return 'drift';
  return values.base === values.live ? 'git' : 'both';
}

/** What the head plan is compared with. */
export interface BaseComparison {
  base: PlanBase;
  /** Addresses of the resources the base manifests describe. */
  baseAddresses: ReadonlySet<string>;
  /** The base manifests planned against the same live state as the head plan. */
  basePlan: Plan;
}

/**
 * The head plan with every change, state change and creation labelled `git`, `drift` or `both`,
 * and `base` set. A resource the base does not describe has no opinion there, so the base agreed
 * with LaunchDarkly: everything about it is `git` (added in Git). A resource no head manifest
 * describes (pruned) is `git` when the base described it (removed in Git), else `drift`.
 */
export function labelOrigins(head: Plan, comparison: BaseComparison): Plan {
  const unmanaged = new Set(head.unmanaged.map((u) => u.address));
  const baseResources = new Map(comparison.basePlan.resources.map((r) => [r.address, r]));
  const resources = head.resources.map((resource) => {
    if (unmanaged.has(resource.address)) {
      return labelWhole(resource, comparison.baseAddresses.has(resource.address) ? 'git' : 'drift');
    }
    const base = comparison.baseAddresses.has(resource.address) ? baseResources.get(resource.address) : undefined;
    return labelResource(resource, base);
  });
  return { ...head, resources, base: comparison.base };
}

function labelWhole(resource: ResourcePlan, origin: ChangeOrigin): ResourcePlan {
  const label = (change: FieldChange): FieldChange => ({ ...change, origin });
  const labelled: ResourcePlan = { ...resource, changes: resource.changes.map(label) };
  if (resource.unapplied)
    labelled.unapplied = { ...resource.unapplied, changes: resource.unapplied.changes.map(label) };
  if (changesState(resource)) labelled.stateOrigin = origin;
  return labelled;
}

/** `base` undefined: the base has no manifest for it, so each base value is the live one. */
function labelResource(resource: ResourcePlan, base: ResourcePlan | undefined): ResourcePlan {
  const baseValues = new Map(
    [...(base?.changes ?? []), ...(base?.unapplied?.changes ?? [])].map((change) => [change.field, change.to]),
  );
  const label = (change: FieldChange): FieldChange => {
    const values: ThreeValues = {
      live: change.from,
      head: change.to,
      base: baseValues.has(change.field) ? baseValues.get(change.field) : change.from,
    };
    return { ...change, origin: originOf(values) ?? 'git' };
  };
  const labelled: ResourcePlan = { ...resource, changes: resource.changes.map(label) };
  if (resource.unapplied)
    labelled.unapplied = { ...resource.unapplied, changes: resource.unapplied.changes.map(label) };
  if (changesState(resource)) {
    const values = { live: resource.stateFrom, head: resource.stateTo, base: base ? base.stateTo : resource.stateFrom };
    labelled.stateOrigin = originOf(values) ?? 'git';
  }
  return labelled;
}

/** A create, or a move from one lifecycle state to another. */
export function changesState(resource: Pick<ResourcePlan, 'action' | 'stateFrom' | 'stateTo'>): boolean {
  return resource.action === 'create' || resource.stateFrom !== resource.stateTo;
}

/**
 * The plan without its labels: what the plan hash covers. Labels depend on the base a run was
 * compared with, not on what apply sends, so the same changes have the same hash with or without
 * `--base` (the Action re-plans without a base on merge and must find the reviewed hash).
 */
export function withoutOrigins<T extends Omit<Plan, 'hash'>>(plan: T): T {
  const strip = (change: FieldChange): FieldChange => {
    const copy = { ...change };
    delete copy.origin;
    return copy;
  };
  const resources = plan.resources.map((resource) => {
    const copy: ResourcePlan = { ...resource, changes: resource.changes.map(strip) };
    delete copy.stateOrigin;
    if (resource.unapplied) copy.unapplied = { ...resource.unapplied, changes: resource.unapplied.changes.map(strip) };
    return copy;
  });
  const copy = { ...plan, resources };
  delete copy.base;
  return copy;
}
