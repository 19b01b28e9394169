/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests explore JSON response bodies dynamically */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXPERIMENTS, HOLDOUTS, NOW, experimentPost, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const SEEDED = `${HOLDOUTS}/q1-holdout`;

describe('read holdouts', () => {
  test('list: SimpleHoldoutRep items with total_count', async () => {
    const reply = await h.get(HOLDOUTS);
    expect(reply.status).toBe(200);
    expect(reply.body.total_count).toBe(1);
    expect(reply.body.items[0]).toMatchObject({
      key: 'q1-holdout',
      name: 'Q1 holdout',
      status: 'running',
      experiments: [{ key: 'checkout-flow', name: 'Checkout flow', environment: 'production' }],
    });
  });

  test('list pages with limit/offset', async () => {
    for (const key of ['h-a', 'h-b']) {
      expect((await h.post(HOLDOUTS, { key, name: key, holdoutamount: '5' })).status).toBe(201);
    }
    const page = await h.get(`${HOLDOUTS}?limit=2&offset=1`);
    expect(page.body.items.map((i: any) => i.key)).toEqual(['h-a', 'h-b']);
    expect(page.body.total_count).toBe(3);
    expect(page.body._links).not.toHaveProperty('next');
    expect((await h.get(`${HOLDOUTS}?limit=1`)).body._links.next.href).toBe(`${HOLDOUTS}?limit=1&offset=1`);
  });

  test('get by key: HoldoutDetailRep with isDirty and related experiments', async () => {
    const reply = await h.get(SEEDED);
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body).toMatchObject({ status: 'running', holdoutAmount: '5', isDirty: true });
    expect(body).not.toHaveProperty('key');
    expect(body.baseExperiment).toMatchObject({ key: 'q1-holdout', name: 'Q1 holdout', type: 'holdout' });
    expect(body.baseExperiment._links.self.href).toBe(SEEDED);
    expect(body.relatedExperiments.map((e: any) => e.key)).toEqual(['checkout-flow']);
    expect(body.relatedExperiments[0].currentIteration).not.toHaveProperty('treatments');
  });

  test('rel- expand values apply to related experiments only', async () => {
    const reply = await h.get(`${SEEDED}?expand=rel-treatments,rel-metrics`);
    const related = reply.body.relatedExperiments[0].currentIteration;
    expect(related.treatments).toHaveLength(2);
    expect(related.metrics).toHaveLength(3);
  });

  test('get by ID returns a HoldoutRep; unknown keys and IDs are 404', async () => {
    const detail = (await h.get(SEEDED)).body;
    const byId = await h.get(`${HOLDOUTS}/id/${detail._id}`);
    expect(byId.status).toBe(200);
    expect(byId.body._id).toBe(detail._id);
    expect(byId.body.experiments).toEqual([{ key: 'checkout-flow', name: 'Checkout flow', environment: 'production' }]);
    expect(byId.body).not.toHaveProperty('relatedExperiments');
    expect((await h.get(`${HOLDOUTS}/id/nope`)).status).toBe(404);
    expect((await h.get(`${HOLDOUTS}/nope`)).body.code).toBe('not_found');
  });
});

describe('create holdout', () => {
  test('201 HoldoutRep; key and name live in baseExperiment; amount is a string', async () => {
    const reply = await h.post(HOLDOUTS, {
      key: 'h2',
      name: 'Second holdout',
      description: 'Ten percent',
      holdoutamount: '10',
      randomizationunit: 'device',
      primarymetrickey: 'checkout-completed',
      metrics: [{ key: 'checkout-completed' }],
      attributes: ['country'],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'created',
      description: 'Ten percent',
      holdoutAmount: '10',
      createdAt: NOW,
      updatedAt: NOW,
      experiments: [],
    });
    expect(reply.body.baseExperiment).toMatchObject({ key: 'h2', name: 'Second holdout', type: 'holdout' });
  });

  test.each([
    [{ name: 'x', holdoutamount: '5' }, 'body.key is required'],
    [{ key: 'x', holdoutamount: '5' }, 'body.name is required'],
    [{ key: 'x', name: 'x' }, 'body.holdoutamount is required'],
    [{ key: 'x', name: 'x', holdoutamount: 5 }, 'body.holdoutamount must be a string holding a number (e.g. "50")'],
    [{ key: 'x', name: 'x', holdoutamount: '0' }, 'body.holdoutamount must be greater than 0'],
    [
      { key: 'x', name: 'x', holdoutamount: '5', randomizationunit: 'org' },
      'randomizationUnit "org" is not a context kind of the project (user, device)',
    ],
    [
      { key: 'x', name: 'x', holdoutamount: '5', primarymetrickey: 'nope' },
      'body.primarymetrickey: unknown metric key "nope"',
    ],
  ])('%j → 400', async (body, message) => {
    const reply = await h.post(HOLDOUTS, body);
    expect(reply.body).toEqual({ code: 'invalid_request', message });
  });

  test('409 for a duplicate key', async () => {
    const reply = await h.post(HOLDOUTS, { key: 'q1-holdout', name: 'Again', holdoutamount: '5' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('conflict');
  });
});

describe('patch holdout', () => {
  test('updateName and updateDescription', async () => {
    const reply = await h.patch(
      SEEDED,
      { kind: 'updateName', value: 'Renamed' },
      { kind: 'updateDescription', value: 'New' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.baseExperiment.name).toBe('Renamed');
    expect(reply.body.description).toBe('New');
  });

  test('updateName also accepts `name` as in the schema example', async () => {
    const reply = await h.patch(SEEDED, { kind: 'updateName', name: 'By name' });
    expect(reply.body.baseExperiment.name).toBe('By name');
  });

  test('removeExperiment detaches a member by key; a non-member is a 400', async () => {
    const reply = await h.patch(SEEDED, { kind: 'removeExperiment', value: 'checkout-flow' });
    expect(reply.status).toBe(200);
    expect(reply.body.experiments).toEqual([]);
    expect((await h.get(`${EXPERIMENTS}/checkout-flow`)).body).not.toHaveProperty('holdoutId');
    const again = await h.patch(SEEDED, { kind: 'removeExperiment', value: 'checkout-flow' });
    expect(again.body).toEqual({
      code: 'invalid_request',
      message: 'experiment "checkout-flow" is not part of holdout "q1-holdout"',
    });
  });

  test('an unknown instruction or the wrong content type is a 400', async () => {
    const unknown = await h.patch(SEEDED, { kind: 'addExperiment', value: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe(
      'body.instructions[0]: unknown instruction kind "addExperiment" (supported: updateName, updateDescription, removeExperiment, endHoldout)',
    );
    const plain = await h.call('PATCH', SEEDED, { body: { instructions: [{ kind: 'endHoldout' }] } });
    expect(plain.status).toBe(400);
  });

  test('endHoldout ends it; an ended holdout refuses changes and new experiments', async () => {
    const ended = await h.patch(SEEDED, { kind: 'endHoldout' });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    expect(ended.body.baseExperiment.currentIteration.status).toBe('stopped');
    const rename = await h.patch(SEEDED, { kind: 'updateName', value: 'Late' });
    expect(rename.body).toEqual({
      code: 'invalid_request',
      message: 'holdout "q1-holdout" has ended and cannot be changed',
    });
    const join = await h.post(EXPERIMENTS, await experimentPost(h, 'late', { holdoutId: ended.body._id }));
    expect(join.body).toEqual({
      code: 'invalid_request',
      message: 'holdout "q1-holdout" has ended and accepts no new experiments',
    });
  });

  test('a failing instruction leaves the holdout unchanged', async () => {
    const before = (await h.get(SEEDED)).body;
    const reply = await h.patch(
      SEEDED,
      { kind: 'updateName', value: 'Half' },
      { kind: 'removeExperiment', value: 'nope' },
    );
    expect(reply.status).toBe(400);
    expect((await h.get(SEEDED)).body).toEqual(before);
  });

  test('status goes created → enabled → running as members join and start', async () => {
    const created = await h.post(HOLDOUTS, { key: 'h3', name: 'H3', holdoutamount: '3' });
    expect(created.body.status).toBe('created');
    expect((await h.post(EXPERIMENTS, await experimentPost(h, 'in-h3', { holdoutId: created.body._id }))).status).toBe(
      201,
    );
    expect((await h.get(`${HOLDOUTS}/h3`)).body).toMatchObject({ status: 'enabled', isDirty: false });
    expect((await h.patch(`${EXPERIMENTS}/in-h3`, { kind: 'startIteration' })).status).toBe(200);
    expect((await h.get(`${HOLDOUTS}/h3`)).body).toMatchObject({ status: 'running', isDirty: true });
  });
});
