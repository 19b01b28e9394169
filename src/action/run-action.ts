/**
 * The Action, minus the process: inputs + GitHub context + injected pipeline and GitHub client in,
 * an `ActionOutcome` out. Every error ends here as a `failure-reason`, with tokens redacted.
 */
import { GitError, GitHubError, LdexpError, ManifestError, StalePlanError, UsageError, redact } from '../errors.js';
import { hasErrors } from '../pipeline.js';
import { renderProblemsMarkdown } from '../render/index.js';
import { runApply } from './apply-run.js';
import type { ActionDeps } from './deps.js';
import { defaultsOf, titleOf } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutcome, FailureReason } from './outcome.js';
import { emptyOutcome, fail } from './outcome.js';
import { runDrift } from './drift-run.js';
import { runPlan } from './plan-run.js';

export const FORK_MESSAGE =
  'This pull request comes from a fork. GitHub does not pass secrets to pull_request workflows from forks, ' +
  'so there is no LaunchDarkly token and the plan cannot read LaunchDarkly. The manifests were validated offline; ' +
  'a maintainer can review the change and run the plan from a branch of this repository.';

export const NO_TOKEN_MESSAGE =
  'The api-token input is empty, so the plan cannot read LaunchDarkly. The manifests were validated offline. ' +
  'Pass a read-only LaunchDarkly token, e.g. `api-token: ${{ secrets.LD_READ_TOKEN }}`.';

/** Run one Action invocation. Never throws. */
export async function runAction(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
): Promise<ActionOutcome> {
  const outcome = emptyOutcome();
  try {
    if (inputs.apiToken === '') await runWithoutToken(inputs, context, deps, outcome);
    else if (inputs.command === 'plan') await runPlan(inputs, context, deps, outcome);
    else if (inputs.command === 'drift') await runDrift(inputs, context, deps, outcome);
    else await runApply(inputs, context, deps, outcome);
  } catch (error) {
    if (error instanceof ManifestError) outcome.problems.push(...error.problems);
    fail(outcome, reasonOf(error), messageOf(error, [inputs.apiToken, inputs.githubToken]));
  }
  return outcome;
}

/**
 * No LaunchDarkly token: a plan validates offline and ends neutral (a fork cannot be blamed for
 * GitHub withholding secrets); an apply cannot do anything useful and fails.
 */
async function runWithoutToken(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Promise<void> {
  const why = context.pullRequest?.fromFork === true ? FORK_MESSAGE : NO_TOKEN_MESSAGE;
  if (inputs.command === 'apply') {
    fail(
      outcome,
      'invalid-inputs',
      'apply needs the api-token input: a LaunchDarkly API access token with write access',
    );
    return;
  }
  if (inputs.command === 'drift') {
    fail(outcome, 'invalid-inputs', 'drift needs the api-token input: a read-only LaunchDarkly API access token');
    return;
  }
  const { problems } = await deps.pipeline.validate(inputs.paths, defaultsOf(inputs));
  outcome.problems.push(...problems);
  const title = titleOf('plan', inputs);
  if (hasErrors(problems)) {
    outcome.stepSummary.push(`## ${title}\n\n${renderProblemsMarkdown(problems, { cwd: deps.cwd })}`);
    fail(outcome, 'invalid-manifests', 'The manifests have errors; see the annotations and the job summary');
    return;
  }
  outcome.notices.push(why);
  outcome.stepSummary.push(`## ${title}: skipped\n\n> [!NOTE]\n> ${why}\n`);
}

function reasonOf(error: unknown): FailureReason {
  if (error instanceof ManifestError) return 'invalid-manifests';
  if (error instanceof StalePlanError) return 'stale-plan';
  if (error instanceof GitError || (error instanceof LdexpError && error.code === 'BaseNotCompared'))
    return 'base-unavailable';
  if (error instanceof UsageError) return 'invalid-inputs';
  // LaunchDarkly's and GitHub's failures alike (RemoteError, GitHubError) come from a server.
  if (error instanceof LdexpError)
    return error.source === 'remote' ? 'api-error' : error.source === 'user' ? 'invalid-inputs' : 'internal-error';
  return 'internal-error';
}

function messageOf(error: unknown, secrets: readonly string[]): string {
  let message: string;
  if (error instanceof GitHubError && error.status === 403) {
    message = `${error.message}. The workflow needs \`permissions: pull-requests: write\` (and \`contents: read\`) to comment.`;
  } else if (error instanceof LdexpError) {
    message = error.source === 'internal' ? `Internal error (please report it): ${error.message}` : error.message;
  } else {
    message = `Internal error (please report it at https://github.com/ldexp/ldexp/issues): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  return secrets.reduce((text, secret) => redact(text, secret), message);
}
