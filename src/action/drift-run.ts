/** `command: drift`: a scheduled check that fails when LaunchDarkly was changed outside Git. */
import { driftReport } from '../origin/index.js';
import { renderDriftMarkdown } from '../render/index.js';
import type { ActionDeps } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutcome } from './outcome.js';
import { fail } from './outcome.js';
import { checkedPlan, planAgainstBase } from './plan-run.js';

/** The job summary gets the report; `changes` is true exactly when there is drift. Never comments. */
export async function runDrift(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Promise<void> {
  const planned = checkedPlan(await planAgainstBase(inputs, context, deps, outcome), inputs, deps, outcome);
  if (planned === undefined) return;
  const report = driftReport(planned);
  outcome.outputs.changes = report.drift.length > 0;
  outcome.stepSummary.push(renderDriftMarkdown(report, { maxLength: 800_000 }));
  if (report.drift.length > 0) {
    const count = report.drift.length;
    fail(
      outcome,
      'drift',
      `LaunchDarkly was changed outside Git: ${String(count)} ${count === 1 ? 'resource differs' : 'resources differ'} from the manifests; see the job summary`,
    );
  }
}
