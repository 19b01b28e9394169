/**
 * What a resource change means, in words for reviewers who are not infra engineers (product
 * managers, analysts). The text is ours; every value inside it comes back through `md`.
 */
import type { ResourcePlan } from '../plan/types.js';
import { md } from './markdown-escape.js';

/** Short impact names for section titles. */
export const IMPACT_TITLES: Record<ResourcePlan['impact'], string> = {
  none: 'no change',
  metadata: 'details only',
  'draft-edit': 'draft edit',
  create: 'new',
  start: 'starts',
  restore: 'restore',
  'new-iteration': 'new iteration, results restart from zero',
  stop: 'stop',
  archive: 'archive',
  irreversible: 'cannot be undone',
};

/** A sign per impact, so the disruptive sections stand out while scrolling. */
export const IMPACT_ICONS: Record<ResourcePlan['impact'], string> = {
  none: '⚪',
  metadata: '✏️',
  'draft-edit': '✏️',
  create: '➕',
  start: '▶️',
  restore: '♻️',
  'new-iteration': '🔄',
  stop: '⏹️',
  archive: '📦',
  irreversible: '🛑',
};

/** One or two sentences saying what the change does to traffic and results. */
export function explainImpact(resource: ResourcePlan): string {
  const noun = resource.type;
  switch (resource.impact) {
    case 'none':
      return 'Nothing changes.';
    case 'metadata':
      return 'Changes descriptive details only: traffic and results are not affected.';
    case 'draft-edit':
      return 'Edits the draft iteration. Nothing is running yet, so no results are affected.';
    case 'create':
      return noun === 'holdout'
        ? 'Creates the holdout.'
        : 'Creates the experiment as a draft. No traffic is affected until it starts.';
    case 'start':
      return `${resource.action === 'create' ? 'Creates the experiment and starts it' : 'Starts the experiment'}: users are assigned to treatments and results start being collected.`;
    case 'restore':
      return 'Restores the experiment from the archive.';
    case 'new-iteration':
      return newIteration(resource);
    case 'stop':
      return `${stopping(resource)} Results stop being collected.`;
    case 'archive':
      return resource.stateFrom === 'running'
        ? `${stopping(resource)} Then archives it; it can be restored later.`
        : `Archives the ${noun}: it is hidden from lists and can be restored later.`;
    case 'irreversible':
      return irreversible(resource);
  }
}

function newIteration(resource: ResourcePlan): string {
  const started = resource.context?.iterationStartedAt;
  const number = resource.context?.iterationNumber;
  const since = started ? `since ${md(shortDate(started))} ` : 'so far ';
  const restarts = number === undefined ? 'the iteration' : `iteration ${String(number)}`;
  const next = number === undefined ? 'the new iteration' : `iteration ${String(number + 1)}`;
  const justification = resource.context?.changeJustification;
  return (
    `**Restarts ${restarts}:** the results collected ${since}stay with it; ${next} starts from zero. ` +
    'Unless traffic reshuffling is turned off, users may be reassigned to other treatments.' +
    (justification === undefined ? '' : `\n\n**Justification:** ${md(justification)}`)
  );
}

function irreversible(resource: ResourcePlan): string {
  if (resource.type === 'holdout') return '**Ends the holdout: this cannot be undone.**';
  // The only irreversible step of an experiment is leaving its holdout (`holdout: null`).
  const left = resource.changes.find((change) => change.field === 'holdout')?.from;
  return left === undefined
    ? '**This change cannot be undone.**'
    : `**Removes the experiment from holdout ${md(left)}: this cannot be undone, it can never rejoin.**`;
}

function stopping(resource: ResourcePlan): string {
  const winner = resource.context?.winner ?? resource.changes.find((change) => /(^|\.)winner$/.test(change.field))?.to;
  return winner === undefined
    ? '**Stops the experiment.**'
    : `**Stops the experiment and declares ${md(winner)} the winner.**`;
}

/** `2024-05-01T09:30:00Z` → `2024-05-01`; anything else is shown as given. */
function shortDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
}
