/**
 * The GitHub client sends through undici with an injectable dispatcher (as the LaunchDarkly client
 * does), and every failure is a GitHubError from the one error module: a stable code, source
 * `remote`, the token never in the message.
 */
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { createGitHubClient } from '../../src/action/github.js';
import { describeFailure } from '../../src/cli/exit-code.js';
import { GitHubError, LdexpError } from '../../src/errors.js';

// Never contacted: the mock agent answers, and refuses to connect anywhere for real.
const API = 'http://127.0.0.1:9';
const TOKEN = 'ghs_secret-token-value';
const COMMENTS = '/repos/acme/experiments/issues/7/comments';

let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});

function client(): ReturnType<typeof createGitHubClient> {
  return createGitHubClient({ apiUrl: API, token: TOKEN, owner: 'acme', repo: 'experiments', dispatcher: agent });
}

afterEach(async () => {
  await agent.close();
});

async function failure(promise: Promise<unknown>): Promise<GitHubError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}

describe('GitHub client transport', () => {
  test('requests go through the injected dispatcher, with the token only in the Authorization header', async () => {
    const github = client();
    const seen: Record<string, string>[] = [];
    agent
      .get(API)
      .intercept({ path: `${COMMENTS}?per_page=100`, method: 'GET' })
      .reply((options) => {
        seen.push(options.headers as Record<string, string>);
        return {
          statusCode: 200,
          data: [{ id: 1, body: 'first', user: null }],
          responseOptions: { headers: { link: `<${API}${COMMENTS}?per_page=100&page=2>; rel="next"` } },
        };
      });
    agent
      .get(API)
      .intercept({ path: `${COMMENTS}?per_page=100&page=2`, method: 'GET' })
      .reply(200, [{ id: 2, body: 'second', user: null }]);

    const comments = await github.listIssueComments(7);

    expect(comments.map((c) => c.body)).toEqual(['first', 'second']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json' });
    agent.assertNoPendingInterceptors();
  });

  test('a POST sends its body as JSON and returns the created comment', async () => {
    const github = client();
    let sent = '';
    agent
      .get(API)
      .intercept({ path: COMMENTS, method: 'POST' })
      .reply((options) => {
        sent = typeof options.body === 'string' ? options.body : '';
        return { statusCode: 201, data: { id: 9, body: 'plan', user: { login: 'bot', type: 'Bot' } } };
      });
    expect(await github.createIssueComment(7, 'plan')).toEqual({
      id: 9,
      body: 'plan',
      user: { login: 'bot', type: 'Bot' },
    });
    expect(JSON.parse(sent)).toEqual({ body: 'plan' });
  });
});

describe('GitHub client failures are GitHubErrors', () => {
  test.each([
    [403, { message: 'Resource not accessible by integration' }, 'Resource not accessible by integration'],
    [404, '<html>Not Found</html>', '<html>Not Found</html>'],
    [500, '', '(empty body)'],
  ])('%i → GitHubError naming the call and GitHub message', async (status, body, detail) => {
    const github = client();
    agent.get(API).intercept({ path: COMMENTS, method: 'POST' }).reply(status, body);
    const error = await failure(github.createIssueComment(7, 'x'));
    expect(error).toBeInstanceOf(LdexpError);
    expect({ code: error.code, source: error.source, status: error.status }).toEqual({
      code: 'GitHubError',
      source: 'remote',
      status,
    });
    expect(error.message).toBe(`GitHub API POST ${COMMENTS} → ${String(status)}: ${detail}`);
  });

  test('a redirect is not followed: the token never goes where GitHub did not answer itself', async () => {
    const github = client();
    agent
      .get(API)
      .intercept({ path: COMMENTS, method: 'POST' })
      .reply(302, '', { headers: { location: 'http://127.0.0.1:10/elsewhere' } });
    const error = await failure(github.createIssueComment(7, 'x'));
    expect(error.status).toBe(302);
  });

  test('a 200 that is not JSON is an error, not an empty answer', async () => {
    const github = client();
    agent
      .get(API)
      .intercept({ path: `${COMMENTS}?per_page=100`, method: 'GET' })
      .reply(200, '<html>login</html>');
    const error = await failure(github.listIssueComments(7));
    expect(error.message).toBe(`GitHub API GET ${COMMENTS} → 200: the answer is not JSON: "<html>login</html>"`);
  });

  test('a list page that is not an array is an error', async () => {
    const github = client();
    agent
      .get(API)
      .intercept({ path: `${COMMENTS}?per_page=100`, method: 'GET' })
      .reply(200, { items: [] });
    const error = await failure(github.listIssueComments(7));
    expect(error.message).toBe(`GitHub API GET ${COMMENTS} → 200: expected a JSON array`);
  });

  test('no answer at all is status 0, with the token redacted from the cause', async () => {
    const github = client();
    agent
      .get(API)
      .intercept({ path: COMMENTS, method: 'POST' })
      .replyWithError(new Error(`socket hang up while sending ${TOKEN}`));
    const error = await failure(github.createIssueComment(7, 'x'));
    expect(error.status).toBe(0);
    expect(error.message).toBe(`GitHub API POST ${COMMENTS} → network error: socket hang up while sending [REDACTED]`);
  });

  test('the CLI exit-code module reports it by its stable code', () => {
    const error = new GitHubError(403, 'POST', COMMENTS, 'Forbidden');
    expect(describeFailure(error, TOKEN)).toEqual({
      exitCode: 1,
      message: `Error [GitHubError]: GitHub API POST ${COMMENTS} → 403: Forbidden`,
    });
  });
});
