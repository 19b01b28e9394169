/**
 * `ldexp drift --format markdown`: the report for a scheduled job's summary or an issue, one table
 * per drifted resource (what LaunchDarkly has, what Git says), within GitHub's size limit.
 */
import type { DriftEntry, DriftReport } from '../origin/drift.js';
import type { ResourcePlan } from '../plan/types.js';
import { driftBaseLine, driftSummary } from './drift-text.js';
import { md, mdCode, mdValue } from './markdown-escape.js';
import { DEFAULT_MAX_LENGTH } from './plan-markdown.js';
import { plural } from './words.js';

const NONE = '—';

/** The report as Markdown; never longer than `maxLength` characters (default 65,000). */
export function renderDriftMarkdown(report: DriftReport, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const head = header(report);
  const sections = [
    ...report.drift.map(entrySection),
    ...(report.pending.length > 0 ? [pendingSection(report.pending)] : []),
    ...(report.notCreated.length > 0 ? [notCreatedSection(report.notCreated)] : []),
  ];
  const shown: string[] = [];
  const reserve = 200;
  let used = head.length + reserve;
  for (const section of sections) {
    if (used + section.length + 2 > maxLength) break;
    shown.push(section);
    used += section.length + 2;
  }
  if (shown.length < sections.length) {
    shown.push(
      `> **… ${plural(sections.length - shown.length, 'more section')} not shown; run \`ldexp drift\` for all of it.**`,
    );
  }
  const result = `${[head, ...shown].join('\n\n')}\n`;
  return result.length <= maxLength ? result : result.slice(0, maxLength);
}

function header(report: DriftReport): string {
  const summary = driftSummary(report);
  const lines = [
    '### ldexp drift',
    '',
    report.drift.length > 0 ? `> [!WARNING]\n> **${md(summary)}**` : `**${md(summary)}**`,
  ];
  const where = `${report.target.projects.join(', ')} / ${report.target.environments.join(', ')} · ${report.target.baseUrl}`;
  lines.push('', md(where));
  if (report.base) lines.push('', driftBaseLine(report.base, mdCode));
  return lines.join('\n');
}

function title(resource: ResourcePlan): string {
  return `${resource.type} “${md(resource.name)}” ${mdCode(resource.address)}`;
}

function entrySection(entry: DriftEntry): string {
  const heading = `#### ${title(entry.resource)}`;
  if (entry.noManifest) {
    return `${heading}\n\nLaunchDarkly has it (${md(entry.state?.live ?? 'present')}) with the managed tag, and no manifest in Git describes it: apply archives it.`;
  }
  return `${heading}\n\n${table(entry)}`;
}

function table(entry: DriftEntry): string {
  const note = (origin: string | undefined): string => (origin === 'both' ? ' (Git changed it too)' : '');
  const rows: string[] = [];
  if (entry.state)
    rows.push(`| state${note(entry.state.origin)} | ${cell(entry.state.live)} | ${cell(entry.state.git)} |`);
  for (const change of entry.changes) {
    rows.push(`| ${md(change.field)}${note(change.origin)} | ${cell(change.from)} | ${cell(change.to)} |`);
  }
  return ['| Field | LaunchDarkly has | Git says |', '| --- | --- | --- |', ...rows].join('\n');
}

function cell(value: string | undefined): string {
  return value === undefined ? NONE : mdValue(value) || '(empty)';
}

function pendingSection(pending: readonly DriftEntry[]): string {
  const parts = pending.map((entry) => `${title(entry.resource)}\n\n${table(entry)}`);
  return [
    `<details><summary>Changed in Git since the base, not applied yet (not drift): ${plural(pending.length, 'resource')}</summary>`,
    '',
    ...parts.flatMap((part) => [part, '']),
    '</details>',
  ].join('\n');
}

function notCreatedSection(resources: readonly ResourcePlan[]): string {
  return [
    `<details><summary>Not created yet (in Git, not in LaunchDarkly; apply creates them): ${plural(resources.length, 'resource')}</summary>`,
    '',
    ...resources.map((resource) => `- ${title(resource)}`),
    '',
    '</details>',
  ].join('\n');
}
