/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests explore JSON response bodies dynamically */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXPERIMENTS, experimentPost, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const keys = (reply: { body: { items: { key: string }[] } }) => reply.body.items.map((e) => e.key);

describe('list experiments', () => {
  test('archived experiments are hidden by default (lifecycleState=active)', async () => {
    const reply = await h.get(EXPERIMENTS);
    expect(reply.status).toBe(200);
    expect(keys(reply)).toEqual(['checkout-flow']);
    expect(reply.body.total_count).toBe(1);
  });

  test.each([
    ['archived', ['button-color-test']],
    ['active,archived', ['checkout-flow', 'button-color-test']],
    ['active', ['checkout-flow']],
  ])('lifecycleState=%s', async (state, expected) => {
    expect(keys(await h.get(`${EXPERIMENTS}?lifecycleState=${state}`))).toEqual(expected);
  });

  test('an unknown lifecycleState is a 400', async () => {
    const reply = await h.get(`${EXPERIMENTS}?lifecycleState=deleted`);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('lifecycleState must be active and/or archived, got "deleted"');
  });

  test.each([
    ['flagKey:new-checkout', ['checkout-flow']],
    ['flagKey:button-color', ['button-color-test']],
    ['metricKey:page-load-ms', ['checkout-flow']],
    // Members of a metric group count as used metrics.
    ['metricKey:add-to-cart', ['checkout-flow', 'button-color-test']],
    ['status:running', ['checkout-flow']],
    ['status:stopped', ['button-color-test']],
    ['status:not_started', []],
    ['flagKey:new-checkout,status:stopped', []],
  ])('filter=%s', async (filter, expected) => {
    const reply = await h.get(`${EXPERIMENTS}?lifecycleState=active,archived&filter=${filter}`);
    expect(keys(reply)).toEqual(expected);
    expect(reply.body.total_count).toBe(expected.length);
  });

  test.each([
    ['owner:me', 'unsupported filter field "owner" (flagKey, metricKey, status)'],
    ['status:paused', 'filter status must be one of not_started, running, stopped'],
    ['flagKey', 'filter "flagKey" must have the form field:value'],
  ])('filter=%s is a 400', async (filter, message) => {
    const reply = await h.get(`${EXPERIMENTS}?filter=${filter}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ code: 'invalid_request', message });
  });

  test('limit/offset pages carry total_count and next links until the last page', async () => {
    for (const key of ['exp-a', 'exp-b', 'exp-c', 'exp-d']) {
      expect((await h.post(EXPERIMENTS, await experimentPost(h, key))).status).toBe(201);
    }
    const seen: string[] = [];
    let path: string | undefined = `${EXPERIMENTS}?limit=2`;
    const totals: number[] = [];
    while (path) {
      const reply = await h.get(path);
      expect(reply.status).toBe(200);
      seen.push(...keys(reply));
      totals.push(reply.body.total_count);
      path = reply.body._links.next?.href;
    }
    expect(seen).toEqual(['checkout-flow', 'exp-a', 'exp-b', 'exp-c', 'exp-d']);
    expect(totals).toEqual([5, 5, 5]);
    const middle = await h.get(`${EXPERIMENTS}?limit=2&offset=2`);
    expect(keys(middle)).toEqual(['exp-b', 'exp-c']);
    expect(middle.body._links.self.href).toBe(`${EXPERIMENTS}?limit=2&offset=2`);
    expect(middle.body._links.prev.href).toBe(`${EXPERIMENTS}?limit=2&offset=0`);
    expect(middle.body._links.next.href).toBe(`${EXPERIMENTS}?limit=2&offset=4`);
    expect(middle.body._links.last.href).toBe(`${EXPERIMENTS}?limit=2&offset=4`);
    const beyond = await h.get(`${EXPERIMENTS}?limit=2&offset=10`);
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.total_count).toBe(5);
  });

  test('the default page size is 20', async () => {
    for (let i = 0; i < 21; i++) await h.post(EXPERIMENTS, await experimentPost(h, `bulk-${i}`));
    const reply = await h.get(EXPERIMENTS);
    expect(reply.body.items).toHaveLength(20);
    expect(reply.body.total_count).toBe(22);
    expect(reply.body._links.next.href).toBe(`${EXPERIMENTS}?limit=20&offset=20`);
  });

  test.each([
    ['limit=0', 'limit must be a positive integer'],
    ['limit=abc', 'limit must be an integer, got "abc"'],
    ['offset=-1', 'offset must not be negative'],
  ])('%s is a 400', async (query, message) => {
    const reply = await h.get(`${EXPERIMENTS}?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(message);
  });

  test('any-environment list spans environments', async () => {
    const staging: any = await experimentPost(h, 'staging-exp');
    staging.iteration.flags['new-checkout'].flagConfigVersion = 3;
    expect((await h.post('/api/v2/projects/web/environments/staging/experiments', staging)).status).toBe(201);
    const reply = await h.get('/api/v2/projects/web/experiments?lifecycleState=active,archived');
    expect(reply.body.items.map((e: any) => `${e.environmentKey}/${e.key}`)).toEqual([
      'production/checkout-flow',
      'production/button-color-test',
      'staging/staging-exp',
    ]);
  });
});

describe('expand', () => {
  test('without expand, treatments, metrics, draft and previous iterations are omitted', async () => {
    const reply = await h.get(`${EXPERIMENTS}/checkout-flow`);
    const body = reply.body;
    expect(body.currentIteration.status).toBe('running');
    expect(body.currentIteration).not.toHaveProperty('treatments');
    expect(body.currentIteration).not.toHaveProperty('metrics');
    expect(body.currentIteration).not.toHaveProperty('secondaryMetrics');
    expect(body.currentIteration.primarySingleMetric.key).toBe('checkout-completed');
    for (const field of ['draftIteration', 'previousIterations', 'analysisConfig', 'mutableFieldsByStatus']) {
      expect(body).not.toHaveProperty(field);
    }
  });

  test('expanded fields appear; empty expanded fields stay omitted', async () => {
    const reply = await h.get(
      `${EXPERIMENTS}/checkout-flow?expand=treatments,secondaryMetrics,draftIteration,previousIterations,analysisConfig`,
    );
    const it = reply.body.currentIteration;
    expect(it.treatments.map((t: any) => [t.name, t.allocationPercent, t.baseline])).toEqual([
      ['Old checkout', '50', true],
      ['New checkout', '50', false],
    ]);
    expect(it.treatments[0]._id).toBe(it.treatments[0].parameters[0].variationId);
    expect(it.metrics.map((m: any) => [m.key, m.isGroup])).toEqual([
      ['checkout-completed', false],
      ['page-load-ms', false],
      ['checkout-funnel', true],
    ]);
    expect(it.metrics[2].metrics.map((m: any) => m.nameInGroup)).toEqual(['Step 1', 'Step 2']);
    expect(it.secondaryMetrics.map((m: any) => m.key)).toEqual(['page-load-ms']);
    // No draft, no previous iterations, no analysis config: omitted although expanded.
    expect(reply.body).not.toHaveProperty('draftIteration');
    expect(reply.body).not.toHaveProperty('previousIterations');
    expect(reply.body).not.toHaveProperty('analysisConfig');
  });

  test('expand=mutableFieldsByStatus exposes the mutability table', async () => {
    const reply = await h.get(`${EXPERIMENTS}/checkout-flow?expand=mutableFieldsByStatus`);
    expect(reply.body.mutableFieldsByStatus.running).toEqual({
      name: ['update'],
      description: ['update'],
      maintainerId: ['update'],
      tags: ['add', 'update', 'remove'],
      metrics: ['add'],
      attributes: ['add'],
    });
    expect(reply.body.mutableFieldsByStatus.not_started.treatments).toEqual(['add', 'update', 'remove']);
    expect(Object.keys(reply.body.mutableFieldsByStatus.stopped)).toEqual([
      'name',
      'description',
      'maintainerId',
      'tags',
    ]);
  });

  test('the archived experiment shows archivedDate and its stopped iteration with the winner', async () => {
    const reply = await h.get(`${EXPERIMENTS}/button-color-test?expand=treatments`);
    const it = reply.body.currentIteration;
    expect(reply.body.archivedDate).toBeTypeOf('number');
    expect(it.status).toBe('stopped');
    const green = it.treatments.find((t: any) => t.name === 'Green');
    expect(it.winningTreatmentId).toBe(green._id);
    expect(it.winningReason).toBe('Green won clearly');
    expect(it.flags['button-color'].targetingRuleDescription).toBe('Beta users');
  });

  test('experimentation settings list the project randomization units', async () => {
    const reply = await h.get('/api/v2/projects/web/experimentation-settings');
    expect(reply.body.randomizationUnits).toEqual([
      { randomizationUnit: 'user', default: true, _hidden: false, _displayName: 'User' },
      { randomizationUnit: 'device', default: false, _hidden: false, _displayName: 'Device' },
    ]);
    expect(reply.body._projectKey).toBe('web');
  });
});
