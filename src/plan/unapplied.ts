/**
 * Differences a plan leaves: what a manifest says that no step makes true, and why. Each one
 * keeps the plan from saying "No changes" and makes `--detailed-exitcode` exit 2, so a drift check
 * never passes while Git and LaunchDarkly disagree.
 */
import type { ResourceDiff } from '../diff/types.js';
import type { ExperimentManifest } from '../manifest/types.js';
import type { CanonicalExperiment } from '../normalize/types.js';
import type { Problem } from '../types.js';
import type { DraftStep } from './draft.js';
import type { Shown } from './experiment.js';
import type { FieldChange, UnappliedDifferences } from './types.js';

/** One experiment's plan as far as what it leaves undone goes. */
export interface ExperimentChanges {
  manifest: ExperimentManifest;
  diff: Pick<ResourceDiff<CanonicalExperiment>, 'changes' | 'changesIn'>;
  /** Which of them the lifecycle cell's steps make. */
  shown: Shown;
  steps: readonly DraftStep[];
  problems: readonly Problem[];
}

/** The diff's changes split into those the experiment's steps make and those they leave. */
export function splitExperimentChanges(p: ExperimentChanges): {
  changes: FieldChange[];
  unapplied?: UnappliedDifferences;
} {
  // Membership changes only at creation or by removeExperiment; other steps do not make it.
  const membership = p.steps.some((s) => s.kind === 'createExperiment' || s.instructions.includes('removeExperiment'));
  const made = shownChanges(p).filter((change) => (change.field === 'holdout' ? membership : p.steps.length > 0));
  const left = p.diff.changes.filter((change) => !made.includes(change));
  if (left.length === 0) return { changes: made };
  return { changes: made, unapplied: { reason: experimentReason(p, left), changes: left } };
}

function shownChanges(p: ExperimentChanges): FieldChange[] {
  if (p.shown === 'none') return [];
  return p.shown === 'all' ? [...p.diff.changes] : p.diff.changesIn('metadata');
}

/**
 * Why: the cell's own warnings say it best (a stopped design, an archived experiment that does not
 * exist, a holdout that has ended); otherwise it follows from the state the manifest asks for.
 */
function experimentReason(p: ExperimentChanges, left: readonly FieldChange[]): string {
  const warnings = p.problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.message);
  if (warnings.length > 0) return warnings.join('; ');
  const key = p.manifest.key;
  const fields = [...new Set(left.map((change) => change.field.replace(/^iteration\./, '').split(/[.[]/)[0]))].join(
    ', ',
  );
  switch (p.manifest.spec.state) {
    case 'archived':
      return `experiment "${key}" is archived as it is: ldexp does not edit an archived experiment, so LaunchDarkly keeps its ${fields}; ask for state draft, running or stopped to restore it with these changes`;
    case 'stopped':
      return `stopping ends the running iteration of "${key}" with the design it ran with, so ${fields} can only change in a new iteration (state draft or running)`;
    default:
      return `no LaunchDarkly instruction changes ${fields} of experiment "${key}" in its current state`;
  }
}

/** A holdout's differences that no step makes, with the reason; undefined when there are none. */
export function holdoutUnapplied(changes: FieldChange[], reason: string): UnappliedDifferences | undefined {
  return changes.length > 0 ? { reason, changes } : undefined;
}
