/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests explore JSON response bodies dynamically */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXPERIMENTS, HOLDOUTS, NOW, experimentPost, flagInfo, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('create experiment', () => {
  test('201 with the first iteration as a not_started draft', async () => {
    const { ids, version } = await flagInfo(h, 'new-checkout');
    const reply = await h.post(EXPERIMENTS, await experimentPost(h, 'fresh', { tags: ['a'] }));
    expect(reply.status).toBe(201);
    const body = reply.body;
    expect(body).toMatchObject({
      key: 'fresh',
      name: 'Experiment fresh',
      environmentKey: 'production',
      methodology: 'bayesian',
      dataSource: 'launchdarkly',
      type: 'experiment',
      tags: ['a'],
      _creationDate: NOW,
      _links: { self: { href: `${EXPERIMENTS}/fresh`, type: 'application/json' } },
    });
    expect(body).not.toHaveProperty('currentIteration');
    const draft = body.draftIteration;
    expect(draft.status).toBe('not_started');
    expect(draft.createdAt).toBe(NOW);
    expect(draft.treatments.map((t: any) => [t._id, t.allocationPercent])).toEqual([
      [ids['Old checkout'], '50'],
      [ids['New checkout'], '50'],
    ]);
    expect(draft.flags['new-checkout']).toEqual({
      targetingRule: 'fallthrough',
      flagConfigVersion: version,
      notInExperimentVariationId: ids['Old checkout'],
      _links: { self: { href: '/api/v2/flags/web/new-checkout', type: 'application/json' } },
    });
    const again = await h.get(`${EXPERIMENTS}/fresh?expand=draftIteration`);
    expect(again.body.draftIteration._id).toBe(draft._id);
  });

  test.each([
    ['name', (b: any) => delete b.name, 'body.name is required'],
    ['key', (b: any) => delete b.key, 'body.key is required'],
    ['iteration', (b: any) => delete b.iteration, 'body.iteration is required'],
    ['hypothesis', (b: any) => delete b.iteration.hypothesis, 'body.iteration.hypothesis is required'],
    ['metrics', (b: any) => delete b.iteration.metrics, 'body.iteration.metrics is required'],
    ['treatments', (b: any) => delete b.iteration.treatments, 'body.iteration.treatments is required'],
    ['flags', (b: any) => delete b.iteration.flags, 'body.iteration.flags is required'],
    [
      'treatment baseline',
      (b: any) => delete b.iteration.treatments[0].baseline,
      'body.iteration.treatments[0].baseline is required',
    ],
    [
      'numeric allocationPercent',
      (b: any) => (b.iteration.treatments[0].allocationPercent = 50),
      'body.iteration.treatments[0].allocationPercent must be a string holding a number (e.g. "50")',
    ],
    [
      'flagConfigVersion',
      (b: any) => delete b.iteration.flags['new-checkout'].flagConfigVersion,
      'body.iteration.flags.new-checkout.flagConfigVersion is required',
    ],
    [
      'unknown metric',
      (b: any) => b.iteration.metrics.push({ key: 'nope' }),
      'iteration.metrics[2]: unknown metric key "nope"',
    ],
    [
      'metric group flagged as metric',
      (b: any) => b.iteration.metrics.push({ key: 'checkout-funnel' }),
      'iteration.metrics[2]: unknown metric key "checkout-funnel"',
    ],
    [
      'unknown flag',
      (b: any) => (b.iteration.flags.nope = { ruleId: 'fallthrough', flagConfigVersion: 1 }),
      'body.iteration.flags: unknown flag "nope"',
    ],
    [
      'stale flag version',
      (b: any) => (b.iteration.flags['new-checkout'].flagConfigVersion = 6),
      'body.iteration.flags.new-checkout.flagConfigVersion 6 is stale: flag "new-checkout" is at version 7 in production',
    ],
    [
      'unknown rule',
      (b: any) => (b.iteration.flags['new-checkout'].ruleId = 'r1'),
      'body.iteration.flags.new-checkout.ruleId "r1" is not a rule of flag "new-checkout" in production',
    ],
    [
      'no primary metric',
      (b: any) => delete b.iteration.primarySingleMetricKey,
      'Either primarySingleMetricKey or primaryFunnelKey must be present',
    ],
    [
      'two baselines',
      (b: any) => (b.iteration.treatments[1].baseline = true),
      'iteration.treatments must have exactly one baseline, found 2',
    ],
    [
      'allocation over 100',
      (b: any) => (b.iteration.treatments[1].allocationPercent = '60'),
      'iteration.treatments allocationPercent adds up to 110, more than 100',
    ],
    [
      'unknown randomization unit',
      (b: any) => (b.iteration.randomizationUnit = 'org'),
      'randomizationUnit "org" is not a context kind of the project (user, device)',
    ],
    [
      'bad key',
      (b: any) => (b.key = 'has space'),
      'body.key "has space" may contain only letters, digits, ".", "_" and "-"',
    ],
    [
      'bad methodology',
      (b: any) => (b.methodology = 'magic'),
      'body.methodology must be one of bayesian, frequentist, export_only',
    ],
  ])('missing or invalid %s → 400', async (_name, edit, message) => {
    const body = await experimentPost(h, 'broken');
    edit(body);
    const reply = await h.post(EXPERIMENTS, body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ code: 'invalid_request', message });
    expect((await h.get(`${EXPERIMENTS}/broken`)).status).toBe(404);
  });

  test('a variation of another flag is refused', async () => {
    const color = await flagInfo(h, 'button-color');
    const body: any = await experimentPost(h, 'mixed');
    body.iteration.treatments[1].parameters[0].variationId = color.ids['Green'];
    const reply = await h.post(EXPERIMENTS, body);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(
      `iteration.treatments[1].parameters[0].variationId "${color.ids['Green']}" is not a variation of flag "new-checkout"`,
    );
  });

  test('409 for a key already used by an experiment or a holdout', async () => {
    const dup = await h.post(EXPERIMENTS, await experimentPost(h, 'checkout-flow'));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('conflict');
    expect((await h.post(EXPERIMENTS, await experimentPost(h, 'q1-holdout'))).status).toBe(409);
  });

  test('an archived experiment key is taken too', async () => {
    expect((await h.post(EXPERIMENTS, await experimentPost(h, 'button-color-test'))).status).toBe(409);
  });

  test('a rule of the flag can be targeted, and the rep carries its description', async () => {
    const color = await flagInfo(h, 'button-color');
    const body: any = await experimentPost(h, 'on-rule');
    body.iteration.flags = { 'button-color': { ruleId: color.rules[0]!._id, flagConfigVersion: color.version } };
    body.iteration.treatments = [
      {
        name: 'Blue',
        baseline: true,
        allocationPercent: '40',
        parameters: [{ flagKey: 'button-color', variationId: color.ids['Blue'] }],
      },
      {
        name: 'Red',
        baseline: false,
        allocationPercent: '40',
        parameters: [{ flagKey: 'button-color', variationId: color.ids['Red'] }],
      },
    ];
    const reply = await h.post(EXPERIMENTS, body);
    expect(reply.status).toBe(201);
    expect(reply.body.draftIteration.flags['button-color']).toMatchObject({
      targetingRule: color.rules[0]!._id,
      targetingRuleDescription: 'Beta users',
    });
  });

  test('multi-flag treatments get generated IDs that are not variation IDs', async () => {
    const a = await flagInfo(h, 'new-checkout');
    const b = await flagInfo(h, 'button-color');
    const body: any = await experimentPost(h, 'multi');
    body.iteration.flags['button-color'] = { ruleId: 'fallthrough', flagConfigVersion: b.version };
    body.iteration.treatments[0].parameters.push({ flagKey: 'button-color', variationId: b.ids['Blue'] });
    body.iteration.treatments[1].parameters.push({ flagKey: 'button-color', variationId: b.ids['Green'] });
    const reply = await h.post(EXPERIMENTS, body);
    expect(reply.status).toBe(201);
    const ids = reply.body.draftIteration.treatments.map((t: any) => t._id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain(a.ids['Old checkout']);
    const missing: any = await experimentPost(h, 'multi-missing');
    missing.iteration.flags['button-color'] = { ruleId: 'fallthrough', flagConfigVersion: b.version };
    const refused = await h.post(EXPERIMENTS, missing);
    expect(refused.body.message).toBe(
      'iteration.treatments[0].parameters must set each flag of the iteration exactly once',
    );
  });

  test('holdoutId attaches the experiment to that holdout', async () => {
    const holdout = (await h.get(`${HOLDOUTS}/q1-holdout`)).body;
    const reply = await h.post(EXPERIMENTS, await experimentPost(h, 'held', { holdoutId: holdout._id }));
    expect(reply.status).toBe(201);
    expect(reply.body.holdoutId).toBe(holdout._id);
    const after = await h.get(`${HOLDOUTS}/id/${holdout._id}`);
    expect(after.body.experiments.map((e: any) => e.key)).toEqual(['checkout-flow', 'held']);
  });

  test('an unknown holdoutId is a 400', async () => {
    const reply = await h.post(EXPERIMENTS, await experimentPost(h, 'held', { holdoutId: 'nope' }));
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('body.holdoutId: no holdout with _id "nope" in production');
  });
});

describe('create iteration (deprecated endpoint)', () => {
  test('200 IterationRep that becomes the draft', async () => {
    const body: any = await experimentPost(h, 'x');
    const reply = await h.post(`${EXPERIMENTS}/checkout-flow/iterations`, {
      ...body.iteration,
      hypothesis: 'Second try',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('not_started');
    expect(reply.body.hypothesis).toBe('Second try');
    expect(reply.body.treatments).toHaveLength(2);
    const experiment = await h.get(`${EXPERIMENTS}/checkout-flow?expand=draftIteration`);
    expect(experiment.body.draftIteration._id).toBe(reply.body._id);
    expect(experiment.body.currentIteration.status).toBe('running');
  });

  test('400 on a missing required field, 404 on an unknown experiment', async () => {
    const body: any = await experimentPost(h, 'x');
    delete body.iteration.hypothesis;
    const bad = await h.post(`${EXPERIMENTS}/checkout-flow/iterations`, body.iteration);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('body.hypothesis is required');
    const missing = await h.post(`${EXPERIMENTS}/nope/iterations`, body.iteration);
    expect(missing.status).toBe(404);
  });
});
