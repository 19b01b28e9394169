/** One resource's section of the Markdown plan: what happens, before → after, then the steps. */
import type { FieldChange, PlanStep, ResourcePlan, UnappliedDifferences } from '../plan/types.js';
import { allocationBar, allocationChanges, isAllocationField } from './allocation.js';
import type { AllocationChange } from './allocation.js';
import { explainImpact, IMPACT_ICONS, IMPACT_TITLES } from './explain.js';
import { md, mdCode, mdValue } from './markdown-escape.js';
import { mermaidGraph } from './mermaid.js';
import type { StepLookup } from './mermaid.js';
import { groupByOrigin, isLabelled, ORIGIN_TAGS, ORIGIN_TITLES } from './origins.js';
import { emphasisOf, IMPACT_LABELS, stateTransition, stepWhat } from './words.js';

const NONE = '—';

/** The Markdown section for one resource; `lookup` numbers steps in plan order. */
export function resourceSection(resource: ResourcePlan, lookup: StepLookup): string {
  const steps = resource.stepIds.flatMap((id) => lookup.byId.get(id) ?? []);
  const unchanged = resource.action === 'no-op' && resource.unapplied !== undefined;
  const explained = unchanged ? 'Nothing is sent for it: LaunchDarkly keeps what it has.' : explainImpact(resource);
  const parts = [heading(resource), subtitle(resource), explained];
  if (isLabelled(resource)) {
    for (const [origin, changes] of groupByOrigin(resource.changes)) {
      if (origin !== undefined) parts.push(`**${origin === 'git' ? '' : '⚠️ '}${md(ORIGIN_TITLES[origin])}**`);
      parts.push(...changeTables(changes));
    }
  } else {
    parts.push(...changeTables(resource.changes));
  }
  if (steps.length > 0) parts.push(stepsDetails(steps, lookup));
  if (resource.unapplied) parts.push(unappliedPart(resource.unapplied));
  return parts.join('\n\n');
}

function changeTables(changes: readonly FieldChange[]): string[] {
  const tables: string[] = [];
  const fields = changes.filter((change) => !isAllocationField(change.field));
  if (fields.length > 0) tables.push(fieldTable(fields));
  const allocations = allocationChanges(changes);
  if (allocations.length > 0) tables.push(allocationTable(allocations));
  return tables;
}

function heading(resource: ResourcePlan): string {
  if (resource.action === 'no-op' && resource.unapplied) {
    return `#### ⚠️ Keep ${resource.type} “${md(resource.name)}” · differs, cannot be applied`;
  }
  const verb = resource.action === 'create' ? 'Create' : resource.action === 'update' ? 'Update' : 'Keep';
  const icon = IMPACT_ICONS[resource.impact];
  const sign = emphasisOf(resource.impact) === 'loud' ? '⚠️ ' : '';
  return `#### ${sign}${icon} ${verb} ${resource.type} “${md(resource.name)}” · ${IMPACT_TITLES[resource.impact]}`;
}

/** What stays different after apply, and why: a reviewer must see it as clearly as the changes. */
function unappliedPart(unapplied: UnappliedDifferences): string {
  const labelled = unapplied.changes.some((change) => change.origin !== undefined);
  const origin = (change: FieldChange): string =>
    labelled ? ` ${change.origin === undefined ? NONE : md(ORIGIN_TAGS[change.origin])} |` : '';
  const rows = unapplied.changes.map(
    (change) => `| ${md(change.field)} | ${cell(change.to)} | ${cell(change.from)} |${origin(change)}`,
  );
  return [
    `**Cannot be applied:** ${md(unapplied.reason)}`,
    '',
    `| Field | Manifest | LaunchDarkly |${labelled ? ' Origin |' : ''}`,
    `| --- | --- | --- |${labelled ? ' --- |' : ''}`,
    ...rows,
  ].join('\n');
}

function subtitle(resource: ResourcePlan): string {
  const origin = resource.stateOrigin === undefined ? '' : ` (${ORIGIN_TAGS[resource.stateOrigin]})`;
  return `${mdCode(resource.address)} · ${md(stateTransition(resource) + origin)}`;
}

function fieldTable(changes: readonly FieldChange[]): string {
  const rows = changes.map((change) => `| ${md(change.field)} | ${cell(change.from)} | ${cell(change.to)} |`);
  return ['| Field | Before | After |', '| --- | --- | --- |', ...rows].join('\n');
}

function allocationTable(allocations: readonly AllocationChange[]): string {
  const rows = allocations.map((entry) => `| ${md(entry.treatment)} | ${barCell(entry.from)} | ${barCell(entry.to)} |`);
  return ['| Treatment | Traffic before | Traffic after |', '| --- | --- | --- |', ...rows].join('\n');
}

function cell(value: string | undefined): string {
  return value === undefined ? NONE : mdValue(value) || '(empty)';
}

function barCell(value: string | undefined): string {
  if (value === undefined) return NONE;
  const bar = allocationBar(value);
  // The bar is built from our own characters only, so a code span is safe here.
  return bar === undefined ? mdValue(value) : `\`${bar}\``;
}

function stepsDetails(steps: readonly PlanStep[], lookup: StepLookup): string {
  const rows = steps.map((step) => {
    const what = mdCode(stepWhat(step.instructions, step.kind));
    const request = `${step.method} ${mdCode(step.path)}`;
    const label = IMPACT_LABELS[step.impact];
    const impact = emphasisOf(step.impact) === 'loud' ? `**⚠️ ${label}**` : label;
    return `| ${String(lookup.number(step.id))} | ${request} | ${what} | ${impact} | ${mdValue(step.reason, 300)} |`;
  });
  const table = ['| # | Request | Instruction | Impact | Why |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  const graph = steps.some((step) => step.dependsOn.length > 0 || (step.after?.length ?? 0) > 0)
    ? [mermaidGraph(steps, lookup), '']
    : [];
  return [`<details><summary>Steps (${String(steps.length)})</summary>`, '', table, '', ...graph, '</details>'].join(
    '\n',
  );
}
