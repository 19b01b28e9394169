/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests explore JSON response bodies dynamically */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('feature flags', () => {
  test('variations carry _id; environments are filtered by env', async () => {
    const reply = await h.get('/api/v2/flags/web/button-color?env=production');
    expect(reply.status).toBe(200);
    expect(reply.body.variations.map((v: any) => [v.name, v.value])).toEqual([
      ['Blue', 'blue'],
      ['Green', 'green'],
      ['Red', 'red'],
    ]);
    expect(reply.body.variations.every((v: any) => typeof v._id === 'string')).toBe(true);
    expect(Object.keys(reply.body.environments)).toEqual(['production']);
    const prod = reply.body.environments.production;
    expect(prod).toMatchObject({ on: true, archived: false, version: 12, fallthrough: { variation: 0 } });
    expect(prod.rules[0]).toMatchObject({ ref: 'beta-users', description: 'Beta users', variation: 0 });
  });

  test.each([
    ['', ['production', 'staging']],
    ['?env=staging', ['staging']],
    ['?env=production,staging', ['production', 'staging']],
    ['?env=production&env=staging', ['production', 'staging']],
    ['?env=nope', []],
  ])('env query %s', async (query, envs) => {
    const reply = await h.get(`/api/v2/flags/web/new-checkout${query}`);
    expect(Object.keys(reply.body.environments)).toEqual(envs);
  });

  test('404 for an unknown flag or project', async () => {
    expect((await h.get('/api/v2/flags/web/nope')).status).toBe(404);
    expect((await h.get('/api/v2/flags/nope/new-checkout')).status).toBe(404);
  });
});

describe('metrics', () => {
  test('list uses totalCount and pages up to 50', async () => {
    const reply = await h.get('/api/v2/metrics/web?limit=3');
    expect(reply.body.items.map((m: any) => m.key)).toEqual(['checkout-completed', 'page-load-ms', 'add-to-cart']);
    expect(reply.body.totalCount).toBe(4);
    expect(reply.body).not.toHaveProperty('total_count');
    expect(reply.body._links.next.href).toBe('/api/v2/metrics/web?limit=3&offset=3');
    expect((await h.get('/api/v2/metrics/web?limit=3&offset=3')).body.items.map((m: any) => m.key)).toEqual([
      'signup-page',
    ]);
    const tooMany = await h.get('/api/v2/metrics/web?limit=51');
    expect(tooMany.body).toEqual({ code: 'invalid_request', message: 'limit must be at most 50' });
  });

  test('get one metric; 404 for unknown', async () => {
    const reply = await h.get('/api/v2/metrics/web/page-load-ms');
    expect(reply.body).toMatchObject({
      key: 'page-load-ms',
      kind: 'custom',
      isNumeric: true,
      unitAggregationType: 'average',
    });
    expect((await h.get('/api/v2/metrics/web/nope')).status).toBe(404);
  });
});

describe('metric groups (beta)', () => {
  test.each([
    [undefined, 403],
    ['20240415', 403],
    // LaunchDarkly honours the first of several values.
    ['20240415, beta', 403],
    ['beta', 200],
    ['beta, 20240415', 200],
  ])('LD-API-Version %s → %i', async (version, status) => {
    const reply = await h.get('/api/v2/projects/web/metric-groups', version ? { 'LD-API-Version': version } : {});
    expect(reply.status).toBe(status);
    if (status === 403) expect(reply.body.code).toBe('forbidden');
  });

  test('list and get with the beta header', async () => {
    const beta = { 'LD-API-Version': 'beta' };
    const list = await h.get('/api/v2/projects/web/metric-groups', beta);
    expect(list.body.totalCount).toBe(1);
    const group = await h.get('/api/v2/projects/web/metric-groups/checkout-funnel', beta);
    expect(group.body).toMatchObject({ key: 'checkout-funnel', kind: 'funnel' });
    expect(group.body.metrics.map((m: any) => [m.key, m.nameInGroup])).toEqual([
      ['add-to-cart', 'Step 1'],
      ['checkout-completed', 'Step 2'],
    ]);
    expect((await h.get('/api/v2/projects/web/metric-groups/nope', beta)).status).toBe(404);
  });
});

describe('context kinds', () => {
  test('lists the project context kinds', async () => {
    const reply = await h.get('/api/v2/projects/web/context-kinds');
    expect(reply.body.items.map((k: any) => [k.key, k.name])).toEqual([
      ['user', 'User'],
      ['device', 'Device'],
    ]);
  });
});
