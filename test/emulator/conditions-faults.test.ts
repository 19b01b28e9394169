/** Fault injection over real HTTP: each kind, what it commits, the log, stats and determinism. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EmulatorConditions, FaultRule } from '../../src/emulator/index.js';
import { EXPERIMENTS, PATCH_TYPE, experimentPost, startHarness, type Harness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CHECKOUT = `${EXPERIMENTS}/checkout-flow`;

async function withFaults(faults: FaultRule[], more: Partial<EmulatorConditions> = {}): Promise<Harness> {
  h = await startHarness({ conditions: { ...more, faults } });
  return h;
}

async function nameOf(harness: Harness): Promise<string> {
  const reply = await harness.get(CHECKOUT);
  return String(reply.body.name);
}

describe('status faults', () => {
  test.each([
    [500, { code: 'internal_server_error', message: 'An internal server error occurred' }],
    [502, { code: 'bad_gateway', message: 'Bad gateway' }],
    [503, { code: 'service_unavailable', message: 'Service unavailable' }],
    [504, { code: 'gateway_timeout', message: 'Gateway timeout' }],
  ] as const)('%i: a {code, message} body, and the request is not processed', async (status, body) => {
    const harness = await withFaults([{ kind: 'status', status, route: 'patchExperiment', nth: 1 }]);
    const reply = await harness.patch(CHECKOUT, { kind: 'updateName', value: 'Lost' });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(body);
    expect(reply.headers.get('retry-after')).toBeNull();
    expect(await nameOf(harness)).toBe('Checkout flow');
    expect(harness.emu.requests[0]).toMatchObject({
      status,
      fault: { rule: 0, kind: 'status', detail: `answered ${status}` },
    });
  });

  test('commit: the write happens, then the error is the answer', async () => {
    const harness = await withFaults([{ kind: 'status', status: 502, commit: true, route: 'patchExperiment' }]);
    const reply = await harness.patch(CHECKOUT, { kind: 'updateName', value: 'Written' });
    expect(reply.status).toBe(502);
    expect(await nameOf(harness)).toBe('Written');
    expect(harness.emu.requests[0]?.fault?.detail).toBe('processed (200), answered 502');
  });

  test('a gateway HTML page, or an empty body', async () => {
    const harness = await withFaults([
      { kind: 'status', status: 502, body: 'html', nth: 1 },
      { kind: 'status', status: 503, body: 'empty', retryAfter: 30, nth: 2 },
    ]);
    const html = await fetch(`${harness.emu.url}${CHECKOUT}`, { headers: { Authorization: 'x' } });
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toBe(
      '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n',
    );
    const empty = await fetch(`${harness.emu.url}${CHECKOUT}`, { headers: { Authorization: 'x' } });
    expect(empty.status).toBe(503);
    expect(await empty.text()).toBe('');
    expect(empty.headers.get('retry-after')).toBe('30');
    expect(harness.emu.requests.map((e) => e.responseBody)).toEqual([expect.any(String), undefined]);
  });

  describe('429 header variants', () => {
    // The harness clock is NOW = 2026-02-01T12:00:00Z, a ten-second boundary.
    const NOW = Date.UTC(2026, 1, 1, 12);

    test.each<[string, Partial<FaultRule>, { retryAfter: string | null; reset: string | null }]>([
      ['default: Retry-After to the window reset', {}, { retryAfter: '10', reset: String(NOW + 10_000) }],
      ['Retry-After only', { retryAfter: 3, resetInMs: null }, { retryAfter: '3', reset: null }],
      [
        'Retry-After as an HTTP date',
        { retryAfter: 'Sun, 01 Feb 2026 12:00:05 GMT' },
        { retryAfter: 'Sun, 01 Feb 2026 12:00:05 GMT', reset: String(NOW + 10_000) },
      ],
      [
        'X-Ratelimit-Reset only',
        { retryAfter: null, resetInMs: 1_500 },
        { retryAfter: null, reset: String(NOW + 1_500) },
      ],
      [
        'a reset in the past',
        { retryAfter: null, resetInMs: -5_000 },
        { retryAfter: null, reset: String(NOW - 5_000) },
      ],
      ['neither', { retryAfter: null, resetInMs: null }, { retryAfter: null, reset: null }],
    ])('%s', async (_name, variant, expected) => {
      const harness = await withFaults([{ kind: 'status', status: 429, ...variant } as FaultRule]);
      const reply = await harness.get(EXPERIMENTS);
      expect(reply.status).toBe(429);
      expect(reply.body).toEqual({
        code: 'rate_limited',
        message: "You've exceeded the API rate limit. Try again later.",
      });
      expect(reply.headers.get('retry-after')).toBe(expected.retryAfter);
      expect(reply.headers.get('x-ratelimit-reset')).toBe(expected.reset);
      expect(reply.headers.get('x-ratelimit-route-remaining')).toBe('0');
    });
  });
});

describe('connection resets', () => {
  test('reset-before: the connection drops and nothing is written', async () => {
    const harness = await withFaults([{ kind: 'reset-before', route: 'patchExperiment', nth: 1 }]);
    await expect(harness.patch(CHECKOUT, { kind: 'updateName', value: 'Lost' })).rejects.toThrow(TypeError);
    expect(await nameOf(harness)).toBe('Checkout flow');
    expect(harness.emu.requests[0]).toMatchObject({
      method: 'PATCH',
      status: 0,
      fault: { rule: 0, kind: 'reset-before', detail: 'connection reset before the request was processed' },
    });
    expect(harness.emu.requests[0]?.responseBody).toBeUndefined();
  });

  test('reset-after-commit: the write is committed, then the connection drops without an answer', async () => {
    const harness = await withFaults([{ kind: 'reset-after-commit', route: 'patchExperiment', nth: 1 }]);
    await expect(harness.patch(CHECKOUT, { kind: 'updateName', value: 'Committed' })).rejects.toThrow(TypeError);
    expect(await nameOf(harness)).toBe('Committed');
    expect(harness.emu.requests[0]).toMatchObject({
      status: 200,
      fault: { kind: 'reset-after-commit', detail: 'processed (200), then the connection was reset' },
      responseBody: { name: 'Committed' },
    });
  });
});

describe('slow answers', () => {
  test('the request is processed at once; the answer waits on the injected sleep', async () => {
    const waits: { ms: number; resolve: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => waits.push({ ms, resolve }));
    h = await startHarness({
      sleep,
      conditions: { faults: [{ kind: 'slow', delayMs: 60_000, route: 'patchExperiment' }] },
    });
    const harness = h;
    const controller = new AbortController();
    const pending = fetch(`${harness.emu.url}${CHECKOUT}`, {
      method: 'PATCH',
      headers: { Authorization: 'x', 'Content-Type': PATCH_TYPE },
      body: JSON.stringify({ instructions: [{ kind: 'updateName', value: 'Slow' }] }),
      signal: controller.signal,
    });
    await vi.waitFor(() => {
      expect(waits).toHaveLength(1);
    });
    expect(waits[0]?.ms).toBe(60_000);
    // The client gives up (its timeout) while the write is already committed.
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(await nameOf(harness)).toBe('Slow');
    waits[0]?.resolve();
    expect(harness.emu.requests[0]).toMatchObject({
      status: 200,
      fault: { kind: 'slow', detail: 'answered after 60000 ms' },
    });
    // The server survives answering a client that left.
    expect((await harness.get(EXPERIMENTS)).status).toBe(200);
  });

  test('a patient client gets the answer once the delay is over', async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    h = await startHarness({ sleep, conditions: { faults: [{ kind: 'slow', delayMs: 1_500, every: 2 }] } });
    expect((await h.get(CHECKOUT)).status).toBe(200);
    expect((await h.get(CHECKOUT)).status).toBe(200);
    expect(waits).toEqual([1_500]);
  });
});

describe('409 optimistic_locking_error', () => {
  test('on PATCH only, with the documented body, and nothing is written', async () => {
    const harness = await withFaults([
      { kind: 'conflict409', route: '/api/v2/projects/*/environments/*/experiments/*' },
    ]);
    expect((await harness.get(CHECKOUT)).status).toBe(200);
    const reply = await harness.patch(CHECKOUT, { kind: 'updateName', value: 'Lost' });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({
      code: 'optimistic_locking_error',
      message: 'Conflict. Optimistic lock error. Try again later.',
    });
    expect(reply.headers.get('x-ratelimit-route-remaining')).toBe('9999');
    expect(await nameOf(harness)).toBe('Checkout flow');
  });
});

describe('concurrent writes', () => {
  test('flag-version: the flag moves between the read and the create, so flagConfigVersion is stale', async () => {
    const harness = await withFaults([{ kind: 'concurrent-write', write: 'flag-version', route: 'createExperiment' }]);
    const body = await experimentPost(harness, 'raced'); // reads new-checkout at production version 7
    const reply = await harness.post(EXPERIMENTS, body);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/flagConfigVersion/);
    const create = harness.emu.requests.find((e) => e.method === 'POST');
    expect(create?.fault).toEqual({
      rule: 0,
      kind: 'concurrent-write',
      detail: 'flag-version: new-checkout → version 2, production 8',
    });
  });

  test('flag-version of a named flag, on a flag read', async () => {
    const harness = await withFaults([
      { kind: 'concurrent-write', write: 'flag-version', flag: 'search-ranking', route: 'getFeatureFlag' },
    ]);
    const flag = (await harness.get('/api/v2/flags/web/search-ranking?env=production')).body;
    expect(flag.environments.production.version).toBe(3);
    expect(flag._version).toBe(2);
  });

  test('metadata: another writer edits the description right before a read', async () => {
    const harness = await withFaults([{ kind: 'concurrent-write', write: 'metadata', route: 'getExperiment', nth: 1 }]);
    expect((await harness.get(CHECKOUT)).body.description).toBe('Edited by another writer');
    expect(harness.emu.requests[0]?.fault?.detail).toBe('metadata: 200 updateDescription');
  });

  test('new-iteration: a running experiment is restarted before ldexp’s PATCH lands', async () => {
    const harness = await withFaults([
      { kind: 'concurrent-write', write: 'new-iteration', route: 'patchExperiment', nth: 1 },
    ]);
    const before = (await harness.get(`${CHECKOUT}?expand=previousIterations`)).body;
    const reply = await harness.patch(CHECKOUT, { kind: 'updateName', value: 'Mine' });
    expect(reply.status).toBe(200);
    const after = (await harness.get(`${CHECKOUT}?expand=previousIterations`)).body;
    expect(after.name).toBe('Mine');
    expect(after.currentIteration._id).not.toBe(before.currentIteration._id);
    expect(after.previousIterations.map((i: { _id: string }) => i._id)).toContain(before.currentIteration._id);
    expect(harness.emu.requests[1]?.fault?.detail).toBe('new-iteration: 200 saveAndStartNewIteration');
  });

  test('same-request: a second writer sends the same create first, so ldexp gets 409 conflict', async () => {
    const harness = await withFaults([{ kind: 'concurrent-write', write: 'same-request', route: 'createExperiment' }]);
    const reply = await harness.post(EXPERIMENTS, await experimentPost(harness, 'twice'));
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('conflict');
    expect((await harness.get(`${EXPERIMENTS}/twice`)).status).toBe(200);
    expect(harness.emu.requests.find((e) => e.method === 'POST')?.fault?.detail).toBe('same-request: 201');
  });

  test('patch: any semantic patch; one the rules refuse changes nothing and the request proceeds', async () => {
    const harness = await withFaults([
      {
        kind: 'concurrent-write',
        write: 'patch',
        instructions: [{ kind: 'updateName', value: 'Theirs' }],
        route: 'patchExperiment',
        nth: 1,
      },
      {
        kind: 'concurrent-write',
        write: 'patch',
        instructions: [{ kind: 'archiveExperiment' }],
        route: 'patchExperiment',
      },
    ]);
    await harness.patch(CHECKOUT, { kind: 'updateDescription', value: 'Mine' });
    const first = (await harness.get(CHECKOUT)).body;
    expect([first.name, first.description]).toEqual(['Theirs', 'Mine']);
    const second = await harness.patch(CHECKOUT, { kind: 'updateDescription', value: 'Again' });
    expect(second.status).toBe(200);
    expect(harness.emu.requests.filter((e) => e.method === 'PATCH').map((e) => e.fault?.detail)).toEqual([
      'patch: 200 updateName',
      'patch: refused with 400 invalid_request: stop the running iteration before archiving the experiment',
    ]);
  });

  test('a request refused before processing gets no concurrent write', async () => {
    const harness = await withFaults([{ kind: 'concurrent-write', write: 'metadata', route: 'patchExperiment' }]);
    const reply = await harness.call('PATCH', CHECKOUT, { text: '{', contentType: PATCH_TYPE });
    expect(reply.status).toBe(400);
    expect(harness.emu.requests[0]?.fault?.detail).toBe('metadata: skipped: the request was refused first');
    expect((await harness.get(CHECKOUT)).body.description).toBe('Does the new checkout convert better?');
  });
});

describe('determinism and stats', () => {
  const RULES: FaultRule[] = [
    { kind: 'status', status: 503, rate: 0.4, route: 'getExperiments' },
    { kind: 'status', status: 429, rate: 0.25 },
  ];

  async function statuses(seed: number): Promise<number[]> {
    const harness = await startHarness({ conditions: { seed, faults: RULES } });
    try {
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await harness.get(i % 2 === 0 ? EXPERIMENTS : CHECKOUT)).status);
      return out;
    } finally {
      await harness.close();
    }
  }

  test('the same seed and requests give the same faults; another seed others', async () => {
    const first = await statuses(2);
    expect(await statuses(2)).toEqual(first);
    expect(await statuses(7)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
  });

  test('stats count requests, statuses and faults per route', async () => {
    const harness = await withFaults([
      { kind: 'status', status: 503, route: 'getExperiment', nth: 2 },
      { kind: 'reset-before', route: 'patchExperiment', nth: 1 },
    ]);
    await harness.get(CHECKOUT);
    await harness.get(CHECKOUT);
    await harness.patch(CHECKOUT, { kind: 'updateName', value: 'x' }).catch(() => undefined);
    await harness.get('/api/v2/nothing?x=1');
    const template = '/api/v2/projects/{projectKey}/environments/{environmentKey}/experiments/{experimentKey}';
    expect(harness.emu.stats()).toEqual({
      requests: 4,
      rateLimited: 0,
      faults: { status: 1, 'reset-before': 1 },
      routes: {
        [`GET ${template}`]: { requests: 2, statuses: { 200: 1, 503: 1 }, rateLimited: 0, faults: 1 },
        [`PATCH ${template}`]: { requests: 1, statuses: {}, rateLimited: 0, faults: 1 },
        'GET /api/v2/nothing': { requests: 1, statuses: { 404: 1 }, rateLimited: 0, faults: 0 },
      },
    });
  });
});
