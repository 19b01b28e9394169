/** Shared wording for every renderer: one place decides how an impact or a count reads. */
import type { Impact, Plan, ResourcePlan } from '../plan/types.js';
import { IMPACTS } from '../plan/types.js';
import type { createColors } from 'picocolors';

/** The exact summary line of a plan without steps. */
export const NO_CHANGES = 'No changes. LaunchDarkly matches the manifests.';

/** Short impact labels for terminals and step lists. */
export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'no change',
  metadata: 'metadata only',
  'draft-edit': 'edits the draft',
  create: 'creates',
  start: 'starts the experiment',
  restore: 'restores from the archive',
  'new-iteration': 'new iteration: results restart from zero',
  stop: 'stops the experiment',
  archive: 'archives',
  irreversible: 'irreversible: cannot be undone',
};

/** Impacts worth counting in the summary line, as singular / plural nouns. */
const COUNTED_IMPACTS: Partial<Record<Impact, [string, string]>> = {
  start: ['start', 'starts'],
  restore: ['restore', 'restores'],
  'new-iteration': ['new iteration', 'new iterations'],
  stop: ['stop', 'stops'],
  archive: ['archive', 'archives'],
  irreversible: ['irreversible change', 'irreversible changes'],
};

/** Impacts a reviewer must not miss; renderers show them in red or behind a warning sign. */
export function isDestructive(impact: Impact): boolean {
  return impact === 'stop' || impact === 'archive' || impact === 'irreversible';
}

/** `1 step`, `2 steps`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${String(count)} ${count === 1 ? singular : pluralForm}`;
}

/** `1 new iteration, 1 stop`, in impact order; empty when nothing disruptive is planned. */
export function impactCounts(plan: Plan): string {
  const parts: string[] = [];
  for (const impact of IMPACTS) {
    const nouns = COUNTED_IMPACTS[impact];
    const count = plan.summary.byImpact[impact] ?? 0;
    if (nouns && count > 0) parts.push(plural(count, nouns[0], nouns[1]));
  }
  return parts.join(', ');
}

/** How many resources differ from LaunchDarkly in ways no step can change. */
export function unappliedCount(plan: Plan): number {
  return plan.resources.filter((resource) => resource.unapplied !== undefined).length;
}

/** `1 resource differs from LaunchDarkly in ways that cannot be applied`, or undefined when none does. */
export function unappliedPhrase(plan: Plan): string | undefined {
  const count = unappliedCount(plan);
  if (count === 0) return undefined;
  return `${plural(count, 'resource')} ${count === 1 ? 'differs' : 'differ'} from LaunchDarkly in ways that cannot be applied`;
}

/**
 * `Plan: 2 to create, 3 to update, 5 steps (1 new iteration, 1 stop).`, then what cannot be applied;
 * the no-changes line only when nothing differs at all.
 */
export function summaryLine(plan: Plan): string {
  const unapplied = unappliedPhrase(plan);
  if (plan.steps.length === 0) return unapplied ? `Nothing to apply, but ${unapplied}.` : NO_CHANGES;
  const { create, update } = plan.summary;
  const impacts = impactCounts(plan);
  const counts = `${String(create)} to create, ${String(update)} to update, ${plural(plan.steps.length, 'step')}`;
  return `Plan: ${counts}${impacts ? ` (${impacts})` : ''}.${unapplied ? ` Also, ${unapplied}.` : ''}`;
}

/** `experiment/web/production/key` → `experiment web/production/key`. */
export function displayAddress(address: string): string {
  const slash = address.indexOf('/');
  return slash < 0 ? address : `${address.slice(0, slash)} ${address.slice(slash + 1)}`;
}

/** `create, then start` / `update` / `unchanged`: what happens to the resource as a whole. */
export function actionPhrase(resource: ResourcePlan): string {
  if (resource.action === 'no-op') return resource.unapplied ? 'differs: cannot be applied' : 'unchanged';
  if (resource.action === 'create') {
    return resource.stateTo === 'running' ? 'create, then start' : 'create';
  }
  return `update: ${IMPACT_LABELS[resource.impact]}`;
}

/** `running → stopped`; a resource that does not exist yet starts from `absent`. */
export function stateTransition(resource: ResourcePlan): string {
  return `${resource.stateFrom ?? 'absent'} → ${resource.stateTo}`;
}

/** The instructions of a step for display, falling back to its kind for plain POSTs. */
export function stepWhat(instructions: readonly string[], kind: string): string {
  return instructions.length > 0 ? instructions.join(', ') : kind;
}

/**
 * Untrusted text for a terminal line: control characters (ANSI escapes included) become `�` so a
 * manifest or LaunchDarkly value cannot recolor or rewrite the terminal, and line breaks become `⏎`.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r\n|\r|\n/g, ' ⏎ ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** A changed value for display: `(unset)` when absent. */
export function shownValue(value: string | undefined): string {
  return value === undefined ? '(unset)' : value;
}

/** The picocolors functions a renderer paints with (identity functions when color is off). */
export type Painter = ReturnType<typeof createColors>;
