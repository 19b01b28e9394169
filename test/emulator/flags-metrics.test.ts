/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests explore JSON response bodies dynamically */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseSeed } from '../../src/emulator/index.js';
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

describe('list feature flags (getFeatureFlags)', () => {
  const keys = (reply: { body: any }) => reply.body.items.map((f: any) => f.key);

  test('every flag in seed order, totalCount, no environments unless asked for', async () => {
    const reply = await h.get('/api/v2/flags/web');
    expect(reply.status).toBe(200);
    expect(keys(reply)).toEqual(['new-checkout', 'button-color', 'search-ranking']);
    expect(reply.body.totalCount).toBe(3);
    // The only page: no `first`, `prev`, `next` or `last` (the document: links to pages that do not exist are left out).
    expect(reply.body._links).toEqual({
      self: { href: '/api/v2/flags/web?limit=20&offset=0', type: 'application/json' },
    });
    expect(reply.body.items.some((f: any) => 'environments' in f)).toBe(false);
    // Items are the single-flag representation.
    const one = (await h.get('/api/v2/flags/web/button-color?env=nope')).body;
    expect(reply.body.items[1]).toEqual({ ...one, environments: undefined });
  });

  test.each([
    ['?limit=2', ['new-checkout', 'button-color'], '/api/v2/flags/web?limit=2&offset=2', undefined],
    ['?limit=2&offset=2', ['search-ranking'], undefined, '/api/v2/flags/web?limit=2&offset=0'],
    ['?limit=1&offset=1', ['button-color'], '/api/v2/flags/web?limit=1&offset=2', '/api/v2/flags/web?limit=1&offset=0'],
    ['?offset=5', [], undefined, '/api/v2/flags/web?offset=0&limit=20'],
  ])('pages %s', async (query, expected, next, prev) => {
    const reply = await h.get(`/api/v2/flags/web${query}`);
    expect(keys(reply)).toEqual(expected);
    expect(reply.body.totalCount).toBe(3);
    expect(reply.body._links.next?.href).toBe(next);
    expect(reply.body._links.prev?.href).toBe(prev);
  });

  test.each([
    ['?limit=0', 'limit must be a positive integer'],
    ['?offset=-1', 'offset must not be negative'],
    ['?summary=maybe', 'summary must be a boolean, got "maybe"'],
    ['?filter=bogus:1', 'unsupported filter field "bogus"'],
  ])('400 for %s', async (query, message) => {
    const reply = await h.get(`/api/v2/flags/web${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ code: 'invalid_request', message });
  });

  test('summaries by default: counts per variation instead of rules, targets and prerequisites', async () => {
    const reply = await h.get('/api/v2/flags/web?env=production&limit=2&offset=1');
    const prod = reply.body.items[0].environments.production;
    expect(Object.keys(reply.body.items[0].environments)).toEqual(['production']);
    expect(prod).not.toHaveProperty('rules');
    expect(prod).not.toHaveProperty('targets');
    expect(prod).not.toHaveProperty('prerequisites');
    expect(prod).toMatchObject({ on: true, version: 12, fallthrough: { variation: 0 }, offVariation: 2 });
    expect(prod._summary).toEqual({
      prerequisites: 0,
      variations: {
        '0': { rules: 1, nullRules: 0, targets: 0, contextTargets: 0, isFallthrough: true },
        '1': { rules: 0, nullRules: 0, targets: 0, contextTargets: 0 },
        '2': { rules: 0, nullRules: 0, targets: 0, contextTargets: 0, isOff: true },
      },
    });
  });

  test.each([['summary=0'], ['summary=false']])('%s with env gives full configurations', async (param) => {
    const reply = await h.get(`/api/v2/flags/web?env=production&${param}`);
    const prod = reply.body.items[1].environments.production;
    const one = (await h.get('/api/v2/flags/web/button-color?env=production')).body;
    expect(prod).toEqual(one.environments.production);
    expect(prod).not.toHaveProperty('_summary');
  });

  test.each([
    ['?filter=filterEnv:staging', ['staging']],
    ['?env=staging,production', ['production', 'staging']],
    ['?env=nope', []],
    ['?summary=0', undefined],
  ])('environments for %s', async (query, envs) => {
    const reply = await h.get(`/api/v2/flags/web${query}`);
    const environments = reply.body.items[0].environments;
    expect(environments === undefined ? undefined : Object.keys(environments)).toEqual(envs);
  });

  test.each([
    ['', ['live-one', 'tagged']],
    ['?filter=query:TAG', ['tagged']],
    ['?filter=query:live', ['live-one']],
    ['?filter=tags:beta%2Bui', ['tagged']],
    ['?filter=tags:beta%2Bnope', []],
    ['?tag=ui', ['tagged']],
    ['?filter=state:archived', ['old']],
    ['?filter=state:live', ['live-one', 'tagged']],
    ['?archived=true', ['old']],
    ['?filter=type:temporary', []],
    ['?filter=type:permanent', ['live-one', 'tagged']],
  ])('filter %s (archived flags only when asked for)', async (query, expected) => {
    await h.close();
    const seed = parseSeed(
      JSON.stringify({
        projects: [
          {
            key: 'p',
            environments: ['production'],
            flags: [
              { key: 'live-one' },
              { key: 'old', archived: true },
              { key: 'tagged', name: 'Tagged flag', tags: ['beta', 'ui'] },
            ],
          },
        ],
      }),
      'seed.json',
    );
    h = await startHarness({ seed });
    const reply = await h.get(`/api/v2/flags/p${query}`);
    expect(keys(reply)).toEqual(expected);
    expect(reply.body.totalCount).toBe(expected.length);
  });

  const linkNames = (reply: { body: any }) => Object.keys(reply.body._links).sort();
  test.each([
    ['?limit=1', ['last', 'next', 'self']],
    ['?limit=1&offset=1', ['first', 'last', 'next', 'prev', 'self']],
    ['?limit=1&offset=2', ['first', 'prev', 'self']],
  ])('links %s: first and prev are missing on the first page, next and last on the last', async (query, names) => {
    const reply = await h.get(`/api/v2/flags/web${query}`);
    expect(linkNames(reply)).toEqual(names);
    if (reply.body._links.last) expect(reply.body._links.last.href).toBe('/api/v2/flags/web?limit=1&offset=2');
    if (reply.body._links.first) expect(reply.body._links.first.href).toBe('/api/v2/flags/web?limit=1&offset=0');
  });

  test.each([
    ['', ['new-checkout', 'button-color', 'search-ranking']],
    ['?sort=key', ['button-color', 'new-checkout', 'search-ranking']],
    ['?sort=-key', ['search-ranking', 'new-checkout', 'button-color']],
    ['?sort=name', ['button-color', 'new-checkout', 'search-ranking']],
    ['?sort=maintainerId,-key', ['search-ranking', 'new-checkout', 'button-color']],
  ])('sort %s', async (query, expected) => {
    expect(keys(await h.get(`/api/v2/flags/web${query}`))).toEqual(expected);
  });

  test.each([
    ['?sort=color', 'unsupported sort field "color"'],
    ['?sort=targetingModifiedDate', 'sort by targetingModifiedDate needs env and no other sort field'],
    [
      '?sort=targetingModifiedDate,key&env=production',
      'sort by targetingModifiedDate needs env and no other sort field',
    ],
    ['?filter=hasExperiment:maybe', 'hasExperiment must be a boolean, got "maybe"'],
  ])('400 for %s', async (query, message) => {
    const reply = await h.get(`/api/v2/flags/web${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ code: 'invalid_request', message });
  });

  test.each([
    ['hasExperiment:true', ['in-draft', 'in-previous', 'in-staging']],
    ['hasExperiment:false', ['unused']],
    ['hasExperiment:true,query:in-', ['in-draft', 'in-previous', 'in-staging']],
  ])('filter=%s: flags an iteration of any experiment in any environment names', async (filter, expected) => {
    await h.close();
    const variations = [{ value: 'a' }, { value: 'b' }];
    const flags = ['unused', 'in-draft', 'in-previous', 'in-staging'].map((key) => ({ key, variations }));
    const iteration = (flag: string) => ({
      flags: [{ flag, rule: 'fallthrough' }],
      primaryMetric: 'm',
      treatments: [
        { name: 'A', variation: 'a', allocation: 50, baseline: true },
        { name: 'B', variation: 'b', allocation: 50 },
      ],
    });
    const seed = parseSeed(
      JSON.stringify({
        projects: [
          {
            key: 'p',
            environments: ['production', 'staging'],
            flags,
            metrics: [{ key: 'm', kind: 'custom' }],
            experiments: {
              production: [
                { key: 'draft', state: 'draft', iteration: iteration('in-draft') },
                {
                  key: 'moved',
                  state: 'running',
                  previousIterations: [iteration('in-previous')],
                  iteration: iteration('in-draft'),
                },
              ],
              staging: [{ key: 'other', state: 'draft', iteration: iteration('in-staging') }],
            },
          },
        ],
      }),
      'seed.json',
    );
    h = await startHarness({ seed });
    const reply = await h.get(`/api/v2/flags/p?filter=${filter}`);
    expect(keys(reply).sort()).toEqual(expected);
    expect(reply.body.totalCount).toBe(expected.length);
  });

  test('404 for an unknown project', async () => {
    expect((await h.get('/api/v2/flags/nope')).status).toBe(404);
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
