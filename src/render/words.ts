/** Shared wording for every renderer: one place decides how an impact or a count reads. */
import type { Impact, Plan, PlanStep, ResourcePlan } from '../plan/types.js';
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

/**
 * How loudly an impact is shown. `loud`: results restart from zero or nothing can undo it, the
 * most prominent line of every output (bold red, ⚠). `caution`: stops and archives, which change
 * what runs but can be followed by a new iteration or a restore. `quiet`: everything else.
 */
export type Emphasis = 'loud' | 'caution' | 'quiet';

export function emphasisOf(impact: Impact): Emphasis {
  if (impact === 'new-iteration' || impact === 'irreversible') return 'loud';
  if (impact === 'stop' || impact === 'archive') return 'caution';
  return 'quiet';
}

/** The sign in front of every loud line (text has no color without a terminal, so it carries the weight). */
export const WARNING_SIGN = '⚠';

/** What a loud impact means, as the head of its warning line. */
export const LOUD_HEADLINES: Partial<Record<Impact, string>> = {
  'new-iteration': 'Results restart from zero',
  irreversible: 'Cannot be undone',
};

/** `text` painted for its impact: loud bold red with the sign, caution yellow, quiet dim. */
export function paintImpact(c: Painter, impact: Impact, text: string): string {
  switch (emphasisOf(impact)) {
    case 'loud':
      return c.bold(c.red(`${WARNING_SIGN} ${text}`));
    case 'caution':
      return c.yellow(text);
    case 'quiet':
      return c.dim(text);
  }
}

/** `2 steps reset results, 1 is irreversible`: the steps behind loud impacts; empty when none. */
export function riskCounts(steps: readonly Pick<PlanStep, 'impact'>[]): string {
  const resets = steps.filter((step) => step.impact === 'new-iteration').length;
  const irreversible = steps.filter((step) => step.impact === 'irreversible').length;
  const parts: string[] = [];
  if (resets > 0) parts.push(`${plural(resets, 'step')} ${resets === 1 ? 'resets' : 'reset'} results`);
  if (irreversible > 0) {
    const subject = parts.length > 0 ? String(irreversible) : plural(irreversible, 'step');
    parts.push(`${subject} ${irreversible === 1 ? 'is' : 'are'} irreversible`);
  }
  return parts.join(', ');
}

/** The resources with steps in the order of their first step, then those without: step numbers read in order. */
export function inStepOrder(plan: Plan): ResourcePlan[] {
  const position = new Map(plan.steps.map((step, index) => [step.id, index]));
  const first = (resource: ResourcePlan): number =>
    Math.min(Infinity, ...resource.stepIds.map((id) => position.get(id) ?? Infinity));
  return plan.resources
    .map((resource, index) => ({ resource, index, first: first(resource) }))
    .sort((a, b) => a.first - b.first || a.index - b.index)
    .map((entry) => entry.resource);
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
