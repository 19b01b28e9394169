import { afterEach, describe, expect, test } from 'vitest';
import { EXPERIMENTS, NOW, PATCH_TYPE, startHarness, type Harness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('authentication', () => {
  test('401 unauthorized without an Authorization header', async () => {
    h = await startHarness();
    const res = await fetch(`${h.emu.url}${EXPERIMENTS}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: 'unauthorized',
      message: 'Invalid access token: missing Authorization header',
    });
  });

  test('any non-empty token is accepted by default', async () => {
    h = await startHarness();
    expect((await h.get(EXPERIMENTS, { Authorization: 'whatever' })).status).toBe(200);
    expect((await h.get(EXPERIMENTS, { Authorization: ' ' })).status).toBe(401);
  });

  test('with a token option only that exact value is accepted', async () => {
    h = await startHarness({ token: 'api-secret' });
    expect((await h.get(EXPERIMENTS, { Authorization: 'api-secret' })).status).toBe(200);
    const wrong = await h.get(EXPERIMENTS, { Authorization: 'api-other' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('unauthorized');
  });

  test('401 comes before 404 for unknown paths', async () => {
    h = await startHarness();
    const res = await fetch(`${h.emu.url}/api/v2/nothing`);
    expect(res.status).toBe(401);
  });
});

describe('routing', () => {
  test.each([
    ['/api/v2/nothing', 404, 'not_found'],
    ['/api/v2/projects/nope/environments/production/experiments', 404, 'not_found'],
    ['/api/v2/projects/web/environments/nope/experiments', 404, 'not_found'],
    [`${EXPERIMENTS}/nope`, 404, 'not_found'],
  ])('GET %s → %i', async (path, status, code) => {
    h = await startHarness();
    const reply = await h.get(path);
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(code);
  });

  test('405 method_not_allowed with Allow for a known path', async () => {
    h = await startHarness();
    const reply = await h.call('DELETE', `${EXPERIMENTS}/checkout-flow`);
    expect(reply.status).toBe(405);
    expect(reply.body.code).toBe('method_not_allowed');
    expect(reply.headers.get('allow')).toBe('GET, PATCH');
  });

  test('the server listens on 127.0.0.1 only', async () => {
    h = await startHarness();
    expect(h.emu.url).toBe(`http://127.0.0.1:${h.emu.port}`);
    expect(h.emu.port).toBeGreaterThan(0);
  });
});

describe('request bodies', () => {
  test('malformed JSON → 400 invalid_request', async () => {
    h = await startHarness();
    const reply = await h.call('POST', EXPERIMENTS, { text: '{"key": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_request');
    expect(reply.body.message).toMatch(/^Malformed JSON body/);
  });

  test('POST without application/json → 400', async () => {
    h = await startHarness();
    const reply = await h.call('POST', EXPERIMENTS, { text: '{}', contentType: 'text/plain' });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('Content-Type must be application/json');
  });

  test('PATCH with plain application/json → 400 naming the semantic-patch type', async () => {
    h = await startHarness();
    const reply = await h.call('PATCH', `${EXPERIMENTS}/checkout-flow`, {
      body: { instructions: [{ kind: 'updateName', value: 'x' }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(PATCH_TYPE);
  });

  test('the semantic-patch content type is matched without regard to spacing and case', async () => {
    h = await startHarness();
    const reply = await h.call('PATCH', `${EXPERIMENTS}/checkout-flow`, {
      body: { instructions: [{ kind: 'updateName', value: 'Renamed' }] },
      contentType: 'application/json;Domain-Model=launchdarkly.semanticpatch',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe('Renamed');
  });
});

describe('rate limits', () => {
  test('every response carries the rate-limit headers, reset in epoch milliseconds', async () => {
    h = await startHarness();
    const first = await h.get(EXPERIMENTS);
    const second = await h.get(EXPERIMENTS);
    expect(first.headers.get('x-ratelimit-route-remaining')).toBe('9999');
    expect(second.headers.get('x-ratelimit-route-remaining')).toBe('9998');
    expect(first.headers.get('x-ratelimit-global-remaining')).toBe('49999');
    // NOW is 2026-02-01T12:00:00Z; the ten-second window ends 10 s later.
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(NOW + 10_000));
  });

  test('an every-N status fault forces 429 rate_limited with Retry-After in seconds', async () => {
    h = await startHarness({ conditions: { faults: [{ kind: 'status', status: 429, every: 3, retryAfter: 2 }] } });
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 6; i++) {
      const reply = await h.get(EXPERIMENTS);
      statuses.push(reply.status);
      if (reply.status === 429) limited = reply;
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(limited?.body).toEqual({
      code: 'rate_limited',
      message: "You've exceeded the API rate limit. Try again later.",
    });
    expect(limited?.headers.get('retry-after')).toBe('2');
    expect(limited?.headers.get('x-ratelimit-route-remaining')).toBe('0');
  });
});

describe('request log', () => {
  test('records method, path with query, route, status, bodies, content type and API version', async () => {
    h = await startHarness();
    await h.call('GET', `${EXPERIMENTS}?limit=1`, { headers: { 'LD-API-Version': '20240415' } });
    await h.patch(`${EXPERIMENTS}/checkout-flow`, { kind: 'updateName', value: 'Logged' });
    await fetch(`${h.emu.url}/api/v2/nothing`);
    const [list, patch, unauth] = h.emu.requests;
    expect(h.emu.requests).toHaveLength(3);
    expect(list).toMatchObject({
      method: 'GET',
      path: `${EXPERIMENTS}?limit=1`,
      route: '/api/v2/projects/{projectKey}/environments/{environmentKey}/experiments',
      status: 200,
      apiVersion: '20240415',
    });
    expect(list?.body).toBeUndefined();
    expect((list?.responseBody as { total_count: number }).total_count).toBe(1);
    expect(patch).toMatchObject({
      method: 'PATCH',
      status: 200,
      contentType: PATCH_TYPE,
      body: { instructions: [{ kind: 'updateName', value: 'Logged' }] },
    });
    expect((patch?.responseBody as { name: string }).name).toBe('Logged');
    expect(unauth).toEqual({
      method: 'GET',
      path: '/api/v2/nothing',
      status: 401,
      responseBody: { code: 'unauthorized', message: 'Invalid access token: missing Authorization header' },
    });
  });
});
