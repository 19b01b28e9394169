/** The client's rate-limit handling: 429 waits, holding requests when a window is spent, the waited time. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { RateBudget } from '../../src/live/rate-budget.js';
import { startFakeLd, type FakeLd } from './fake-server.js';
import { testClient } from './helpers.js';

const NOW = 1_700_000_000_000;
const LIMITED = { status: 429, body: { code: 'rate_limited', message: 'slow down' } } as const;

let fake: FakeLd;
beforeEach(async () => {
  fake = await startFakeLd();
});
afterEach(async () => {
  await fake.close();
});

/** A clock that sleeping moves, shared with nothing else. */
function movingClock() {
  const clock = {
    now: NOW,
    sleeps: [] as number[],
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

describe('429', () => {
  it.each([
    {
      name: 'Retry-After in seconds wins over the reset',
      headers: { 'retry-after': '3', 'x-ratelimit-reset': String(NOW + 9_000) },
      waitMs: 3_000,
    },
    {
      name: 'a reset in the future, no Retry-After',
      headers: { 'x-ratelimit-reset': String(NOW + 1_500) },
      waitMs: 1_500,
    },
    // Neither hint usable: exponential backoff from the base delay (500 ms), plus jitter (0 here).
    { name: 'a reset in the past', headers: { 'x-ratelimit-reset': String(NOW - 5_000) }, waitMs: 500 },
    { name: 'no reset and no Retry-After', headers: {}, waitMs: 500 },
    { name: 'a Retry-After that is not a number or a date', headers: { 'retry-after': 'soon' }, waitMs: 500 },
  ])(
    '$name → waits $waitMs ms, then succeeds, and the wait counts as rate-limit waiting',
    async ({ headers, waitMs }) => {
      fake.route('GET', '/x', { ...LIMITED, headers }, { body: { done: 1 } });
      const clock = movingClock();
      const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep });
      expect((await client.request('GET', '/x')).body).toEqual({ done: 1 });
      expect(clock.sleeps).toEqual([waitMs]);
      expect(client.rateLimitWaitMs()).toBe(waitMs);
      expect(fake.requests).toHaveLength(2);
    },
  );

  it('does not hold the retry after a 429 again, nor a request after the window it waited for', async () => {
    fake.route('GET', '/x', { ...LIMITED, headers: { 'retry-after': '2' } }, { body: { n: 1 } });
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep, random: () => 0 });
    await client.request('GET', '/x');
    const sentAt = clock.now;
    // The window ended when the retry was sent: a new request is not held.
    await client.request('GET', '/x');
    expect(clock.now).toBe(sentAt);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('is retried for writes too (the request was not processed)', async () => {
    fake.route('PATCH', '/x', { ...LIMITED, headers: { 'retry-after': '1' } }, { body: { key: 'k' } });
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep });
    expect((await client.request('PATCH', '/x', { body: {}, semanticPatch: true })).status).toBe(200);
    expect(clock.sleeps).toEqual([1_000]);
  });
});

describe('holding requests when the window is spent', () => {
  it('sends no request while the last answer said nothing remains, then goes at the reset', async () => {
    const reset = String(NOW + 4_000);
    fake.route(
      'GET',
      '/x',
      {
        body: { n: 1 },
        headers: {
          'x-ratelimit-route-remaining': '0',
          'x-ratelimit-global-remaining': '50',
          'x-ratelimit-reset': reset,
        },
      },
      {
        body: { n: 2 },
        headers: {
          'x-ratelimit-route-remaining': '9',
          'x-ratelimit-global-remaining': '49',
          'x-ratelimit-reset': String(NOW + 14_000),
        },
      },
    );
    fake.route('GET', '/y', { body: { other: 1 } });
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep });
    await client.request('GET', '/x');
    // Another route has its own window: not held.
    await client.request('GET', '/y');
    expect(clock.sleeps).toEqual([]);
    await client.request('GET', '/x');
    expect(clock.sleeps).toEqual([4_000]);
    expect(client.rateLimitWaitMs()).toBe(4_000);
    expect(fake.requests).toHaveLength(3);
  });

  it('holds every route when the global window is spent', async () => {
    fake.route('GET', '/x', {
      body: {},
      headers: {
        'x-ratelimit-route-remaining': '5',
        'x-ratelimit-global-remaining': '0',
        'x-ratelimit-reset': String(NOW + 700),
      },
    });
    fake.route('GET', '/y', { body: {} });
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep });
    await client.request('GET', '/x');
    await client.request('GET', '/y');
    expect(clock.sleeps).toEqual([700]);
  });

  it('does not believe a reset further away than the longest retry delay', async () => {
    fake.route('GET', '/x', {
      body: {},
      headers: { 'x-ratelimit-route-remaining': '0', 'x-ratelimit-reset': String(NOW + 3_600_000) },
    });
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep });
    await client.request('GET', '/x');
    await client.request('GET', '/x');
    expect(clock.sleeps).toEqual([]);
  });
});

describe('read concurrency', () => {
  it.each([0, -2, 1.5, Number.NaN])('rejects %s', (readConcurrency) => {
    expect(() => testClient(fake, { readConcurrency })).toThrow(
      `The read concurrency must be a positive integer, got ${String(readConcurrency)}`,
    );
  });

  it('bounds GETs, not writes (apply bounds those with --concurrency)', async () => {
    fake.delayMs = 20;
    fake.route('GET', '/r', { body: {} });
    fake.route('POST', '/w', { status: 201, body: {} });
    const { client } = testClient(fake, { readConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => client.request('GET', '/r')));
    expect(fake.maxInFlight).toBe(2);
    await Promise.all(Array.from({ length: 6 }, () => client.request('POST', '/w', { body: {} })));
    expect(fake.maxInFlight).toBeGreaterThan(2);
  });
});

describe('RateBudget', () => {
  const headers = (route: number, global: number, resetAt: number) => ({
    'x-ratelimit-route-remaining': String(route),
    'x-ratelimit-global-remaining': String(global),
    'x-ratelimit-reset': String(resetAt),
  });

  it('sends the first request of an unknown window alone, then counts requests in flight against what remains', () => {
    let now = 0;
    const budget = new RateBudget(() => now);
    expect(budget.holdMs('GET /a', 30_000)).toBe(0);
    budget.take('GET /a');
    // Nothing known yet: a second request waits for the first answer.
    expect(budget.holdMs('GET /a', 30_000)).toBe(100);
    budget.settle('GET /a', headers(2, 10, 1_000));
    budget.take('GET /a');
    budget.take('GET /a');
    expect(budget.holdMs('GET /a', 30_000)).toBe(1_000);
    // Out of order: an older answer saying more remains does not raise the budget.
    budget.settle('GET /a', headers(0, 8, 1_000));
    budget.settle('GET /a', headers(1, 9, 1_000));
    expect(budget.holdMs('GET /a', 30_000)).toBe(1_000);
    // A new window starts as full as the largest one seen (3), not unlimited.
    now = 1_000;
    for (let i = 0; i < 3; i++) {
      expect(budget.holdMs('GET /a', 30_000)).toBe(0);
      budget.take('GET /a');
    }
    expect(budget.holdMs('GET /a', 30_000)).toBe(100);
  });

  it('treats a server that sends no rate-limit headers as unlimited after its first answer', () => {
    const budget = new RateBudget(() => 0);
    budget.take('GET /a');
    budget.settle('GET /a', {});
    for (let i = 0; i < 50; i++) budget.take('GET /a');
    expect(budget.holdMs('GET /a', 30_000)).toBe(0);
  });

  it('counts overlapping waits once', () => {
    let now = 0;
    const budget = new RateBudget(() => now);
    budget.startWaiting();
    now = 100;
    budget.startWaiting();
    now = 300;
    budget.stopWaiting();
    now = 400;
    budget.stopWaiting();
    now = 1_000;
    expect(budget.waited).toBe(400);
  });
});

describe('the retry budget', () => {
  it('counts time spent sending and backing off, not time held for the rate limit', async () => {
    // The first answer spends the global window until 5 s from now; the second request is held
    // that long, then meets a 503. Held time is not sending time: it is still retried, although
    // 5 s is more than twice the 1 s timeout.
    fake.route('GET', '/a', {
      body: { first: 1 },
      headers: { 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(NOW + 5_000) },
    });
    fake.route(
      'GET',
      '/b',
      { status: 503, body: { code: 'service_unavailable', message: 'busy' } },
      { body: { done: 1 } },
    );
    const clock = movingClock();
    const { client } = testClient(fake, { now: () => clock.now, sleep: clock.sleep, timeoutMs: 1_000 });
    await client.request('GET', '/a');
    expect((await client.request('GET', '/b')).body).toEqual({ done: 1 });
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(5_000);
    expect(fake.requests.map((r) => r.path)).toEqual(['/a', '/b', '/b']);
  });
});
