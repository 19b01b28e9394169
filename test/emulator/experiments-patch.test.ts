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

const RUNNING = `${EXPERIMENTS}/checkout-flow`;
const FULL = '?expand=draftIteration,previousIterations,treatments,secondaryMetrics';

async function createDraft(key = 'fresh', overrides = {}, iteration = {}): Promise<string> {
  const reply = await h.post(EXPERIMENTS, await experimentPost(h, key, overrides, iteration));
  expect(reply.status).toBe(201);
  return `${EXPERIMENTS}/${key}`;
}

async function expect400(path: string, message: string, ...instructions: object[]): Promise<void> {
  const reply = await h.patch(path, ...instructions);
  expect(reply.body).toEqual({ code: 'invalid_request', message });
  expect(reply.status).toBe(400);
}

describe('patch envelope', () => {
  test('unknown instruction kind → 400 listing the supported kinds', async () => {
    await expect400(
      RUNNING,
      'body.instructions[0]: unknown instruction kind "renameIt" (supported: updateName, updateDescription, updateExperimentFields, saveAndStartNewIteration, startIteration, stopIteration, archiveExperiment, restoreExperiment)',
      { kind: 'renameIt' },
    );
  });

  test.each([
    [{}, 'body.instructions is required'],
    [{ instructions: [] }, 'body.instructions must be a non-empty array'],
    [{ instructions: [{ value: 'x' }] }, 'body.instructions[0].kind is required'],
    [{ instructions: ['updateName'] }, 'body.instructions[0] must be an object'],
    [[], 'body must be an object'],
  ])('malformed patch %j → 400', async (body, message) => {
    const reply = await h.call('PATCH', RUNNING, {
      body,
      contentType: 'application/json; domain-model=launchdarkly.semanticpatch',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(message);
  });

  test('404 for an unknown experiment', async () => {
    const reply = await h.patch(`${EXPERIMENTS}/nope`, { kind: 'updateName', value: 'x' });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('not_found');
  });
});

describe('updateName / updateDescription', () => {
  test('change name and description in any status', async () => {
    const reply = await h.patch(
      RUNNING,
      { kind: 'updateName', value: 'New name' },
      { kind: 'updateDescription', value: 'New text' },
    );
    expect(reply.status).toBe(200);
    expect([reply.body.name, reply.body.description]).toEqual(['New name', 'New text']);
  });

  test('an empty name is refused', async () => {
    await expect400(RUNNING, 'instructions[0].value must be a non-empty string', { kind: 'updateName', value: ' ' });
  });
});

describe('updateExperimentFields', () => {
  test('a draft accepts experiment and iteration fields', async () => {
    const path = await createDraft();
    const reply = await h.patch(path, {
      kind: 'updateExperimentFields',
      value: {
        name: { operation: 'update', value: 'Renamed' },
        tags: { operation: 'add', value: ['t1', 't2'] },
        hypothesis: { operation: 'update', value: 'Sharper hypothesis' },
        metrics: { operation: 'remove', value: ['page-load-ms'] },
        attributes: { operation: 'add', value: ['country'] },
        methodology: { operation: 'update', value: 'frequentist' },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Renamed', tags: ['t1', 't2'], methodology: 'frequentist' });
    const draft = reply.body.draftIteration;
    expect(draft).toMatchObject({ hypothesis: 'Sharper hypothesis', attributes: ['country'], version: 2 });
    expect(draft.metrics.map((m: any) => m.key)).toEqual(['checkout-completed']);
  });

  test('a draft can replace its treatments', async () => {
    const { ids } = await flagInfo(h, 'new-checkout');
    const path = await createDraft();
    const reply = await h.patch(path, {
      kind: 'updateExperimentFields',
      value: {
        treatments: {
          operation: 'update',
          value: [
            {
              name: 'A',
              baseline: true,
              allocationPercent: '10',
              parameters: [{ flagKey: 'new-checkout', variationId: ids['Old checkout'] }],
            },
            {
              name: 'B',
              baseline: false,
              allocationPercent: '90',
              parameters: [{ flagKey: 'new-checkout', variationId: ids['New checkout'] }],
            },
          ],
        },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.draftIteration.treatments.map((t: any) => `${t.name}:${t.allocationPercent}`)).toEqual([
      'A:10',
      'B:90',
    ]);
  });

  test('the iteration is re-validated after field updates', async () => {
    const path = await createDraft();
    await expect400(path, 'iteration.metrics[2]: unknown metric key "nope"', {
      kind: 'updateExperimentFields',
      value: { metrics: { operation: 'add', value: [{ key: 'nope' }] } },
    });
  });

  test.each([
    [
      { treatments: { operation: 'update', value: [] } },
      'field "treatments" does not allow "update" while the iteration is running (allowed: none)',
      'treatments',
    ],
    [
      { metrics: { operation: 'remove', value: ['page-load-ms'] } },
      'field "metrics" does not allow "remove" while the iteration is running (allowed: add)',
      'metrics',
    ],
    [
      { hypothesis: { operation: 'update', value: 'x' } },
      'field "hypothesis" does not allow "update" while the iteration is running (allowed: none)',
      'hypothesis',
    ],
    [{ colour: { operation: 'update', value: 'x' } }, 'unknown experiment field "colour"', 'colour'],
  ])('running: %j → 400 naming the field', async (value, message, field) => {
    await expect400(RUNNING, `instructions[0].value.${field}: ${message}`, { kind: 'updateExperimentFields', value });
  });

  test('running: metadata, added metrics and attributes are allowed', async () => {
    const reply = await h.patch(RUNNING, {
      kind: 'updateExperimentFields',
      value: {
        description: { operation: 'update', value: 'Now with more metrics' },
        metrics: { operation: 'add', value: [{ key: 'add-to-cart' }] },
        attributes: { operation: 'add', value: ['os'] },
        tags: { operation: 'remove', value: ['checkout'] },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.description).toBe('Now with more metrics');
    expect(reply.body.tags).toEqual([]);
    expect(reply.body.currentIteration.metrics.map((m: any) => m.key)).toEqual([
      'checkout-completed',
      'page-load-ms',
      'checkout-funnel',
      'add-to-cart',
    ]);
    expect(reply.body.currentIteration.attributes).toEqual(['os']);
  });

  test.each([
    [
      { name: { operation: 'rename', value: 'x' } },
      'instructions[0].value.name.operation must be one of add, update, remove',
    ],
    [{ name: { operation: 'update' } }, 'instructions[0].value.name.value is required for "update"'],
    [{}, 'instructions[0].value must name at least one field'],
  ])('parameter errors: %j', async (value, message) => {
    await expect400(RUNNING, message, { kind: 'updateExperimentFields', value });
  });
});

describe('startIteration', () => {
  test('starts the draft: running, startedAt, flag version bumped', async () => {
    const path = await createDraft('fresh', {}, {});
    const before = await flagInfo(h, 'new-checkout');
    const reply = await h.patch(path, { kind: 'startIteration' });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toHaveProperty('draftIteration');
    expect(reply.body.currentIteration).toMatchObject({ status: 'running', startedAt: NOW });
    expect((await flagInfo(h, 'new-checkout')).version).toBe(before.version + 1);
  });

  test('starting a holdout member makes the holdout run', async () => {
    const holdout = (await h.get(`${HOLDOUTS}/q1-holdout`)).body;
    const created = await h.post(HOLDOUTS, { key: 'h2', name: 'H2', holdoutamount: '10' });
    expect(created.body.status).toBe('created');
    const path = await createDraft('member', { holdoutId: created.body._id });
    expect((await h.get(`${HOLDOUTS}/h2`)).body.status).toBe('enabled');
    expect((await h.patch(path, { kind: 'startIteration' })).status).toBe(200);
    expect((await h.get(`${HOLDOUTS}/h2`)).body.status).toBe('running');
    expect(holdout.status).toBe('running');
  });

  test('no draft → 400', async () => {
    await expect400(RUNNING, 'experiment "checkout-flow" has no draft iteration to start', { kind: 'startIteration' });
  });

  test('a draft whose flag moved since it was saved → 400; refreshing its flags in the same patch starts it', async () => {
    const first = await createDraft('first');
    const second = await createDraft('second');
    const saved = (await flagInfo(h, 'new-checkout')).version;
    expect((await h.patch(first, { kind: 'startIteration' })).status).toBe(200);
    await expect400(
      second,
      `flag "new-checkout" changed since the draft iteration was saved: its flagConfigVersion ${String(saved)} is stale (the flag is at version ${String(saved + 1)} in production); update the iteration's flags before starting it`,
      { kind: 'startIteration' },
    );
    const refresh = {
      kind: 'updateExperimentFields',
      value: {
        flags: {
          operation: 'update',
          value: { 'new-checkout': { ruleId: 'fallthrough', flagConfigVersion: saved + 1 } },
        },
      },
    };
    const reply = await h.patch(second, refresh, { kind: 'startIteration' });
    expect(reply.status).toBe(200);
    expect(reply.body.currentIteration.flags['new-checkout'].flagConfigVersion).toBe(saved + 1);
  });

  test('a flag that is off → 400', async () => {
    const search = await flagInfo(h, 'search-ranking');
    const path = await createDraft(
      'search',
      {},
      {
        flags: { 'search-ranking': { ruleId: 'fallthrough', flagConfigVersion: search.version } },
        treatments: [
          {
            name: 'Classic',
            baseline: true,
            allocationPercent: '50',
            parameters: [{ flagKey: 'search-ranking', variationId: search.ids['Classic'] }],
          },
          {
            name: 'Semantic',
            baseline: false,
            allocationPercent: '50',
            parameters: [{ flagKey: 'search-ranking', variationId: search.ids['Semantic'] }],
          },
        ],
      },
    );
    await expect400(path, 'flag "search-ranking" must be toggled on in production', { kind: 'startIteration' });
  });

  test('an archived flag → 400', async () => {
    const path = await createDraft();
    h.emu.store.project('web').flags.get('new-checkout')!.environments['production']!.archived = true;
    await expect400(path, 'flag "new-checkout" is archived', { kind: 'startIteration' });
  });

  test('no randomization unit → 400', async () => {
    const path = await createDraft();
    await expect400(
      path,
      'the iteration has no randomizationUnit',
      { kind: 'updateExperimentFields', value: { randomizationUnit: { operation: 'remove' } } },
      { kind: 'startIteration' },
    );
  });

  test('all allocations zero → 400', async () => {
    const { ids } = await flagInfo(h, 'new-checkout');
    const path = await createDraft(
      'zero',
      {},
      {
        treatments: [
          {
            name: 'A',
            baseline: true,
            allocationPercent: '0',
            parameters: [{ flagKey: 'new-checkout', variationId: ids['Old checkout'] }],
          },
          {
            name: 'B',
            baseline: false,
            allocationPercent: '0',
            parameters: [{ flagKey: 'new-checkout', variationId: ids['New checkout'] }],
          },
        ],
      },
    );
    await expect400(path, 'at least one treatment must have a non-zero allocationPercent', { kind: 'startIteration' });
  });

  test('an archived experiment cannot start until restored', async () => {
    const archived = `${EXPERIMENTS}/button-color-test`;
    const color = await flagInfo(h, 'button-color');
    const iteration = {
      hypothesis: 'Again',
      metrics: [{ key: 'add-to-cart' }],
      primarySingleMetricKey: 'add-to-cart',
      flags: { 'button-color': { ruleId: 'fallthrough', flagConfigVersion: color.version } },
      treatments: [
        {
          name: 'Blue',
          baseline: true,
          allocationPercent: '50',
          parameters: [{ flagKey: 'button-color', variationId: color.ids['Blue'] }],
        },
        {
          name: 'Red',
          baseline: false,
          allocationPercent: '50',
          parameters: [{ flagKey: 'button-color', variationId: color.ids['Red'] }],
        },
      ],
    };
    expect((await h.post(`${archived}/iterations`, iteration)).status).toBe(200);
    await expect400(archived, 'experiment "button-color-test" is archived; restore it before starting an iteration', {
      kind: 'startIteration',
    });
    const restored = await h.patch(archived, { kind: 'restoreExperiment' }, { kind: 'startIteration' });
    expect(restored.status).toBe(200);
    expect(restored.body).not.toHaveProperty('archivedDate');
    expect(restored.body.currentIteration.status).toBe('running');
  });

  test('while another iteration runs, changeJustification is required and the old one stops', async () => {
    const body: any = await experimentPost(h, 'x');
    const draft = await h.post(`${RUNNING}/iterations`, { ...body.iteration, hypothesis: 'Round two' });
    expect(draft.status).toBe(200);
    await expect400(RUNNING, 'changeJustification is required to start an iteration while another is running', {
      kind: 'startIteration',
    });
    const old = (await h.get(RUNNING)).body.currentIteration;
    const reply = await h.patch(RUNNING, { kind: 'startIteration', changeJustification: 'New round' });
    expect(reply.status).toBe(200);
    const full = (await h.get(`${RUNNING}${FULL}`)).body;
    expect(full.currentIteration).toMatchObject({ _id: draft.body._id, status: 'running' });
    expect(full.previousIterations.map((it: any) => [it._id, it.status, it.endedAt])).toEqual([
      [old._id, 'stopped', NOW],
    ]);
    expect(full.previousIterations[0]).not.toHaveProperty('winningTreatmentId');
  });
});

describe('stopIteration', () => {
  test('stops the running iteration with its winner', async () => {
    const { ids } = await flagInfo(h, 'new-checkout');
    const reply = await h.patch(RUNNING, {
      kind: 'stopIteration',
      winningTreatmentId: ids['New checkout'],
      winningReason: 'It won',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.currentIteration).toMatchObject({
      status: 'stopped',
      endedAt: NOW,
      winningTreatmentId: ids['New checkout'],
      winningReason: 'It won',
    });
    expect((await h.get(`${EXPERIMENTS}?filter=status:stopped`)).body.items.map((e: any) => e.key)).toEqual([
      'checkout-flow',
    ]);
  });

  test('a winner is required and must be a treatment', async () => {
    const color = await flagInfo(h, 'button-color');
    const { ids } = await flagInfo(h, 'new-checkout');
    await expect400(RUNNING, 'stopIteration requires winningTreatmentId', { kind: 'stopIteration' });
    await expect400(
      RUNNING,
      `winningTreatmentId "${color.ids['Red']}" is not a treatment of the running iteration (${ids['Old checkout']}, ${ids['New checkout']})`,
      { kind: 'stopIteration', winningTreatmentId: color.ids['Red'] },
    );
  });

  test('nothing running → 400', async () => {
    const path = await createDraft();
    await expect400(path, 'experiment "fresh" has no running iteration to stop', {
      kind: 'stopIteration',
      winningTreatmentId: 'x',
    });
  });
});

describe('saveAndStartNewIteration', () => {
  test('copies the running iteration, applies updates, starts it, keeps the old as previous', async () => {
    const { ids } = await flagInfo(h, 'new-checkout');
    const old = (await h.get(RUNNING)).body.currentIteration;
    const reply = await h.patch(RUNNING, {
      kind: 'saveAndStartNewIteration',
      changeJustification: 'Rebalance',
      value: {
        hypothesis: { operation: 'update', value: 'Rebalanced' },
        treatments: {
          operation: 'update',
          value: [
            {
              name: 'Old checkout',
              baseline: true,
              allocationPercent: '20',
              parameters: [{ flagKey: 'new-checkout', variationId: ids['Old checkout'] }],
            },
            {
              name: 'New checkout',
              baseline: false,
              allocationPercent: '80',
              parameters: [{ flagKey: 'new-checkout', variationId: ids['New checkout'] }],
            },
          ],
        },
      },
    });
    expect(reply.status).toBe(200);
    const full = (await h.get(`${RUNNING}${FULL}`)).body;
    expect(full.currentIteration._id).not.toBe(old._id);
    expect(full.currentIteration).toMatchObject({ status: 'running', hypothesis: 'Rebalanced', startedAt: NOW });
    expect(full.currentIteration.treatments.map((t: any) => t.allocationPercent)).toEqual(['20', '80']);
    expect(full.previousIterations.map((it: any) => [it._id, it.status])).toEqual([[old._id, 'stopped']]);
  });

  test('requires a running iteration', async () => {
    const path = await createDraft();
    await expect400(path, 'saveAndStartNewIteration requires a running iteration', {
      kind: 'saveAndStartNewIteration',
    });
  });
});

describe('archive / restore', () => {
  test('a running experiment cannot be archived', async () => {
    await expect400(RUNNING, 'stop the running iteration before archiving the experiment', {
      kind: 'archiveExperiment',
    });
  });

  test('a stopped experiment is archived and hidden from the default list', async () => {
    const { ids } = await flagInfo(h, 'new-checkout');
    const reply = await h.patch(
      RUNNING,
      { kind: 'stopIteration', winningTreatmentId: ids['Old checkout'] },
      { kind: 'archiveExperiment' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.archivedDate).toBe(NOW);
    expect((await h.get(EXPERIMENTS)).body.total_count).toBe(0);
  });

  test('archiving an archived or restoring an active experiment changes nothing', async () => {
    const archived = await h.patch(`${EXPERIMENTS}/button-color-test`, { kind: 'archiveExperiment' });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedDate).toBe(Date.UTC(2026, 1, 10));
    const restored = await h.patch(RUNNING, { kind: 'restoreExperiment' });
    expect(restored.status).toBe(200);
    expect(restored.body).not.toHaveProperty('archivedDate');
  });
});

describe('atomicity', () => {
  test('a patch whose second instruction fails leaves the experiment unchanged', async () => {
    const before = (await h.get(`${RUNNING}${FULL}`)).body;
    const flagBefore = await flagInfo(h, 'new-checkout');
    const { ids } = flagBefore;
    await expect400(
      RUNNING,
      'experiment "checkout-flow" has no running iteration to stop',
      { kind: 'updateName', value: 'Half applied' },
      { kind: 'stopIteration', winningTreatmentId: ids['New checkout'] },
      { kind: 'stopIteration', winningTreatmentId: ids['New checkout'] },
    );
    expect((await h.get(`${RUNNING}${FULL}`)).body).toEqual(before);
    expect((await flagInfo(h, 'new-checkout')).version).toBe(flagBefore.version);
  });

  test('a start that fails on a later instruction leaves the flag, the holdout and the experiment as they were', async () => {
    const holdout = await h.post(HOLDOUTS, { key: 'h2', name: 'H2', holdoutamount: '10' });
    const path = await createDraft('member', { holdoutId: holdout.body._id });
    const flagPath = '/api/v2/flags/web/new-checkout?env=production';
    const before = {
      experiment: (await h.get(`${path}${FULL}`)).body,
      flag: (await h.get(flagPath)).body,
      holdout: (await h.get(`${HOLDOUTS}/h2`)).body,
    };
    // startIteration bumps the flag's versions and starts the holdout; the stop that follows fails.
    await expect400(
      path,
      'stopIteration requires winningTreatmentId',
      { kind: 'startIteration' },
      { kind: 'stopIteration' },
    );
    expect((await h.get(`${path}${FULL}`)).body).toEqual(before.experiment);
    expect((await h.get(flagPath)).body).toEqual(before.flag);
    expect((await h.get(`${HOLDOUTS}/h2`)).body).toEqual(before.holdout);
    expect(before.holdout.status).toBe('enabled');
    // The same patch without the failing instruction does change all three.
    expect((await h.patch(path, { kind: 'startIteration' })).status).toBe(200);
    const versionBefore = before.flag.environments.production.version as number;
    expect((await h.get(flagPath)).body.environments.production.version).toBe(versionBefore + 1);
    expect((await h.get(`${HOLDOUTS}/h2`)).body.status).toBe('running');
  });

  test('an unknown kind after valid ones rejects the whole patch', async () => {
    const reply = await h.patch(RUNNING, { kind: 'updateName', value: 'Nope' }, { kind: 'explode' });
    expect(reply.status).toBe(400);
    expect((await h.get(RUNNING)).body.name).toBe('Checkout flow');
  });
});
