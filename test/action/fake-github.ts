/**
 * A fake GitHub REST API on 127.0.0.1 port 0, for the Action's end-to-end tests. It implements the
 * few routes the Action uses (issue comments: list with `Link` pagination, create, update;
 * `commits/{sha}/pulls`), keeps comments in memory, checks the bearer token, and records every
 * request with its raw body.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export interface RecordedGitHubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  bodyText: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedGitHubRequest[];
  comments: FakeComment[];
  /** Pull requests that `GET /repos/{o}/{r}/commits/{sha}/pulls` returns, per sha. */
  pullsByCommit: Map<string, FakePull[]>;
  /** Add a comment as if someone posted it (e.g. a person forging a marker). */
  addComment(issue: number, body: string, user?: FakeComment['user']): FakeComment;
  commentsOn(issue: number): FakeComment[];
  close(): Promise<void>;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;

/** Start the fake; only requests carrying `Authorization: Bearer <token>` are answered. */
export async function startFakeGitHub(options: {
  token: string;
  owner: string;
  repo: string;
  pageSize?: number;
}): Promise<FakeGitHub> {
  const requests: RecordedGitHubRequest[] = [];
  const comments: FakeComment[] = [];
  const pullsByCommit = new Map<string, FakePull[]>();
  let nextId = 1000;
  const prefix = `/repos/${options.owner}/${options.repo}`;
  const pageLimit = options.pageSize ?? 100;

  function addComment(issue: number, body: string, user: FakeComment['user'] = { ...BOT }): FakeComment {
    const comment = { id: nextId++, issue, body, user };
    comments.push(comment);
    return comment;
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const bodyText = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        bodyText,
      });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        send(401, { message: 'Bad credentials' });
        return;
      }
      const path = url.pathname;
      let match: RegExpExecArray | null;
      if (req.method === 'GET' && (match = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
        const issue = Number(match[1]);
        const page = Number(url.searchParams.get('page') ?? '1');
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '30'), pageLimit);
        const all = comments.filter((comment) => comment.issue === issue);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(url.toString());
          next.host = req.headers.host ?? next.host;
          next.searchParams.set('page', String(page + 1));
          headers.link = `<http://${req.headers.host ?? ''}${next.pathname}${next.search}>; rel="next"`;
        }
        send(200, slice.map(toApi), headers);
        return;
      }
      if (req.method === 'POST' && (match = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
        const body = parseBody(bodyText);
        if (body.length > 65_536) {
          send(422, {
            message: 'Validation Failed',
            errors: [{ message: 'Body is too long (maximum is 65536 characters)' }],
          });
          return;
        }
        send(201, toApi(addComment(Number(match[1]), body)));
        return;
      }
      if (req.method === 'PATCH' && (match = new RegExp(`^${prefix}/issues/comments/(\\d+)$`).exec(path))) {
        const comment = comments.find((candidate) => candidate.id === Number(match?.[1]));
        const body = parseBody(bodyText);
        if (!comment) send(404, { message: 'Not Found' });
        else if (body.length > 65_536) send(422, { message: 'Body is too long (maximum is 65536 characters)' });
        else {
          comment.body = body;
          send(200, toApi(comment));
        }
        return;
      }
      if (req.method === 'GET' && (match = new RegExp(`^${prefix}/commits/([^/]+)/pulls$`).exec(path))) {
        send(200, pullsByCommit.get(match[1] ?? '') ?? []);
        return;
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    comments,
    pullsByCommit,
    addComment,
    commentsOn: (issue) => comments.filter((comment) => comment.issue === issue),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

function parseBody(text: string): string {
  const parsed = JSON.parse(text) as { body?: unknown };
  return typeof parsed.body === 'string' ? parsed.body : '';
}

function toApi(comment: FakeComment): unknown {
  return {
    id: comment.id,
    body: comment.body,
    user: comment.user,
    html_url: `https://github.example/comment/${String(comment.id)}`,
  };
}
