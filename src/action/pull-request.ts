/** Writing to the pull request: the sticky plan comment and reply comments. */
import type { ActionInputs } from './inputs.js';
import type { ActionDeps } from './deps.js';
import { GITHUB_COMMENT_LIMIT, planMarker, upsertPlanComment } from './comments.js';
import type { GitHubContext } from './github-context.js';
import type { ActionOutcome } from './outcome.js';

/** Create or edit this target's sticky comment, when this run is for a pull request and may comment. */
export async function updatePlanComment(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  body: string,
): Promise<void> {
  const pullRequest = context.pullRequest;
  if (!inputs.comment || pullRequest === undefined) return;
  if (deps.github === undefined) {
    deps.reporter.report({ type: 'phase', message: 'No github-token: the plan is in the job summary only' });
    return;
  }
  const { created } = await upsertPlanComment(deps.github, pullRequest.number, planMarker(inputs), body);
  deps.reporter.report({
    type: 'phase',
    message: `${created ? 'Created' : 'Updated'} the plan comment on pull request #${String(pullRequest.number)}`,
  });
}

/**
 * Post a new comment (a reply in the conversation); too long a body is replaced by `fallback`.
 * A reply is a courtesy: failing to post it becomes a notice, never the run's failure reason,
 * because the apply (or the refusal) it reports has already happened.
 */
export async function replyOnPullRequest(
  deps: ActionDeps,
  outcome: ActionOutcome,
  pullRequest: number | undefined,
  body: string,
  fallback: string,
): Promise<void> {
  if (deps.github === undefined || pullRequest === undefined) return;
  try {
    await deps.github.createIssueComment(pullRequest, body.length < GITHUB_COMMENT_LIMIT - 100 ? body : fallback);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome.notices.push(`Could not reply on pull request #${String(pullRequest)}: ${message}`);
  }
}
