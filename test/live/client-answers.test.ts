/**
 * The client against odd answers and dead servers: an answer counts only when it is the documented
 * one; timeouts, refused connections and cancelled runs become typed errors naming the URL; retries
 * are announced and stay within the time budget.
 */
import { Agent, Dispatcher, errors } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { NetworkError, RemoteError, UnexpectedResponseError } from '../../src/errors.js';
import type { HttpMethod } from '../../src/live/client.js';
import type { RetryEvent } from '../../src/reporter.js';
import type { RecordingReporter } from '../helpers/recording-reporter.js';
import { startFakeLd, type FakeLd, type ScriptedResponse } from './fake-server.js';
import { TOKEN, testClient } from './helpers.js';

const ENV = '/api/v2/projects/web/environments/production';
const EXPERIMENTS = `${ENV}/experiments`;
const HTML = { 'content-type': 'text/html; charset=utf-8' };

let fake: FakeLd;
beforeEach(async () => {
  fake = await startFakeLd();
});
afterEach(async () => {
  await fake.close();
});

/** The error `promise` rejects with, which must be a `type`. */
async function failure<E extends RemoteError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got ${String(error)}`);
  return error;
}

const retries = (reporter: RecordingReporter): RetryEvent[] =>
  reporter.events.filter((e): e is RetryEvent => e.type === 'retry');

describe('answers that are not the documented one', () => {
  interface OddCase {
    name: string;
    method: HttpMethod;
    path: string;
    answer: ScriptedResponse;
    message: string;
  }
  const cases: OddCase[] = [
    {
      name: 'a 302 to a create, pointing elsewhere on the same server',
      method: 'POST',
      path: EXPERIMENTS,
      answer: { status: 302, headers: { ...HTML, location: '/sso/login' }, rawBody: '<a href="/sso/login">Found</a>' },
      message: `POST ${EXPERIMENTS} → 302: a redirect to /sso/login, not followed; expected 201 and an experiment as JSON. Content type: text/html; charset=utf-8; body: "<a href=\\"/sso/login\\">Found</a>"`,
    },
    {
      name: 'an empty 204 to a create',
      method: 'POST',
      path: EXPERIMENTS,
      answer: { status: 204, headers: { 'content-type': '' } },
      message: `POST ${EXPERIMENTS} → 204: status 204 where 201 is documented; expected 201 and an experiment as JSON. Content type: ; body: (empty)`,
    },
    {
      name: 'an HTML 200 to a semantic patch',
      method: 'PATCH',
      path: `${EXPERIMENTS}/exp`,
      answer: { status: 200, headers: HTML, rawBody: '<html><body>Please sign in</body></html>' },
      message: `PATCH ${EXPERIMENTS}/exp → 200: a body that is not JSON; expected 200 and an experiment as JSON. Content type: text/html; charset=utf-8; body: "<html><body>Please sign in</body></html>"`,
    },
    {
      name: 'a holdout create answered with something else',
      method: 'POST',
      path: `${ENV}/holdouts`,
      answer: { status: 201, body: { message: 'accepted' } },
      message: `POST ${ENV}/holdouts → 201: a JSON object without "_id", "status"; expected 201 and a holdout as JSON. Content type: application/json; body: "{\\"message\\":\\"accepted\\"}"`,
    },
    {
      name: 'a 301 on a read',
      method: 'GET',
      path: '/api/v2/projects/web/experimentation-settings',
      answer: { status: 301, headers: { location: 'https://app.launchdarkly.example/moved' } },
      message:
        'GET /api/v2/projects/web/experimentation-settings → 301: a redirect to https://app.launchdarkly.example/moved, not followed; expected 200 and experimentation settings as JSON. Content type: application/json; body: (empty)',
    },
  ];

  it.each(cases)('$name: UnexpectedResponse, sent once, never followed', async ({ method, path, answer, message }) => {
    fake.route(method, path, answer);
    fake.route('GET', '/sso/login', { body: {} });
    const { client, sleeps } = testClient(fake);
    const error = await failure(
      client.request(method, path, method === 'GET' ? {} : { body: { key: 'exp' } }),
      RemoteError,
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.code).toBe('UnexpectedResponse');
    expect(error.status).toBe(answer.status);
    expect(error.message).toBe(message);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} ${path}`]);
    expect(sleeps).toEqual([]);
  });

  it('an HTML 200 to a list read is not an empty list', async () => {
    fake.route('GET', EXPERIMENTS, { status: 200, headers: HTML, rawBody: '<html>Maintenance</html>' });
    const { client } = testClient(fake);
    const error = await failure(client.getAllPages(EXPERIMENTS, { query: { limit: 20 } }), RemoteError);
    expect(error).toMatchObject({
      code: 'UnexpectedResponse',
      problem: 'a body that is not JSON',
      expected: '200 and a list of experiments as JSON',
      response: { status: 200, contentType: 'text/html; charset=utf-8', bodyStart: '<html>Maintenance</html>' },
    });
  });

  it('redacts the token from the body excerpt before cutting it, and from Location and content type', async () => {
    fake.route('POST', EXPERIMENTS, {
      status: 307,
      headers: { location: `https://evil.example/?t=${TOKEN}`, 'content-type': `text/plain; x=${TOKEN}` },
      rawBody: `${'x'.repeat(195)}${TOKEN} and more`,
    });
    const { client } = testClient(fake);
    const error = await failure(client.request('POST', EXPERIMENTS, { body: {} }), UnexpectedResponseError);
    expect(error.response).toEqual({
      status: 307,
      contentType: 'text/plain; x=[REDACTED]',
      bodyStart: `${'x'.repeat(195)}[REDA`,
      location: 'https://evil.example/?t=[REDACTED]',
    });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TOKEN.slice(0, 5));
  });

  it('keeps LaunchDarkly JSON errors as RemoteError with their code and message', async () => {
    fake.route('POST', EXPERIMENTS, { status: 400, body: { code: 'invalid_request', message: 'bad' } });
    const { client } = testClient(fake);
    const error = await failure(client.request('POST', EXPERIMENTS, { body: {} }), RemoteError);
    expect(error).not.toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ code: 'RemoteError', status: 400, ldCode: 'invalid_request', ldMessage: 'bad' });
  });

  it('retries a GET answered by a 503 error page, then reports the page if it persists', async () => {
    fake.route('GET', EXPERIMENTS, { status: 503, headers: HTML, rawBody: '<h1>Service Unavailable</h1>' });
    const { client, sleeps, reporter } = testClient(fake, {
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    const error = await failure(client.request('GET', EXPERIMENTS), RemoteError);
    expect(error).toMatchObject({ code: 'UnexpectedResponse', status: 503 });
    expect(sleeps).toEqual([100, 200]);
    expect(retries(reporter).map((e) => e.failure)).toEqual(['503', '503']);
  });
});

describe('timeouts', () => {
  it.each([
    { stall: 'headers', what: 'a server that accepts and never answers' },
    { stall: 'body', what: 'headers, then a body that never ends' },
  ] as const)('$what: Timeout within the timeout, naming the URL, not retried', async ({ stall }) => {
    fake.route('GET', EXPERIMENTS, { stall, rawBody: '{"items":[]}' });
    const { client, sleeps } = testClient(fake, { timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(client.request('GET', EXPERIMENTS), NetworkError);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'Timeout', failure: 'timeout', status: 0 });
    expect(error.message).toBe(`GET ${fake.url}${EXPERIMENTS} → no complete answer within 0.3 s (the request timeout)`);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a connect timeout is its own code, and is not retried', async () => {
    const { client, sleeps } = testClient(fake, { dispatcher: failingWith(new errors.ConnectTimeoutError()) });
    const error = await failure(client.request('GET', EXPERIMENTS), RemoteError);
    expect(error).toMatchObject({ code: 'ConnectTimeout', status: 0 });
    expect(error.message).toBe(`GET ${fake.url}${EXPERIMENTS} → could not connect to ${fake.url} within 10.0 s`);
    expect(sleeps).toEqual([]);
  });

  it('an unknown host fails fast', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND ld.invalid'), { code: 'ENOTFOUND' });
    const { client, sleeps } = testClient(fake, { dispatcher: failingWith(notFound) });
    const error = await failure(client.request('GET', EXPERIMENTS), RemoteError);
    expect(error).toMatchObject({ code: 'HostNotFound', status: 0 });
    expect(error.message).toBe(`GET ${fake.url}${EXPERIMENTS} → host not found (ENOTFOUND); check the API URL`);
    expect(sleeps).toEqual([]);
  });

  it.each([0, -1, Number.NaN, 2 ** 31])('rejects a timeout of %s ms', (timeoutMs) => {
    expect(() => testClient(fake, { timeoutMs })).toThrow('The request timeout must be a positive number');
  });
});

describe('retries', () => {
  it('retries a reset GET connection with a progress event naming the failure', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    fake.route('GET', EXPERIMENTS, { body: { items: [] } });
    const { client, reporter } = testClient(fake, { dispatcher: failingOnce(reset) });
    expect((await client.request('GET', EXPERIMENTS)).body).toEqual({ items: [] });
    expect(retries(reporter)).toEqual([
      {
        type: 'retry',
        method: 'GET',
        path: EXPERIMENTS,
        failure: 'network error (ECONNRESET)',
        delayMs: 500,
        attempt: 2,
        attempts: 5,
      },
    ]);
  });

  it('does not retry a reset POST: it may have been applied', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { client, sleeps } = testClient(fake, { dispatcher: failingOnce(reset) });
    const error = await failure(client.request('POST', EXPERIMENTS, { body: {} }), RemoteError);
    expect(error).toMatchObject({
      code: 'NetworkError',
      message: `POST ${fake.url}${EXPERIMENTS} → network error: read ECONNRESET`,
    });
    expect(sleeps).toEqual([]);
  });

  it('stops retrying when one more attempt could end after twice the timeout', async () => {
    // Each 503 takes 10 s of the injected clock; the timeout is 30 s, so the budget is 60 s.
    let clock = 0;
    fake.route('GET', EXPERIMENTS, () => {
      clock += 10_000;
      return { status: 503, body: { code: 'service_unavailable', message: 'try later' } };
    });
    const { client, sleeps, reporter } = testClient(fake, {
      now: () => clock,
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const error = await failure(client.request('GET', EXPERIMENTS), RemoteError);
    expect(error).toMatchObject({ status: 503, ldCode: 'service_unavailable' });
    // 10 s + 0.5 + 30 ≤ 60 and 20.5 + 1 + 30 ≤ 60; then 31.5 + 2 + 30 > 60.
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(retries(reporter).map((e) => e.attempt)).toEqual([2, 3]);
  });
});

describe('close', () => {
  it('aborts requests in flight and refuses later ones with Cancelled', async () => {
    fake.route('GET', EXPERIMENTS, { stall: 'headers' });
    const { client } = testClient(fake);
    const pending = failure(client.request('GET', EXPERIMENTS), NetworkError);
    await waitFor(() => fake.requests.length === 1);
    await client.close();
    await client.close();
    expect(await pending).toMatchObject({ code: 'Cancelled', status: 0 });
    expect(await failure(client.request('GET', EXPERIMENTS), RemoteError)).toMatchObject({ code: 'Cancelled' });
    expect(fake.requests).toHaveLength(1);
  });
});

/** A transport whose every request fails with `error`, the way undici reports connect failures. */
function failingWith(error: Error): Dispatcher {
  class Failing extends Dispatcher {
    override dispatch(): boolean {
      throw error;
    }
  }
  return new Failing();
}

/** Fails the first request with `error`, then sends for real. */
function failingOnce(error: Error): Dispatcher {
  const agent = new Agent();
  let failed = false;
  class FailingOnce extends Dispatcher {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      if (!failed) {
        failed = true;
        throw error;
      }
      return agent.dispatch(options, handler);
    }
  }
  return new FailingOnce();
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}
