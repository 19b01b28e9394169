/** The terminal view of a plan: Terraform-like, read at a glance. */
import { createColors } from 'picocolors';

import { hasChanges, isReadBinding } from '../plan/types.js';
import type {
  FieldChange,
  Plan,
  PlanStep,
  ResourcePlan,
  UnappliedDifferences,
  UnmanagedResource,
} from '../plan/types.js';
import { problemLines } from './problems.js';
import {
  baseLine,
  editText,
  groupByOrigin,
  isLabelled,
  ORIGIN_TAGS,
  ORIGIN_TITLES,
  REVERT_HEADLINES,
  revertedEdits,
} from './origins.js';
import type { Painter } from './words.js';
import {
  actionPhrase,
  displayAddress,
  inStepOrder,
  LOUD_HEADLINES,
  oneLine,
  paintImpact,
  shownValue,
  stateTransition,
  stepWhat,
  summaryLine,
  WARNING_SIGN,
} from './words.js';

export interface PlanTextOptions {
  color: boolean;
  /** Also show no-op resources, request bodies, dependencies and manifest positions. */
  verbose?: boolean;
}

const INDENT = '    ';

/**
 * Render a plan for a terminal; with `color: false` the output holds no ANSI escape. Resources are
 * shown in the order of their steps, so step numbers read in order; results-reset and
 * irreversible changes are marked ⚠ (bold red on a terminal) and repeated just above the summary,
 * where the eye lands when the plan has scrolled by.
 */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const c = createColors(options.color);
  const verbose = options.verbose ?? false;
  const stepIndex = new Map(plan.steps.map((step, index) => [step.id, index + 1]));
  const stepsById = new Map(plan.steps.map((step) => [step.id, step]));
  const base = baseLine(plan);
  const blocks = [base === undefined ? targetLine(plan, c) : `${targetLine(plan, c)}\n${c.dim(oneLine(base))}`];
  for (const resource of inStepOrder(plan)) {
    if (resource.action === 'no-op' && !resource.unapplied && !verbose) continue;
    const steps = resource.stepIds.flatMap((id) => stepsById.get(id) ?? []);
    blocks.push(resourceBlock(resource, steps, stepIndex, c, verbose));
  }
  const owned = ownedElsewhereBlock(plan, c);
  if (owned) blocks.push(owned);
  if (plan.unmanaged.length > 0) blocks.push(unmanagedBlock(plan.unmanaged, c));
  if (plan.warnings.length > 0) {
    const lines = problemLines(plan.warnings, { color: options.color });
    blocks.push([c.bold('Warnings:'), ...lines.map((line) => INDENT + line)].join('\n'));
  }
  if (plan.notices.length > 0) {
    const lines = plan.notices.map((notice) => `${INDENT}${c.cyan(oneLine(notice.code))}  ${oneLine(notice.message)}`);
    blocks.push([c.bold('Notices:'), ...lines].join('\n'));
  }
  const loud = [...loudLines(plan, stepIndex), ...revertLines(plan)];
  if (loud.length > 0) blocks.push(loud.map((line) => c.bold(c.red(line))).join('\n'));
  const summary = summaryLine(plan);
  blocks.push(hasChanges(plan) ? c.bold(summary) : c.green(summary));
  return `${blocks.join('\n\n')}\n`;
}

/** `⚠ Results restart from zero: experiment web/production/x (X), steps 4, 5`, per resource and loud impact. */
function loudLines(plan: Plan, stepIndex: Map<string, number>): string[] {
  const stepsById = new Map(plan.steps.map((step) => [step.id, step]));
  const lines: string[] = [];
  for (const resource of inStepOrder(plan)) {
    const steps = resource.stepIds.flatMap((id) => stepsById.get(id) ?? []);
    for (const [impact, headline] of Object.entries(LOUD_HEADLINES)) {
      const numbers = steps.filter((step) => step.impact === impact).map((step) => stepIndex.get(step.id) ?? '?');
      if (numbers.length === 0) continue;
      const name = oneLine(`${displayAddress(resource.address)} (${resource.name})`);
      lines.push(
        `${WARNING_SIGN} ${headline}: ${name}, ${numbers.length === 1 ? 'step' : 'steps'} ${numbers.join(', ')}`,
      );
    }
  }
  return lines;
}

/**
 * `⚠ Reverts a change made in LaunchDarkly: experiment web/production/x (X): name "UI" → "Git"`,
 * one line per resource and origin: a merge that undoes someone's edit must not pass unseen.
 */
function revertLines(plan: Plan): string[] {
  const lines: string[] = [];
  const edits = revertedEdits(inStepOrder(plan));
  for (const resource of new Set(edits.map((edit) => edit.resource))) {
    for (const [origin, headline] of Object.entries(REVERT_HEADLINES)) {
      const mine = edits.filter((edit) => edit.resource === resource && edit.origin === origin);
      if (mine.length === 0) continue;
      const name = `${displayAddress(resource.address)} (${resource.name})`;
      lines.push(oneLine(`${WARNING_SIGN} ${headline}: ${name}: ${mine.map(editText).join(', ')}`));
    }
  }
  return lines;
}

function targetLine(plan: Plan, c: Painter): string {
  const { baseUrl, projects, environments } = plan.target;
  const where = `projects: ${projects.join(', ')}; environments: ${environments.join(', ')}`;
  return c.bold(`ldexp plan for ${oneLine(baseUrl)}`) + c.dim(`  (${oneLine(where)})`);
}

function resourceBlock(
  resource: ResourcePlan,
  steps: PlanStep[],
  stepIndex: Map<string, number>,
  c: Painter,
  verbose: boolean,
): string {
  const lines = [headline(resource, c)];
  if (resource.action === 'create' || resource.stateFrom !== resource.stateTo) {
    const tag = resource.stateOrigin === undefined ? '' : `  (${ORIGIN_TAGS[resource.stateOrigin]})`;
    lines.push(INDENT + c.dim(oneLine(stateTransition(resource) + tag)));
  }
  if (verbose && resource.source) {
    const { file, line, column } = resource.source;
    lines.push(INDENT + c.dim(`from ${oneLine(file)}:${String(line)}:${String(column)}`));
  }
  const changeLines = (changes: readonly FieldChange[]): string[] =>
    resource.action === 'create' && !verbose ? createdFieldLines(changes) : changedFieldLines(changes);
  if (isLabelled(resource)) {
    for (const [origin, changes] of groupByOrigin(resource.changes)) {
      if (origin !== undefined) lines.push(INDENT + c.bold(ORIGIN_TITLES[origin]) + ':');
      lines.push(...changeLines(changes).map((line) => INDENT + INDENT + line));
    }
  } else {
    lines.push(...changeLines(resource.changes).map((line) => INDENT + line));
  }
  for (const step of steps) lines.push(...stepLines(step, stepIndex, c, verbose));
  if (resource.unapplied) lines.push(...unappliedLines(resource.unapplied, c));
  return lines.join('\n');
}

/** Fields handed to the UI (`ignore`), per resource: shown even when the resource has no changes. */
function ownedElsewhereBlock(plan: Plan, c: Painter): string | undefined {
  const owners = plan.resources.filter((resource) => resource.ownedElsewhere);
  if (owners.length === 0) return undefined;
  const lines = owners.map(
    (resource) =>
      `${INDENT}${oneLine(displayAddress(resource.address))}: ${oneLine((resource.ownedElsewhere ?? []).join(', '))}`,
  );
  return [c.bold('Owned elsewhere (ignore: never compared or written):'), ...lines].join('\n');
}

/** Differences that stay after apply: each one, then why, so a reviewer knows what to change. */
function unappliedLines(unapplied: UnappliedDifferences, c: Painter): string[] {
  const tag = (change: FieldChange): string => (change.origin === undefined ? '' : `  (${ORIGIN_TAGS[change.origin]})`);
  return [
    ...unapplied.changes.map(
      (change) => `${INDENT}${c.yellow('not applied:')} ${changedFieldLines([change]).join('')}${oneLine(tag(change))}`,
    ),
    `${INDENT}${c.yellow('why:')} ${oneLine(unapplied.reason)}`,
  ];
}

function changedFieldLines(changes: readonly FieldChange[]): string[] {
  return changes.map(
    (change) => `${oneLine(change.field)}: ${oneLine(shownValue(change.from))} → ${oneLine(shownValue(change.to))}`,
  );
}

/**
 * A create has no "before", so it reads as a list of values; treatments fold into one line each
 * (`Control (baseline): 50% Bottom`) because a field-by-field list of a new experiment buries the design.
 */
function createdFieldLines(changes: readonly FieldChange[]): string[] {
  const treatments = new Map<string, { baseline: boolean; allocation: string; variations: string[] }>();
  const lines: string[] = [];
  for (const change of changes) {
    const match = TREATMENT_FIELD.exec(change.field);
    if (!match) {
      lines.push(`${oneLine(change.field)}: ${oneLine(shownValue(change.to))}`);
      continue;
    }
    const [, name = '', property = ''] = match;
    const treatment = treatments.get(name) ?? { baseline: false, allocation: '?', variations: [] };
    if (property === 'baseline') treatment.baseline = change.to === 'true';
    else if (property === 'allocationPercent') treatment.allocation = change.to ?? '?';
    else treatment.variations.push(change.to ?? '?');
    treatments.set(name, treatment);
  }
  for (const [name, treatment] of treatments) {
    const label = `${name}${treatment.baseline ? ' (baseline)' : ''}`;
    lines.push(oneLine(`treatment ${label}: ${[`${treatment.allocation}%`, ...treatment.variations].join(' ')}`));
  }
  return lines;
}

const TREATMENT_FIELD = /^iteration\.treatments\[(.*)\]\.(baseline|allocationPercent|variation.*)$/;

function headline(resource: ResourcePlan, c: Painter): string {
  const symbol =
    resource.action === 'create'
      ? c.green('+')
      : resource.action === 'update'
        ? c.yellow('~')
        : resource.unapplied
          ? c.yellow('!')
          : ' ';
  const phrase = actionPhrase(resource);
  const painted =
    resource.action === 'no-op' && resource.unapplied ? c.yellow(phrase) : paintImpact(c, resource.impact, phrase);
  const name = oneLine(`${displayAddress(resource.address)} (${resource.name})`);
  return `${symbol} ${c.bold(name)}  ${painted}`;
}

function stepLines(step: PlanStep, stepIndex: Map<string, number>, c: Painter, verbose: boolean): string[] {
  const number = `${String(stepIndex.get(step.id) ?? '?')}.`;
  const impact = `[${step.impact}]`;
  const what = oneLine(stepWhat(step.instructions, step.kind));
  const line = [
    `${INDENT}${number} ${step.method} ${oneLine(step.path)}`,
    c.cyan(what),
    paintImpact(c, step.impact, impact),
    oneLine(step.reason),
  ].join('  ');
  if (!verbose) return [line];
  const extra: string[] = [];
  if (step.dependsOn.length > 0) {
    const after = step.dependsOn.map((id) => String(stepIndex.get(id) ?? oneLine(id))).join(', ');
    extra.push(`after step ${after}`);
  }
  if (step.after !== undefined && step.after.length > 0) {
    const waits = step.after.map((id) => String(stepIndex.get(id) ?? oneLine(id))).join(', ');
    extra.push(`waits for step ${waits}`);
  }
  for (const binding of step.bindings) {
    const source = isReadBinding(binding)
      ? `GET ${binding.fromGet}, read right before sending`
      : `the response of step ${String(stepIndex.get(binding.fromStep) ?? binding.fromStep)}`;
    extra.push(oneLine(`${binding.bodyPointer} ← ${binding.responsePointer || '(root)'} of ${source}`));
  }
  extra.push(
    ...JSON.stringify(step.body ?? null, null, 2)
      .split('\n')
      .map(oneLine),
  );
  return [line, ...extra.map((text) => `${INDENT}${INDENT}${c.dim(text)}`)];
}

function unmanagedBlock(unmanaged: UnmanagedResource[], c: Painter): string {
  const lines = unmanaged.map(
    (resource) =>
      `${INDENT}${oneLine(`${displayAddress(resource.address)} (${resource.name})`)}  ${c.dim(oneLine(resource.status))}`,
  );
  return [c.bold('Left alone (not in the manifests):'), ...lines].join('\n');
}
