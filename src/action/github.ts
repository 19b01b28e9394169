/**
 * The one GitHub REST choke point: base URL from GITHUB_API_URL, the token only in the
 * Authorization header, pagination by `Link`, and failures as `GitHubError` (never with the token).
 * It sends through undici with an injectable dispatcher, like the LaunchDarkly client: one HTTP
 * stack, one way for tests to put a transport underneath.
 */
import { request as undiciRequest, type Dispatcher } from '../live/undici.js';

import { GitHubError, redact } from '../errors.js';

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
  /** Injected transport, for tests; undici's global dispatcher otherwise. */
  dispatcher?: Dispatcher;
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

type HttpMethod = 'GET' | 'POST' | 'PATCH';

interface Requester {
  json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  paginate<T>(path: string): Promise<T[]>;
}

/** A successful answer: its parsed body and the `Link` header that points at the next page. */
interface Answer {
  body: unknown;
  link: string | undefined;
}

function requester(options: GitHubClientOptions): Requester {
  const base = new URL(`${options.apiUrl.replace(/\/+$/, '')}/`);

  async function send(method: HttpMethod, url: URL, body?: unknown): Promise<Answer> {
    const path = url.pathname;
    let response: Dispatcher.ResponseData;
    try {
      // undici.request never follows redirects: a 3xx is a failure below, so the token stays here.
      response = await undiciRequest(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${options.token}`,
          'user-agent': 'ldexp-action',
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new GitHubError(0, method, path, redact(detail, options.token));
    }
    const text = await response.body.text();
    const status = response.statusCode;
    if (status < 200 || status > 299) throw new GitHubError(status, method, path, failureDetail(text, options.token));
    return { body: parseJson(text, status, method, path), link: firstHeader(response.headers.link) };
  }

  return {
    async json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      return (await send(method, resolve(base, path), body)).body as T;
    },
    async paginate<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let url: URL | undefined = resolve(base, path);
      for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
        const answer = await send('GET', url);
        if (!Array.isArray(answer.body)) {
          throw new GitHubError(200, 'GET', url.pathname, 'expected a JSON array');
        }
        items.push(...(answer.body as T[]));
        url = nextPage(answer.link ?? null, base);
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

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A success that is not JSON (a proxy's login page) must not pass for an empty answer. */
function parseJson(text: string, status: number, method: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GitHubError(status, method, path, `the answer is not JSON: ${JSON.stringify(text.slice(0, 100))}`);
  }
}

function failureDetail(text: string, token: string): string {
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page): keep the start of the text.
  }
  return redact(message.slice(0, 300), token) || '(empty body)';
}
