import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { NetworkError, RemoteError, UnexpectedResponseError, UsageError } from '../../src/errors.js';
import { createClient, SEMANTIC_PATCH_CONTENT_TYPE } from '../../src/live/client.js';
import { LDEXP_VERSION } from '../../src/live/version.js';
import { startFakeLd, type FakeLd } from './fake-server.js';
import { TOKEN, testClient } from './helpers.js';

let fake: FakeLd;
beforeEach(async () => {
  fake = await startFakeLd();
});
afterEach(async () => {
  await fake.close();
});

describe('headers', () => {
  it('sends the token without Bearer, one dated API version, a User-Agent and Accept on a GET', async () => {
    fake.route('GET', '/api/v2/thing', { body: { ok: true } });
    const { client } = testClient(fake);
    const response = await client.request<{ ok: boolean }>('GET', '/api/v2/thing');
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
    const [req] = fake.requests;
    expect(fake.headerValues(req!, 'authorization')).toEqual([TOKEN]);
    expect(fake.headerValues(req!, 'ld-api-version')).toEqual(['20240415']);
    expect(fake.headerValues(req!, 'user-agent')).toEqual([`ldexp/${LDEXP_VERSION}`]);
    expect(fake.headerValues(req!, 'accept')).toEqual(['application/json']);
    expect(fake.headerValues(req!, 'content-type')).toEqual([]);
  });

  it.each([
    { name: 'plain JSON POST', method: 'POST', options: {}, contentType: 'application/json', version: '20240415' },
    {
      name: 'semantic patch',
      method: 'PATCH',
      options: { semanticPatch: true },
      contentType: SEMANTIC_PATCH_CONTENT_TYPE,
      version: '20240415',
    },
    { name: 'beta POST', method: 'POST', options: { beta: true }, contentType: 'application/json', version: 'beta' },
  ] as const)(
    '$name: content type and exactly one LD-API-Version',
    async ({ method, options, contentType, version }) => {
      fake.route(method, '/api/v2/x', { status: 200, body: {} });
      const { client } = testClient(fake);
      await client.request(method, '/api/v2/x', {
        ...options,
        body: { instructions: [{ kind: 'archiveExperiment' }] },
      });
      const [req] = fake.requests;
      expect(fake.headerValues(req!, 'content-type')).toEqual([contentType]);
      expect(fake.headerValues(req!, 'ld-api-version')).toEqual([version]);
      expect(req!.body).toEqual({ instructions: [{ kind: 'archiveExperiment' }] });
    },
  );

  it('sends beta on a GET when asked, and a custom User-Agent', async () => {
    fake.route('GET', '/api/v2/projects/p/metric-groups', { body: { items: [] } });
    const { client } = testClient(fake, { userAgent: 'ldexp-test/9' });
    await client.getAllPages('/api/v2/projects/p/metric-groups', { query: { limit: 50 }, beta: true });
    expect(fake.headerValues(fake.requests[0]!, 'ld-api-version')).toEqual(['beta']);
    expect(fake.headerValues(fake.requests[0]!, 'user-agent')).toEqual(['ldexp-test/9']);
  });

  it('keeps the version constant equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(LDEXP_VERSION).toBe(pkg.version);
  });

  it('encodes queries, repeating array parameters and keeping commas', async () => {
    fake.route('GET', '/api/v2/flags/p/f', { body: { key: 'f', variations: [] } });
    const { client } = testClient(fake);
    await client.request('GET', '/api/v2/flags/p/f', { query: { env: ['a', 'b'], expand: 'x,y', skip: undefined } });
    expect(fake.requests[0]!.url).toBe('/api/v2/flags/p/f?env=a&env=b&expand=x,y');
  });
});

describe('base URL and token', () => {
  it.each([
    ['http://example.com', false],
    ['http://10.0.0.1:8080', false],
    ['http://127.evil.example', false],
    ['http://localhost.evil.example', false],
    ['ftp://127.0.0.1', false],
    ['not a url', false],
    ['https://user:pw@app.launchdarkly.com', false],
    ['https://app.launchdarkly.com?x=1', false],
    ['https://app.launchdarkly.com', true],
    ['https://app.eu.launchdarkly.com/', true],
    ['http://127.0.0.1:1234', true],
    ['http://127.8.9.10', true],
    ['http://localhost:8080', true],
    ['http://[::1]:9000', true],
  ])('%s accepted: %s', (baseUrl, accepted) => {
    const create = () => createClient({ baseUrl, token: 't' });
    if (accepted) expect(create().baseUrl).toBe(baseUrl.replace(/\/$/, ''));
    else expect(create).toThrow(UsageError);
  });

  it.each(['', 'abc\ndef'])('rejects the token %j without echoing it', (token) => {
    expect(() => createClient({ baseUrl: 'https://app.launchdarkly.com', token })).toThrow(UsageError);
  });
});

describe('errors', () => {
  it('turns a LaunchDarkly error body into a RemoteError with code and message', async () => {
    fake.route('POST', '/api/v2/projects/p/environments/e/experiments', {
      status: 400,
      body: { code: 'invalid_request', message: 'iteration is required', id: 'abc' },
    });
    const { client } = testClient(fake);
    const error = await client
      .request('POST', '/api/v2/projects/p/environments/e/experiments', { body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      status: 400,
      method: 'POST',
      path: '/api/v2/projects/p/environments/e/experiments',
      ldCode: 'invalid_request',
      ldMessage: 'iteration is required',
      code: 'RemoteError',
      message: 'POST /api/v2/projects/p/environments/e/experiments → 400 invalid_request: iteration is required',
    });
  });

  it('turns an error page that is not LaunchDarkly JSON into UnexpectedResponse with status, type and excerpt', async () => {
    fake.route('GET', '/x', {
      status: 502,
      rawBody: '<html>Bad gateway</html>',
      headers: { 'content-type': 'text/html' },
    });
    const { client } = testClient(fake, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await client.request('GET', '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({
      status: 502,
      code: 'UnexpectedResponse',
      ldCode: undefined,
      response: { status: 502, contentType: 'text/html', bodyStart: '<html>Bad gateway</html>' },
      message:
        "GET /x → 502: an error that is not LaunchDarkly's JSON error; expected a 2xx status and JSON. " +
        'Content type: text/html; body: "<html>Bad gateway</html>"',
    });
  });

  it('never shows the token: echoed by the server, in the path, or in reporter events', async () => {
    fake.route('GET', `/api/v2/${TOKEN}`, {
      status: 401,
      body: { code: 'unauthorized', message: `Invalid access token ${TOKEN}` },
    });
    const { client, reporter } = testClient(fake);
    const error = (await client
      .request('GET', `/api/v2/${TOKEN}`, { query: { q: TOKEN } })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error.status).toBe(401);
    expect(error.ldMessage).toBe('Invalid access token [REDACTED]');
    expect(error.path).toBe('/api/v2/[REDACTED]?q=[REDACTED]');
    expect(`${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    expect(JSON.stringify(reporter.events)).not.toContain(TOKEN);
    expect(reporter.events).toEqual([
      { type: 'request', method: 'GET', path: '/api/v2/[REDACTED]?q=[REDACTED]', status: 401 },
    ]);
  });

  it.each(['GET', 'POST'] as const)(
    'fails fast on a refused %s connection, naming the URL, without retrying',
    async (method) => {
      const port = await closedPort();
      const { client, sleeps, reporter } = testClient(fake, { baseUrl: `http://127.0.0.1:${port}` });
      const error = (await client
        .request(method, '/api/v2/x', method === 'GET' ? {} : { body: {} })
        .catch((e: unknown) => e)) as NetworkError;
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ status: 0, code: 'ConnectionRefused', failure: 'refused', ldCode: undefined });
      expect(error.message).toBe(
        `${method} http://127.0.0.1:${port}/api/v2/x → connection refused: nothing accepts connections at http://127.0.0.1:${port}; check the API URL`,
      );
      expect((error.cause as Error).message).toContain('ECONNREFUSED');
      expect(sleeps).toEqual([]);
      expect(reporter.events.filter((e) => e.type === 'retry')).toEqual([]);
    },
  );

  it('unwraps fetch-style TypeError causes and redacts the token from them', async () => {
    class Failing extends Dispatcher {
      override dispatch(): boolean {
        throw new TypeError('fetch failed', { cause: new Error(`socket closed while sending ${TOKEN}`) });
      }
    }
    const { client } = testClient(fake, {
      dispatcher: new Failing(),
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = (await client.request('GET', '/x').catch((e: unknown) => e)) as RemoteError;
    expect(error.status).toBe(0);
    expect((error.cause as Error).message).toBe('socket closed while sending [REDACTED]');
    expect(chainText(error)).not.toContain(TOKEN);
  });
});

describe('retries', () => {
  it('waits Retry-After seconds on 429, then succeeds', async () => {
    fake.route(
      'GET',
      '/x',
      { status: 429, body: { code: 'rate_limited', message: 'slow down' }, headers: { 'retry-after': '2' } },
      { body: { done: 1 } },
    );
    const { client, sleeps, reporter } = testClient(fake);
    expect((await client.request('GET', '/x')).body).toEqual({ done: 1 });
    expect(sleeps).toEqual([2000]);
    expect(reporter.events).toEqual([
      { type: 'request', method: 'GET', path: '/x', status: 429 },
      {
        type: 'retry',
        method: 'GET',
        path: '/x',
        failure: '429 rate_limited',
        delayMs: 2000,
        attempt: 2,
        attempts: 5,
      },
      { type: 'request', method: 'GET', path: '/x', status: 200 },
    ]);
  });

  it('waits until X-Ratelimit-Reset (epoch ms) on 429, for a POST too', async () => {
    fake.route(
      'POST',
      '/x',
      {
        status: 429,
        body: { code: 'rate_limited', message: 'm' },
        headers: { 'x-ratelimit-reset': String(1_700_000_001_500) },
      },
      { status: 201, body: {} },
    );
    const { client, sleeps } = testClient(fake);
    expect((await client.request('POST', '/x', { body: {} })).status).toBe(201);
    expect(sleeps).toEqual([1500]);
  });

  it('gives up after maxRetries with the last error', async () => {
    fake.route('GET', '/x', { status: 429, body: { code: 'rate_limited', message: 'm' } });
    const { client, sleeps } = testClient(fake, { retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 } });
    await expect(client.request('GET', '/x')).rejects.toMatchObject({ status: 429, ldCode: 'rate_limited' });
    expect(sleeps).toEqual([100, 200]);
    expect(fake.requests).toHaveLength(3);
  });

  it.each([
    { method: 'PATCH', status: 409, code: 'optimistic_locking_error', attempts: 1 },
    { method: 'PATCH', status: 409, code: 'conflict', attempts: 1 },
    { method: 'POST', status: 409, code: 'optimistic_locking_error', attempts: 1 },
    { method: 'GET', status: 503, code: 'unavailable', attempts: 2 },
    { method: 'POST', status: 503, code: 'unavailable', attempts: 1 },
    { method: 'GET', status: 404, code: 'not_found', attempts: 1 },
  ] as const)('$method $status $code → $attempts attempt(s)', async ({ method, status, code, attempts }) => {
    fake.route(method, '/x', { status, body: { code, message: 'm' } }, { status: 200, body: { ok: 1 } });
    const { client } = testClient(fake);
    const result = await client.request(method, '/x', method === 'GET' ? {} : { body: {}, semanticPatch: true }).then(
      (r) => r.status,
      (e: unknown) => (e as RemoteError).status,
    );
    expect(fake.requests).toHaveLength(attempts);
    expect(result).toBe(attempts === 2 ? 200 : status);
  });
});

describe('pagination', () => {
  const item = (n: number) => ({ key: `k${n}` });

  it('follows _links.next and keeps its own parameters', async () => {
    const path = '/api/v2/projects/p/environments/e/experiments';
    fake.route('GET', path, (req) => {
      const offset = Number(req.query.get('offset') ?? 0);
      const next = offset < 4 ? { next: { href: `${path}?limit=2&offset=${offset + 2}` } } : {};
      return { body: { items: [item(offset), item(offset + 1)], _links: { self: { href: path }, ...next } } };
    });
    const { client } = testClient(fake);
    const items = await client.getAllPages(path, { query: { limit: 2, expand: 'treatments' } });
    expect(items).toEqual([0, 1, 2, 3, 4, 5].map(item));
    expect(fake.requests.map((r) => r.url)).toEqual([
      `${path}?limit=2&expand=treatments`,
      `${path}?limit=2&expand=treatments&offset=2`,
      `${path}?limit=2&expand=treatments&offset=4`,
    ]);
  });

  it.each(['total_count', 'totalCount'])('pages by offset with %s', async (countField) => {
    const all = [0, 1, 2, 3, 4].map(item);
    fake.route('GET', '/list', (req) => {
      const offset = Number(req.query.get('offset') ?? 0);
      return { body: { items: all.slice(offset, offset + 2), [countField]: all.length } };
    });
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { query: { limit: 2 } })).toEqual(all);
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/list?limit=2',
      '/list?limit=2&offset=2',
      '/list?limit=2&offset=4',
    ]);
  });

  it('asks each page the count promises once, and keeps what came when they come back empty', async () => {
    fake.route('GET', '/list', { body: { items: [item(0)], totalCount: 10 } }, { body: { items: [], totalCount: 10 } });
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { query: { limit: 1 } })).toEqual([item(0)]);
    expect(fake.requests).toHaveLength(10);
  });

  it('fetches the pages after the first at once from the reported total, in order, within the read concurrency', async () => {
    const path = '/api/v2/projects/p/environments/e/experiments';
    const all = Array.from({ length: 53 }, (_, n) => item(n));
    fake.delayMs = 20;
    // The server caps pages at 5 whatever `limit` says, and links the next page as LaunchDarkly does.
    fake.route('GET', path, (req) => {
      const offset = Number(req.query.get('offset') ?? 0);
      const next = offset + 5 < all.length ? { next: { href: `${path}?limit=5&offset=${offset + 5}` } } : {};
      return { body: { items: all.slice(offset, offset + 5), total_count: all.length, _links: next } };
    });
    const { client } = testClient(fake, { readConcurrency: 4 });
    expect(await client.getAllPages(path, { query: { limit: 20 } })).toEqual(all);
    expect(fake.requests.map((r) => Number(r.query.get('offset') ?? 0)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 11 }, (_, n) => n * 5),
    );
    // Not one page after another: as many in flight as the client allows, never more.
    expect(fake.maxInFlight).toBe(4);
  });

  it('walks the links when the next page is not the next offset (a cursor)', async () => {
    fake.route(
      'GET',
      '/list',
      { body: { items: [item(0)], totalCount: 3, _links: { next: { href: '/list?cursor=b' } } } },
      { body: { items: [item(1)], totalCount: 3, _links: { next: { href: '/list?cursor=c' } } } },
      { body: { items: [item(2)], totalCount: 3, _links: {} } },
    );
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { query: { limit: 1 } })).toEqual([0, 1, 2].map(item));
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/list?limit=1',
      '/list?limit=1&cursor=b',
      '/list?limit=1&cursor=c',
    ]);
  });

  it('walks (and does not follow) a next link to another origin, as before', async () => {
    fake.route(
      'GET',
      '/list',
      { body: { items: [item(0)], totalCount: 2, _links: { next: { href: 'https://evil.example/list?offset=1' } } } },
      { body: { items: [item(1)], totalCount: 2 } },
    );
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { query: { limit: 1 } })).toEqual([0, 1].map(item));
    expect(fake.requests.map((r) => r.url)).toEqual(['/list?limit=1', '/list?limit=1&offset=1']);
  });

  it('refuses a total that would take more than 10,000 pages before asking for any of them', async () => {
    fake.route('GET', '/list', { body: { items: [item(0)], totalCount: 10_001 } });
    const { client } = testClient(fake);
    await expect(client.getAllPages('/list', { query: { limit: 1 } })).rejects.toMatchObject({ code: 'TooManyPages' });
    expect(fake.requests).toHaveLength(1);
  });

  it('without link or count, keeps reading while pages are full', async () => {
    fake.route('GET', '/list', { body: { items: [item(0), item(1)] } }, { body: { items: [item(2)] } });
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { query: { limit: 2 } })).toEqual([0, 1, 2].map(item));
    expect(fake.requests).toHaveLength(2);
  });

  it('reads one page when there is no limit, link or count, with a custom items key', async () => {
    fake.route('GET', '/list', { body: { randomizationUnits: [item(0)] } });
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list', { itemsKey: 'randomizationUnits' })).toEqual([item(0)]);
    expect(fake.requests).toHaveLength(1);
  });

  it('never follows a next link to another host, and stops when a link repeats', async () => {
    fake.route(
      'GET',
      '/list',
      { body: { items: [item(0)], _links: { next: { href: 'https://evil.example/list?offset=1' } }, total_count: 2 } },
      { body: { items: [item(1)], _links: { next: { href: '/list?offset=1' } } } },
    );
    const { client } = testClient(fake);
    expect(await client.getAllPages('/list')).toEqual([item(0), item(1)]);
    expect(fake.requests.map((r) => r.url)).toEqual(['/list', '/list?offset=1']);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

function chainText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(`${e.name} ${e.message} ${e.stack ?? ''}`);
  return parts.join('\n');
}

describe('read concurrency without --read-concurrency', () => {
  const PATH = '/api/v2/projects/p/environments/e/experiments';
  /** An answer carrying LaunchDarkly's rate-limit headers, with this much left in both windows. */
  const withRoom = (remaining: number) => () => ({
    body: { items: [], totalCount: 0 },
    headers: {
      'X-Ratelimit-Global-Remaining': String(remaining),
      'X-Ratelimit-Route-Remaining': String(remaining),
      'X-Ratelimit-Reset': String(Date.now() + 60_000),
    },
  });

  async function maxInFlight(readConcurrency?: number): Promise<number> {
    fake.delayMs = 30;
    const { client } = testClient(fake, readConcurrency === undefined ? {} : { readConcurrency });
    // The first read goes alone (nothing is known of the window yet); the rest follow its answer.
    await client.request('GET', PATH, { query: { offset: 0 } });
    await Promise.all(Array.from({ length: 60 }, (_, n) => client.request('GET', PATH, { query: { offset: n + 1 } })));
    return fake.maxInFlight;
  }

  it('widens to 20 in flight while the headers show the window with ample room', async () => {
    fake.route('GET', PATH, withRoom(5000));
    expect(await maxInFlight()).toBe(20);
  });

  it('stays at 10 when the window has little room left', async () => {
    fake.route('GET', PATH, withRoom(60));
    expect(await maxInFlight()).toBe(10);
  });

  it('stays at 10 when the answers carry no rate-limit headers', async () => {
    fake.route('GET', PATH, { body: { items: [], totalCount: 0 } });
    expect(await maxInFlight()).toBe(10);
  });

  it('never passes a number given explicitly, however much room there is', async () => {
    fake.route('GET', PATH, withRoom(5000));
    expect(await maxInFlight(4)).toBe(4);
  });
});
