/**
 * `command: apply`: re-plan from HEAD and apply only what reviewers saw, i.e. only when the new
 * plan's hash equals the one in the pull request's ldexp comment.
 */
import type { ApplyReport } from '../apply/types.js';
import type { Plan } from '../plan/types.js';
import { hasChanges, hasSteps } from '../plan/types.js';
import { renderApplyReportMarkdown, unappliedPhrase } from '../render/index.js';
import { commentPlan, stepSummaryPlan } from './budget.js';
import { planMarker } from './comments.js';
import type { ActionDeps } from './deps.js';
import { connectionOf, defaultsOf, titleOf } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutcome } from './outcome.js';
import { fail } from './outcome.js';
import { changedLines, diffBlock } from './plan-diff.js';
import { checkedPlan } from './plan-run.js';
import { replyOnPullRequest } from './pull-request.js';
import type { Review } from './review.js';
import { findReview } from './review.js';

export async function runApply(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Promise<void> {
  const connection = connectionOf(inputs, deps);
  const planned = checkedPlan(
    await deps.pipeline.plan(inputs.paths, defaultsOf(inputs), connection),
    inputs,
    deps,
    outcome,
  );
  if (planned === undefined) return;
  const title = titleOf('apply', inputs);
  const runUrl = context.runUrl === undefined ? {} : { runUrl: context.runUrl };
  if (!hasSteps(planned)) {
    outcome.stepSummary.push(stepSummaryPlan(planned, { title, ...runUrl }));
    outcome.notices.push(
      hasChanges(planned)
        ? `Nothing to apply, but ${unappliedPhrase(planned) ?? 'LaunchDarkly differs from the manifests'}: see the job summary.`
        : 'Nothing to apply: LaunchDarkly already matches the manifests.',
    );
    return;
  }

  const review = await findReview(context, deps.github, planMarker(inputs));
  if (review.hash !== planned.hash && !(await acceptUnreviewed(inputs, context, deps, outcome, planned, review)))
    return;

  const report = await deps.pipeline.applyPlan(planned, connection, { checkFreshness: false });
  outcome.outputs.summary = JSON.stringify({
    ...planned.summary,
    applied: { ok: report.ok, failed: report.failed, skipped: report.skipped },
  });
  const reportMarkdown = renderApplyReportMarkdown(report, planned);
  outcome.stepSummary.push(
    `## ${title}\n\n${reportMarkdown}`,
    stepSummaryPlan(planned, { title: 'The applied plan', ...runUrl }),
  );
  await replyOnPullRequest(
    deps,
    outcome,
    review.pullRequest,
    applyReply(title, context, reportMarkdown),
    applyReplyFallback(title, context, report),
  );
  if (report.failed > 0) {
    fail(
      outcome,
      'apply-failed',
      `${String(report.failed)} of ${String(report.outcomes.length)} step(s) failed; see the job summary`,
    );
  }
}

/**
 * The plan is not the reviewed one. Refuse (the default) with what differs, or, when
 * `allow-unreviewed-changes` is set, say so loudly and go on.
 */
async function acceptUnreviewed(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
  planned: Plan,
  review: Review,
): Promise<boolean> {
  const why =
    review.hash === undefined
      ? `No reviewed plan: ${review.missing ?? 'unknown reason'}.`
      : planChangedText(review.hash, planned.hash);
  if (inputs.allowUnreviewedChanges) {
    outcome.notices.push(`Applying an unreviewed plan because allow-unreviewed-changes is true. ${why}`);
    return true;
  }
  const title = titleOf('apply', inputs);
  const runUrl = context.runUrl === undefined ? {} : { runUrl: context.runUrl };
  const difference =
    review.body === undefined
      ? ''
      : differenceSection(
          review.body,
          commentPlan(planned, { title: titleOf('plan', inputs), marker: planMarker(inputs), ...runUrl }),
        );
  outcome.stepSummary.push(
    `## ${title}: refused, nothing was changed\n\n${why}\n\n${difference}`.trimEnd(),
    stepSummaryPlan(planned, { title: 'The plan as of this commit (not applied)', ...runUrl }),
  );
  const heading = `## ${title}: refused, nothing was changed\n\n${why}\n\n`;
  const newPlan = commentPlan(
    planned,
    { title: 'The plan as of this commit (not applied)', ...runUrl },
    heading.length + 100,
  );
  const fallback = `${heading}The new plan is in the job summary${context.runUrl === undefined ? '' : ` of ${context.runUrl}`}.`;
  await replyOnPullRequest(deps, outcome, review.pullRequest, heading + newPlan, fallback);
  const reason = review.hash === undefined ? 'no-reviewed-plan' : 'plan-changed';
  fail(outcome, reason, `${why} Re-run the plan on a pull request and merge it once reviewed.`);
  return false;
}

function planChangedText(reviewed: string, current: string): string {
  return (
    `The plan changed since review: the pull request's comment approved plan \`${reviewed.slice(0, 12)}\`, ` +
    `but planning this commit gives \`${current.slice(0, 12)}\`. LaunchDarkly or the manifests moved after the plan was reviewed.`
  );
}

function differenceSection(reviewedBody: string, currentBody: string): string {
  const lines = changedLines(reviewedBody, currentBody);
  if (lines.length === 0) return '';
  return `### What differs from the reviewed comment\n\n${diffBlock(lines)}\n`;
}

function applyReply(title: string, context: GitHubContext, reportMarkdown: string): string {
  return `<!-- ldexp:apply -->\n## ${title} (commit ${context.sha.slice(0, 12)})\n\n${reportMarkdown}`;
}

function applyReplyFallback(title: string, context: GitHubContext, report: ApplyReport): string {
  return (
    `<!-- ldexp:apply -->\n## ${title} (commit ${context.sha.slice(0, 12)})\n\n` +
    `${String(report.ok)} step(s) succeeded, ${String(report.failed)} failed, ${String(report.skipped)} skipped. ` +
    `The full report is in the job summary${context.runUrl === undefined ? '' : ` of ${context.runUrl}`}.`
  );
}
