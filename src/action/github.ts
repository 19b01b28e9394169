/**
 * The one GitHub REST choke point: base URL from GITHUB_API_URL, the token only in the
 * Authorization header, pagination by `Link`, and failures as `GitHubError` (never with the token).
 */
import { LdexpError, redact } from '../errors.js';

export interface CommentAuthor {
  login: string;
  type: string;
}

export interface IssueComment {
  id: number;
  body: string;
  user: CommentAuthor | null;
  html_url?: string;
}

export interface PullRequestRef {
  number: number;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  html_url?: string;
}

/** What the Action needs from GitHub, and nothing more. */
export interface GitHubClient {
  listIssueComments(issue: number): Promise<IssueComment[]>;
  createIssueComment(issue: number, body: string): Promise<IssueComment>;
  updateIssueComment(commentId: number, body: string): Promise<IssueComment>;
  pullRequestsForCommit(sha: string): Promise<PullRequestRef[]>;
}

export interface GitHubClientOptions {
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  /** Injected transport, for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** A GitHub API call failed; the message names the call and GitHub's message, never the token. */
export class GitHubError extends LdexpError {
  override readonly name = 'GitHubError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(
      'GitHubError',
      `GitHub API ${method} ${path} → ${status === 0 ? 'network error' : String(status)}: ${detail}`,
      'remote',
    );
  }
}

const PAGE_SIZE = 100;
// A runaway `Link` chain must not loop forever; 50 pages is 5,000 comments.
const MAX_PAGES = 50;

/** Create the client for one repository. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const request = requester(options);
  const repoPath = `/repos/${encodeURIComponent(options.owner)}/${encodeURIComponent(options.repo)}`;
  return {
    listIssueComments: (issue) =>
      request.paginate<IssueComment>(`${repoPath}/issues/${String(issue)}/comments?per_page=${String(PAGE_SIZE)}`),
    createIssueComment: (issue, body) =>
      request.json<IssueComment>('POST', `${repoPath}/issues/${String(issue)}/comments`, { body }),
    updateIssueComment: (commentId, body) =>
      request.json<IssueComment>('PATCH', `${repoPath}/issues/comments/${String(commentId)}`, { body }),
    pullRequestsForCommit: (sha) =>
      request.paginate<PullRequestRef>(
        `${repoPath}/commits/${encodeURIComponent(sha)}/pulls?per_page=${String(PAGE_SIZE)}`,
      ),
  };
}

interface Requester {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  paginate<T>(path: string): Promise<T[]>;
}

function requester(options: GitHubClientOptions): Requester {
  const base = new URL(`${options.apiUrl.replace(/\/+$/, '')}/`);
  const doFetch = options.fetch ?? fetch;

  async function send(method: string, url: URL, body?: unknown): Promise<Response> {
    const path = url.pathname;
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${options.token}`,
          'User-Agent': 'ldexp-action',
          'X-GitHub-Api-Version': '2022-11-28',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new GitHubError(
        0,
        method,
        path,
        redact(cause instanceof Error ? cause.message : String(cause), options.token),
      );
    }
    if (!response.ok)
      throw new GitHubError(response.status, method, path, await failureDetail(response, options.token));
    return response;
  }

  return {
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, resolve(base, path), body);
      return (await response.json()) as T;
    },
    async paginate<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let url: URL | undefined = resolve(base, path);
      for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
        const response = await send('GET', url);
        items.push(...((await response.json()) as T[]));
        url = nextPage(response.headers.get('link'), base);
      }
      return items;
    },
  };
}

/** Paths are relative to the API root, which on GHES carries a prefix (`/api/v3`). */
function resolve(base: URL, path: string): URL {
  return new URL(path.replace(/^\//, ''), base);
}

/** Follow `rel="next"` only to the same origin, so the token never travels elsewhere. */
export function nextPage(link: string | null, base: URL): URL | undefined {
  if (link === null) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1] === undefined) continue;
    const next = new URL(match[1], base);
    return next.origin === base.origin ? next : undefined;
  }
  return undefined;
}

async function failureDetail(response: Response, token: string): Promise<string> {
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page): keep the start of the text.
  }
  return redact(message.slice(0, 300), token) || response.statusText;
}
