/** What the runner tells the Action about the run: environment variables plus the event payload. */
import { UsageError } from '../errors.js';

export interface PullRequestInfo {
  number: number;
  /** The head branch lives in another repository, so the workflow gets no secrets. */
  fromFork: boolean;
  /** `pull_request.base.sha`: the commit the pull request is compared with (`base: auto`). */
  baseSha?: string;
}

export interface GitHubContext {
  eventName: string;
  owner: string;
  repo: string;
  sha: string;
  apiUrl: string;
  /** Link to this workflow run, for "full plan in the job summary" notes. */
  runUrl?: string;
  /** Set on `pull_request` / `pull_request_target` events. */
  pullRequest?: PullRequestInfo;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Build the context from the runner's variables and the parsed `GITHUB_EVENT_PATH` payload. */
export function githubContextFrom(env: Env, event: unknown): GitHubContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo)
    throw new UsageError('GITHUB_REPOSITORY is not set: this entry point runs inside GitHub Actions');
  const context: GitHubContext = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
  };
  const runUrl = runUrlOf(env);
  if (runUrl !== undefined) context.runUrl = runUrl;
  const pullRequest = pullRequestOf(event);
  if (pullRequest !== undefined) context.pullRequest = pullRequest;
  return context;
}

function runUrlOf(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  if (!server || !repository || !runId) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`;
}

function pullRequestOf(event: unknown): PullRequestInfo | undefined {
  const pr = field(event, 'pull_request');
  const number = field(pr, 'number');
  if (typeof number !== 'number') return undefined;
  const headRepo = field(field(pr, 'head'), 'repo');
  const baseRepo = field(field(pr, 'base'), 'repo');
  const headName = field(headRepo, 'full_name');
  const baseName = field(baseRepo, 'full_name');
  // Compare names rather than `head.repo.fork`: a repository that is itself a fork gets secrets for
  // its own branches. A deleted fork has `head.repo: null`; secrets are withheld then too.
  const fromFork = headRepo === null || headName !== baseName;
  const baseSha = field(field(pr, 'base'), 'sha');
  return typeof baseSha === 'string' && /^[0-9a-f]{40,64}$/i.test(baseSha)
    ? { number, fromFork, baseSha }
    : { number, fromFork };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
