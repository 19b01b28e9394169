/** `ldexp drift` for a terminal: per resource, what LaunchDarkly has and what Git says, in words. */
import { createColors } from 'picocolors';

import type { DriftEntry, DriftReport } from '../origin/drift.js';
import type { FieldChange, PlanBase, ResourcePlan } from '../plan/types.js';
import { baseName } from './origins.js';
import { displayAddress, oneLine, plural, shownValue, WARNING_SIGN } from './words.js';
import type { Painter } from './words.js';

const INDENT = '    ';

/** The line that ends every drift report, and says whether there is any. */
export function driftSummary(report: DriftReport): string {
  if (report.drift.length === 0) {
    return report.base
      ? 'No drift: nothing Git describes was changed in LaunchDarkly since the base.'
      : 'No drift: LaunchDarkly matches Git.';
  }
  const count = plural(report.drift.length, 'resource');
  return `Drift in ${count}: LaunchDarkly was changed outside Git, and applying the manifests would revert it. To keep what LaunchDarkly has, run ldexp pull: it writes it into the manifests.`;
}

/** The report; with `color: false` it holds no ANSI escape. */
export function renderDriftText(report: DriftReport, options: { color: boolean }): string {
  const c = createColors(options.color);
  const { baseUrl, projects, environments } = report.target;
  const where = `projects: ${projects.join(', ')}; environments: ${environments.join(', ')}`;
  const head = [c.bold(`ldexp drift for ${oneLine(baseUrl)}`) + c.dim(`  (${oneLine(where)})`)];
  if (report.base) head.push(c.dim(oneLine(driftBaseLine(report.base))));
  const blocks = [head.join('\n'), ...report.drift.map((entry) => entryBlock(entry, c))];
  if (report.pending.length > 0) {
    blocks.push(
      [
        c.bold('Changed in Git since the base, not applied yet (not drift):'),
        ...report.pending.flatMap((entry) =>
          entryBlock(entry, c)
            .split('\n')
            .map((line) => INDENT + line),
        ),
      ].join('\n'),
    );
  }
  if (report.notCreated.length > 0) {
    blocks.push(
      [
        c.bold('Not created yet (in Git, not in LaunchDarkly; apply creates them; not drift):'),
        ...report.notCreated.map((resource) => INDENT + title(resource)),
      ].join('\n'),
    );
  }
  const summary = driftSummary(report);
  blocks.push(report.drift.length > 0 ? c.bold(c.red(`${WARNING_SIGN} ${summary}`)) : c.green(summary));
  return `${blocks.join('\n\n')}\n`;
}

/** With a base, Git's own changes since then are not drift: say what the comparison was. */
export function driftBaseLine(base: PlanBase, code: (text: string) => string = (text) => text): string {
  return `Compared with the manifests at ${baseName(base, code)}: changes made in Git since then are not drift.`;
}

function title(resource: ResourcePlan): string {
  return oneLine(`${displayAddress(resource.address)} (${resource.name})`);
}

function entryBlock(entry: DriftEntry, c: Painter): string {
  const lines = [`${c.yellow('~')} ${c.bold(title(entry.resource))}`];
  lines.push(...driftSentences(entry).map((sentence) => INDENT + oneLine(sentence)));
  return lines.join('\n');
}

/**
 * One sentence per difference: `state: LaunchDarkly has stopped, Git says running`. Shared with
 * the Markdown form, which puts the same parts in a table.
 */
export function driftSentences(entry: DriftEntry): string[] {
  if (entry.noManifest) {
    return [
      `LaunchDarkly has it (${entry.state?.live ?? 'present'}) with the managed tag, and no manifest in Git describes it: apply archives it`,
    ];
  }
  const sentences: string[] = [];
  if (entry.state) {
    const both = entry.state.origin === 'both' ? ' (Git changed it too)' : '';
    sentences.push(`state: LaunchDarkly has ${entry.state.live}, Git says ${entry.state.git}${both}`);
  }
  sentences.push(...entry.changes.map(changeSentence));
  return sentences;
}

function changeSentence(change: FieldChange): string {
  const both = change.origin === 'both' ? ' (Git changed it too)' : '';
  return `${change.field}: LaunchDarkly has ${quoted(change.from)}, Git says ${quoted(change.to)}${both}`;
}

function quoted(value: string | undefined): string {
  return value === undefined ? shownValue(value) : JSON.stringify(value);
}
