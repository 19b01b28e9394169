/**
 * Shared wording for three-way plans (`plan --base`): the groups changes are shown in, and the
 * drift a merge would revert, which every output repeats as loudly as a results reset.
 */
import type { ChangeOrigin, FieldChange, Plan, PlanBase, ResourcePlan } from '../plan/types.js';
import { changesState } from '../origin/label.js';
import { plural, shownValue } from './words.js';

/** Git's own changes first (what the pull request is about), then what overwrites LaunchDarkly. */
export const ORIGIN_ORDER: readonly ChangeOrigin[] = ['git', 'both', 'drift'];

/** The heading of each group of changes. */
export const ORIGIN_TITLES: Record<ChangeOrigin, string> = {
  git: 'Changed in Git',
  both: 'Changed in Git and in LaunchDarkly (applying replaces what LaunchDarkly has)',
  drift: 'Drift: changed in LaunchDarkly outside Git (applying reverts it)',
};

/** Short tags for one-line mentions (the state line, unapplied differences). */
export const ORIGIN_TAGS: Record<ChangeOrigin, string> = {
  git: 'from Git',
  both: 'changed in Git and in LaunchDarkly',
  drift: 'drift: changed in LaunchDarkly',
};

/** The head of the loud line for the LaunchDarkly edits applying would undo. */
export const REVERT_HEADLINES: Partial<Record<ChangeOrigin, string>> = {
  drift: 'Reverts a change made in LaunchDarkly',
  both: 'Overwrites a change made in LaunchDarkly (Git changed it too)',
};

/** Whether any change of the resource carries a label (the plan was compared with a base). */
export function isLabelled(resource: ResourcePlan): boolean {
  return (
    resource.stateOrigin !== undefined ||
    resource.changes.some((change) => change.origin !== undefined) ||
    (resource.unapplied?.changes.some((change) => change.origin !== undefined) ?? false)
  );
}

/** The changes in ORIGIN_ORDER groups; unlabelled changes (no base) form one group keyed undefined. */
export function groupByOrigin(changes: readonly FieldChange[]): [ChangeOrigin | undefined, FieldChange[]][] {
  const groups: [ChangeOrigin | undefined, FieldChange[]][] = [];
  for (const origin of [...ORIGIN_ORDER, undefined]) {
    const members = changes.filter((change) => change.origin === origin);
    if (members.length > 0) groups.push([origin, members]);
  }
  return groups;
}

/** One LaunchDarkly edit that applying undoes: a field, or the lifecycle state (`state`). */
export interface RevertedEdit {
  resource: ResourcePlan;
  origin: ChangeOrigin;
  field: string;
  from?: string;
  to?: string;
}

/**
 * Every drift and both-changed value applying would replace, resource by resource. Differences
 * listed as not applied are left out: apply leaves LaunchDarkly's value there.
 */
export function revertedEdits(resources: readonly ResourcePlan[]): RevertedEdit[] {
  const edits: RevertedEdit[] = [];
  for (const resource of resources) {
    const reverting = (origin: ChangeOrigin | undefined): origin is ChangeOrigin =>
      origin !== undefined && REVERT_HEADLINES[origin] !== undefined;
    if (changesState(resource) && reverting(resource.stateOrigin)) {
      edits.push({
        resource,
        origin: resource.stateOrigin,
        field: 'state',
        from: resource.stateFrom ?? 'absent',
        to: resource.stateTo,
      });
    }
    for (const change of resource.changes) {
      if (reverting(change.origin)) edits.push({ resource, ...change, origin: change.origin });
    }
  }
  return edits;
}

/** `name: "UI name" → "Git name"`, values quoted so an empty one is still visible. */
export function editText(edit: Pick<RevertedEdit, 'field' | 'from' | 'to'>): string {
  const quoted = (value: string | undefined): string =>
    value === undefined ? shownValue(value) : JSON.stringify(value);
  return `${edit.field} ${quoted(edit.from)} → ${quoted(edit.to)}`;
}

/**
 * `Compared with the manifests at origin/main (0123456789ab): 2 changes from Git, 1 drift, …`;
 * `code` sets the ref and commit apart (Markdown code spans), `text` escapes the rest.
 */
export function baseLine(
  plan: Pick<Plan, 'base' | 'resources'>,
  style: { code: (text: string) => string; text: (text: string) => string } = PLAIN,
): string | undefined {
  if (!plan.base) return undefined;
  const where = baseName(plan.base, style.code);
  if (plan.base.notCompared !== undefined) {
    return `${style.text('Not compared with the manifests at ')}${where}: ${style.text(`${plan.base.notCompared}.`)}`;
  }
  const counts = originCounts(plan.resources);
  const parts = [
    plural(counts.git, 'change') + ' from Git',
    `${String(counts.drift)} drift${counts.drift === 0 ? '' : ` (applying reverts ${counts.drift === 1 ? 'it' : 'them'})`}`,
    `${String(counts.both)} changed in both`,
  ];
  return `${style.text('Compared with the manifests at ')}${where}: ${style.text(`${parts.join(', ')}.`)}`;
}

/** `origin/main (0123456789ab)`, or just the short commit when the ref is that commit. */
export function baseName(base: PlanBase, code: (text: string) => string = PLAIN.code): string {
  const short = code(base.commit.slice(0, 12));
  return base.ref === base.commit ? short : `${code(base.ref)} (${short})`;
}

const PLAIN = { code: (text: string) => text, text: (text: string) => text };

function originCounts(resources: readonly ResourcePlan[]): Record<ChangeOrigin, number> {
  const counts: Record<ChangeOrigin, number> = { git: 0, drift: 0, both: 0 };
  for (const resource of resources) {
    const origins = [
      ...(changesState(resource) ? [resource.stateOrigin] : []),
      ...resource.changes.map((change) => change.origin),
      ...(resource.unapplied?.changes ?? []).map((change) => change.origin),
    ];
    for (const origin of origins) if (origin !== undefined) counts[origin] += 1;
  }
  return counts;
}
