/**
 * The plan as Markdown for PR comments and job summaries: summary and hash first, then one section
 * per resource, within a hard character budget (GitHub rejects comments over 65,536 characters).
 */
import type { Impact, Plan, ResourcePlan } from '../plan/types.js';
import { problemItems } from './problems.js';
import { md, mdCode, mdLink } from './markdown-escape.js';
import { resourceSection } from './markdown-resource.js';
import { stepLookup } from './mermaid.js';
import { baseLine, REVERT_HEADLINES, revertedEdits } from './origins.js';
import { emphasisOf, impactCounts, inStepOrder, LOUD_HEADLINES, NO_CHANGES, plural, unappliedPhrase } from './words.js';

export interface PlanMarkdownOptions {
  /** Heading of the comment; default `ldexp plan`. */
  title?: string;
  /** Hidden marker that finds this comment again, e.g. `ldexp:plan project=web environment=production`. */
  marker?: string;
  /** Hard limit on the output length in characters; default 65,000. */
  maxLength?: number;
  /** Link to the workflow run that made the plan. */
  runUrl?: string;
  /** Who or what triggered the plan (shown without notifying anyone). */
  createdBy?: string;
}

export const DEFAULT_MAX_LENGTH = 65_000;

/** Marks a comment whose detail was cut; such a plan must be reviewed from the full output. */
export const TRUNCATED_MARKER = '<!-- ldexp:truncated -->';

interface Section {
  text: string;
  /** What the truncation notice calls it when it is left out. */
  kind: 'experiment' | 'holdout' | 'owned' | 'unmanaged' | 'warnings';
}

/** Render a plan as Markdown; the result never exceeds `maxLength` characters. */
export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const head = header(plan, options);
  const foot = footer(options);
  const sections = planSections(plan);
  const shown: string[] = [];
  // Room for the truncation notice, so adding it can never push the result over the limit.
  const reserve = 400;
  let used = head.length + foot.length + reserve;
  for (const section of sections) {
    const cost = section.text.length + 2;
    if (used + cost > maxLength) break;
    shown.push(section.text);
    used += cost;
  }
  if (shown.length < sections.length) shown.push(truncationNotice(sections.slice(shown.length)));
  const result = [head, ...shown, foot].filter(Boolean).join('\n\n') + '\n';
  // Only a limit smaller than the summary itself gets here; cut rather than break the promise.
  return result.length <= maxLength ? result : result.slice(0, maxLength);
}

function planSections(plan: Plan): Section[] {
  const lookup = stepLookup(plan.steps);
  const sections: Section[] = inStepOrder(plan)
    .filter((resource) => resource.action !== 'no-op' || resource.unapplied)
    .map((resource) => ({ text: resourceSection(resource, lookup), kind: resource.type }));
  const owners = plan.resources.filter((resource) => resource.ownedElsewhere);
  if (owners.length > 0) sections.push({ text: ownedElsewhereSection(owners), kind: 'owned' });
  if (plan.unmanaged.length > 0) sections.push({ text: unmanagedSection(plan), kind: 'unmanaged' });
  if (plan.warnings.length > 0) {
    sections.push({ text: ['#### ⚠️ Warnings', '', ...problemItems(plan.warnings)].join('\n'), kind: 'warnings' });
  }
  return sections;
}

function header(plan: Plan, options: PlanMarkdownOptions): string {
  const lines: string[] = [];
  if (options.marker) lines.push(hiddenComment(options.marker), '');
  lines.push(`### ${md(options.title ?? 'ldexp plan')}`, '', summary(plan));
  const base = baseLine(plan, { code: mdCode, text: md });
  if (base !== undefined) lines.push('', base);
  const banner = warningBanner(plan);
  if (banner) lines.push('', banner);
  // In the header, so truncation never hides what the plan deliberately did not do.
  if (plan.notices.length > 0) {
    lines.push('', '> [!NOTE]', ...plan.notices.map((notice) => `> ${mdCode(notice.code)}: ${md(notice.message)}`));
  }
  lines.push('', hashLine(plan), hiddenComment(`ldexp:plan-hash ${safeHash(plan.hash)}`));
  return lines.join('\n');
}

function summary(plan: Plan): string {
  const unapplied = unappliedPhrase(plan);
  if (plan.steps.length === 0) return unapplied ? `**Nothing to apply**, but ${unapplied}.` : `**${NO_CHANGES}**`;
  const { create, update } = plan.summary;
  const counts = `**${String(create)} to create · ${String(update)} to update · ${plural(plan.steps.length, 'step')}**`;
  const impacts = impactCounts(plan);
  const line = impacts ? `${counts} (${impacts})` : counts;
  return unapplied ? `${line}. Also, ${unapplied}.` : line;
}

/** Callouts name at most this many resources each, so a huge plan keeps its summary within budget. */
const CALLOUT_ITEMS = 10;

/**
 * A red `[!CAUTION]` callout naming every change that restarts results or cannot be undone (the
 * loudest lines of the comment), then a yellow `[!WARNING]` for stops and archives.
 */
function warningBanner(plan: Plan): string | undefined {
  const stepsById = new Map(plan.steps.map((step, index) => [step.id, { step, number: index + 1 }]));
  const loud: string[] = [];
  const caution: string[] = [];
  for (const resource of inStepOrder(plan)) {
    const steps = resource.stepIds.flatMap((id) => stepsById.get(id) ?? []);
    for (const [impact, headline] of Object.entries(LOUD_HEADLINES)) {
      const numbers = steps.filter((entry) => entry.step.impact === impact).map((entry) => entry.number);
      if (numbers.length > 0) loud.push(`**⚠️ ${headline}:** ${calloutItem(resource, numbers)}`);
    }
    if (emphasisOf(resource.impact) === 'caution') {
      caution.push(
        `**${CAUTION_HEADLINES[resource.impact] ?? ''}:** ${calloutItem(
          resource,
          steps.map((entry) => entry.number),
        )}`,
      );
    }
  }
  loud.push(...revertItems(plan));
  const blocks = [callout('CAUTION', loud), callout('WARNING', caution)].filter((block) => block !== undefined);
  return blocks.length > 0 ? blocks.join('\n\n') : undefined;
}

/** `**⚠️ Reverts a change made in LaunchDarkly:** experiment “X” <code>…</code>: name, state`, per resource and origin. */
function revertItems(plan: Plan): string[] {
  const edits = revertedEdits(inStepOrder(plan));
  const items: string[] = [];
  for (const resource of new Set(edits.map((edit) => edit.resource))) {
    for (const [origin, headline] of Object.entries(REVERT_HEADLINES)) {
      const fields = edits.filter((edit) => edit.resource === resource && edit.origin === origin).map((e) => e.field);
      if (fields.length > 0) items.push(`**⚠️ ${headline}:** ${calloutItem(resource, [])}: ${md(fields.join(', '))}`);
    }
  }
  return items;
}

const CAUTION_HEADLINES: Partial<Record<Impact, string>> = {
  stop: 'Stops',
  archive: 'Archives (can be restored)',
};

/** `experiment “Search ranking v2” <code>experiment/web/production/search-ranking</code>, steps 4, 5` */
function calloutItem(resource: ResourcePlan, numbers: readonly number[]): string {
  const steps = numbers.length === 0 ? '' : `, ${numbers.length === 1 ? 'step' : 'steps'} ${numbers.join(', ')}`;
  return `${resource.type} “${md(resource.name)}” ${mdCode(resource.address)}${steps}`;
}

function callout(kind: 'CAUTION' | 'WARNING', items: readonly string[]): string | undefined {
  if (items.length === 0) return undefined;
  const shown = items.slice(0, CALLOUT_ITEMS).map((item) => `> - ${item}`);
  if (items.length > CALLOUT_ITEMS) shown.push(`> - … and ${String(items.length - CALLOUT_ITEMS)} more below`);
  return [`> [!${kind}]`, ...shown].join('\n');
}

function hashLine(plan: Plan): string {
  const target = `${plan.target.projects.join(', ')} / ${plan.target.environments.join(', ')}`;
  return `Plan hash ${mdCode(shortHash(plan.hash))} · ${md(target)} · ${md(plan.target.baseUrl)}`;
}

/** `sha256:0123456789ab…`: enough to compare by eye; the full hash is in a hidden comment. */
export function shortHash(hash: string): string {
  const match = /^([a-z0-9]+:)?([0-9a-f]+)$/i.exec(hash);
  const digits = match?.[2] ?? hash;
  return digits.length > 12 ? `${match?.[1] ?? ''}${digits.slice(0, 12)}…` : hash;
}

/** The hash inside an HTML comment: only characters that cannot end the comment. */
function safeHash(hash: string): string {
  return hash.replace(/[^A-Za-z0-9:+/=_.]/g, '');
}

/** `<!-- text -->` with anything that could end the comment early removed. */
function hiddenComment(text: string): string {
  const inner = text
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .replace(/--+/g, '-')
    .replace(/[<>\s]+/g, ' ')
    .trim();
  return `<!-- ${inner} -->`;
}

/** Fields handed to the UI (`ignore`): never compared or written, so reviewers know Git is silent on them. */
function ownedElsewhereSection(owners: readonly ResourcePlan[]): string {
  const items = owners.map(
    (resource) =>
      `- ${mdCode(resource.address)}: ${(resource.ownedElsewhere ?? []).map((field) => mdCode(field)).join(', ')}`,
  );
  return ['#### Owned elsewhere', '', 'Never compared or written (`ignore`):', '', ...items].join('\n');
}

function unmanagedSection(plan: Plan): string {
  const rows = plan.unmanaged.map(
    (resource) => `| ${mdCode(resource.address)} | ${md(resource.name)} | ${md(resource.status)} |`,
  );
  const title = `Left alone: ${plural(plan.unmanaged.length, 'resource')} not in the manifests`;
  return [
    `<details><summary>${title}</summary>`,
    '',
    '| Resource | Name | Status |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

function truncationNotice(hidden: readonly Section[]): string {
  const experiments = hidden.filter((section) => section.kind === 'experiment').length;
  const holdouts = hidden.filter((section) => section.kind === 'holdout').length;
  const parts: string[] = [];
  if (experiments > 0) parts.push(`${String(experiments)} more ${experiments === 1 ? 'experiment' : 'experiments'}`);
  if (holdouts > 0) parts.push(`${String(holdouts)} more ${holdouts === 1 ? 'holdout' : 'holdouts'}`);
  if (hidden.some((section) => section.kind === 'owned')) parts.push('the fields owned elsewhere');
  if (hidden.some((section) => section.kind === 'unmanaged')) parts.push('the resources left alone');
  if (hidden.some((section) => section.kind === 'warnings')) parts.push('the warnings');
  return `> **… ${parts.join(', ')} not shown; the full plan is in the job summary.**\n\n${TRUNCATED_MARKER}`;
}

function footer(options: PlanMarkdownOptions): string {
  const parts: string[] = [];
  if (options.createdBy) parts.push(`for ${md(options.createdBy)}`);
  if (options.runUrl) parts.push(mdLink('workflow run', options.runUrl));
  return parts.length > 0 ? `<sub>Planned by ldexp ${parts.join(' · ')}</sub>` : '';
}
