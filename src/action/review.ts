/** On merge: which pull request brought this commit, and which plan hash its reviewers saw. */
import { findPlanComment, planHashOf } from './comments.js';
import type { GitHubClient, PullRequestRef } from './github.js';
import type { GitHubContext } from './github-context.js';

export interface Review {
  pullRequest?: number;
  /** The hash in the pull request's ldexp comment. */
  hash?: string;
  /** That comment's body, to show what differs from the new plan. */
  body?: string;
  /** Why no hash was found, in words for the job summary. */
  missing?: string;
}

/** Look up the reviewed plan for this run's commit (or this run's pull request). */
export async function findReview(
  context: GitHubContext,
  github: GitHubClient | undefined,
  marker: string,
): Promise<Review> {
  if (github === undefined) return { missing: 'the job has no github-token, so the pull request cannot be read' };
  const pullRequest =
    context.pullRequest?.number ?? introducingPullRequest(await github.pullRequestsForCommit(context.sha), context.sha);
  if (pullRequest === undefined) {
    return { missing: `no pull request is associated with commit ${context.sha.slice(0, 12)} (pushed directly?)` };
  }
  const comment = findPlanComment(await github.listIssueComments(pullRequest), marker);
  if (comment === undefined)
    return { pullRequest, missing: `pull request #${String(pullRequest)} has no ldexp plan comment for this target` };
  const hash = planHashOf(comment.body);
  if (hash === undefined) {
    return {
      pullRequest,
      body: comment.body,
      missing: `the plan comment on pull request #${String(pullRequest)} holds no plan (the last plan failed?)`,
    };
  }
  return { pullRequest, hash, body: comment.body };
}

/**
 * The merged pull request whose merge produced `sha`; else a merged one containing it (rebase
 * merges); else any. GitHub lists every pull request that contains the commit.
 */
export function introducingPullRequest(pulls: readonly PullRequestRef[], sha: string): number | undefined {
  const merged = pulls.filter((pull) => pull.merged_at !== null);
  return (merged.find((pull) => pull.merge_commit_sha === sha) ?? merged[0] ?? pulls[0])?.number;
}
