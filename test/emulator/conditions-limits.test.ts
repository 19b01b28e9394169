/** Rate limits, the page-size cap and latency over real HTTP, with an injected clock and sleep. */
import { afterEach, describe, expect, test } from 'vitest';
import type { EmulatorConditions } from '../../src/emulator/index.js';
import { EXPERIMENTS, NOW, startHarness, type Harness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CHECKOUT = `${EXPERIMENTS}/checkout-flow`;

/** A harness whose clock the test moves. */
async function withClock(conditions: EmulatorConditions): Promise<{ harness: Harness; clock: { now: number } }> {
  const clock = { now: NOW };
  h = await startHarness({ conditions, now: () => clock.now });
  return { harness: h, clock };
}

function rateHeaders(reply: { headers: Headers }) {
  return {
    route: reply.headers.get('x-ratelimit-route-remaining'),
    global: reply.headers.get('x-ratelimit-global-remaining'),
    reset: reply.headers.get('x-ratelimit-reset'),
    retryAfter: reply.headers.get('retry-after'),
  };
}

describe('rate limits', () => {
  test('a route runs out, answers 429 rate_limited with Retry-After, and recovers in the next window', async () => {
    const { harness, clock } = await withClock({ rateLimit: { route: { limit: 2 }, global: { limit: 10 } } });
    const reset = String(NOW + 10_000);
    expect(rateHeaders(await harness.get(CHECKOUT))).toEqual({ route: '1', global: '9', reset, retryAfter: null });
    expect(rateHeaders(await harness.get(CHECKOUT))).toEqual({ route: '0', global: '8', reset, retryAfter: null });
    clock.now = NOW + 3_200;
    const limited = await harness.get(CHECKOUT);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: 'rate_limited',
      message: "You've exceeded the API rate limit. Try again later.",
    });
    expect(rateHeaders(limited)).toEqual({ route: '0', global: '8', reset, retryAfter: '7' });
    // Other routes have their own window.
    expect((await harness.get(EXPERIMENTS)).status).toBe(200);
    clock.now = NOW + 10_000;
    const next = await harness.get(CHECKOUT);
    expect(next.status).toBe(200);
    expect(rateHeaders(next)).toEqual({ route: '1', global: '9', reset: String(NOW + 20_000), retryAfter: null });
    expect(harness.emu.requests.map((e) => e.rateLimited ?? null)).toEqual([null, null, 'route', null, null]);
  });

  test('the global window spans routes', async () => {
    const { harness } = await withClock({ rateLimit: { global: { limit: 2, windowMs: 60_000 } } });
    expect((await harness.get(CHECKOUT)).status).toBe(200);
    expect((await harness.get(EXPERIMENTS)).status).toBe(200);
    const limited = await harness.get('/api/v2/flags/web');
    expect(limited.status).toBe(429);
    expect(rateHeaders(limited)).toEqual({ route: null, global: '0', reset: String(NOW + 60_000), retryAfter: '60' });
    expect(harness.emu.stats().rateLimited).toBe(1);
    expect(harness.emu.stats().routes['GET /api/v2/flags/{projectKey}']).toEqual({
      requests: 1,
      statuses: { 429: 1 },
      rateLimited: 1,
      faults: 0,
    });
  });

  test('per-route overrides: only PATCH experiment is tight', async () => {
    const { harness } = await withClock({ rateLimit: { route: { limit: 50, overrides: { patchExperiment: 1 } } } });
    expect((await harness.patch(CHECKOUT, { kind: 'updateName', value: 'A' })).status).toBe(200);
    expect((await harness.patch(CHECKOUT, { kind: 'updateName', value: 'B' })).status).toBe(429);
    expect((await harness.get(CHECKOUT)).body.name).toBe('A');
    expect(rateHeaders(await harness.get(CHECKOUT)).route).toBe('48');
  });

  test('401s are not counted; 404s and 400s are, and carry the headers', async () => {
    const { harness } = await withClock({ rateLimit: { route: { limit: 5 }, global: { limit: 5 } } });
    expect((await harness.get(CHECKOUT, { Authorization: '' })).headers.get('x-ratelimit-global-remaining')).toBeNull();
    const missing = await harness.get(`${EXPERIMENTS}/nope`);
    expect(missing.status).toBe(404);
    expect(rateHeaders(missing)).toMatchObject({ route: '4', global: '4' });
    const bad = await harness.get(`${EXPERIMENTS}?filter=bogus:1`);
    expect(bad.status).toBe(400);
    expect(rateHeaders(bad)).toMatchObject({ route: '4', global: '3' });
  });
});

describe('page-size cap', () => {
  test('lists return at most the cap; _links follow the capped limit; totals stay whole', async () => {
    h = await startHarness({ conditions: { pageSizeCap: 1 } });
    const first = await h.get(`${EXPERIMENTS}?lifecycleState=active,archived&limit=20`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.total_count).toBe(2);
    expect(first.body._links.self.href).toContain('limit=1&offset=0');
    expect(first.body._links.next.href).toContain('limit=1&offset=1');
    const second = await h.get(first.body._links.next.href);
    expect(second.body.items).toHaveLength(1);
    expect(second.body._links.next).toBeUndefined();
    expect([first.body.items[0].key, second.body.items[0].key]).toEqual(['checkout-flow', 'button-color-test']);
  });

  test('following next collects every metric; the documented maximum still refuses larger limits', async () => {
    h = await startHarness({ conditions: { pageSizeCap: 3 } });
    const keys: string[] = [];
    let href: string | undefined = '/api/v2/metrics/web?limit=50';
    while (href) {
      const page: { body: { items: { key: string }[]; totalCount: number; _links: { next?: { href: string } } } } =
        await h.get(href);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      expect(page.body.totalCount).toBe(4);
      keys.push(...page.body.items.map((m) => m.key));
      href = page.body._links.next?.href;
    }
    expect(keys).toEqual(['checkout-completed', 'page-load-ms', 'add-to-cart', 'signup-page']);
    expect((await h.get('/api/v2/metrics/web?limit=51')).status).toBe(400);
  });

  test.each([
    ['/api/v2/flags/web?limit=10', 'totalCount', 3],
    ['/api/v2/projects/web/environments/production/holdouts', 'total_count', 1],
  ])('%s is capped too', async (path, countField, total) => {
    h = await startHarness({ conditions: { pageSizeCap: 2 } });
    const reply = await h.get(path);
    expect(reply.body.items.length).toBe(Math.min(2, total));
    expect(reply.body[countField]).toBe(total);
  });
});

describe('latency', () => {
  test('a fixed latency waits before every request, through the injected sleep', async () => {
    const waits: number[] = [];
    h = await startHarness({
      conditions: { latencyMs: 40 },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await h.get(CHECKOUT);
    await h.get(CHECKOUT, { Authorization: '' });
    expect(waits).toEqual([40, 40]);
    expect(h.emu.requests.map((e) => e.latencyMs)).toEqual([40, 40]);
  });

  test('a range draws from the seed: within bounds, the same for the same seed', async () => {
    const run = async (seed: number) => {
      const waits: number[] = [];
      const harness = await startHarness({
        conditions: { seed, latencyMs: { min: 5, max: 500 } },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      });
      for (let i = 0; i < 8; i++) await harness.get(CHECKOUT);
      await harness.close();
      return waits;
    };
    const first = await run(5);
    expect(first.every((ms) => ms >= 5 && ms <= 500)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });

  test('without latency nothing waits', async () => {
    const waits: number[] = [];
    h = await startHarness({
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await h.get(CHECKOUT);
    expect(waits).toEqual([]);
    expect(h.emu.requests[0]?.latencyMs).toBeUndefined();
  });
});
