import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { apply } from '../../src/apply/apply.js';
import { UsageError } from '../../src/errors.js';
import { createClient, SEMANTIC_PATCH_CONTENT_TYPE } from '../../src/live/client.js';
import type { HttpMethod, LdResponse } from '../../src/live/client.js';
import type { PlanStep } from '../../src/plan/types.js';
import { RecordingReporter } from '../helpers/recording-reporter.js';
import { startFakeLd, type FakeLd } from '../live/fake-server.js';
import { plan, ScriptedClient, step } from './builders.js';

/** The writes apply sent, without the reads that check a step's precondition. */
const writes = (client: ScriptedClient) => client.calls.filter((c) => c.method !== 'GET');

const indexOf = (log: string[], entry: string) => {
  const at = log.indexOf(entry);
  expect(at, entry).toBeGreaterThanOrEqual(0);
  return at;
};

describe('apply ordering and concurrency', () => {
  it('runs independent resources concurrently, never more than `concurrency` at once', async () => {
    const client = new ScriptedClient();
    const steps = ['a', 'b', 'c', 'd', 'e'].map((id) => step(id, `experiment/p/e/${id}`));
    const report = await apply(plan(steps), client, { concurrency: 2 });
    expect(client.maxInFlight).toBe(2);
    expect(report.ok).toBe(5);
  });

  it('with concurrency 1 runs strictly one after another in plan order', async () => {
    const client = new ScriptedClient();
    const steps = ['a', 'b', 'c'].map((id) => step(id, `experiment/p/e/${id}`));
    await apply(plan(steps), client, { concurrency: 1 });
    expect(client.maxInFlight).toBe(1);
    expect(client.log).toEqual(['a', 'b', 'c'].flatMap((id) => [`start /api/v2/${id}`, `end /api/v2/${id}`]));
  });

  it('starts a step only after its dependencies and earlier steps of the same resource finished', async () => {
    const client = new ScriptedClient();
    const steps = [
      step('holdout', 'holdout/p/e/h', { method: 'POST', kind: 'createHoldout' }),
      step('exp1-create', 'experiment/p/e/x', { method: 'POST', kind: 'createExperiment', dependsOn: ['holdout'] }),
      step('other', 'experiment/p/e/y'),
      // Same resource as exp1-create, no dependsOn: plan order still holds.
      step('exp1-start', 'experiment/p/e/x'),
    ];
    await apply(plan(steps), client, { concurrency: 4 });
    const log = client.log;
    expect(indexOf(log, 'start /api/v2/exp1-create')).toBeGreaterThan(indexOf(log, 'end /api/v2/holdout'));
    expect(indexOf(log, 'start /api/v2/exp1-start')).toBeGreaterThan(indexOf(log, 'end /api/v2/exp1-create'));
    // "other" depends on nothing, so it does not wait for the holdout.
    expect(indexOf(log, 'start /api/v2/other')).toBeLessThan(indexOf(log, 'end /api/v2/holdout'));
  });

  it('starts a step with `after` only once those steps finished; independent steps do not wait', async () => {
    const client = new ScriptedClient();
    const steps = [
      step('create-b', 'experiment/p/e/b', { method: 'POST', kind: 'createExperiment' }),
      step('other', 'experiment/p/e/c'),
      step('stop-a', 'experiment/p/e/a', { after: ['create-b'] }),
    ];
    const report = await apply(plan(steps), client, { concurrency: 4 });
    const log = client.log;
    expect(indexOf(log, 'start /api/v2/stop-a')).toBeGreaterThan(indexOf(log, 'end /api/v2/create-b'));
    expect(indexOf(log, 'start /api/v2/other')).toBeLessThan(indexOf(log, 'end /api/v2/create-b'));
    expect(report.ok).toBe(3);
  });

  it('rejects a plan whose dependencies point at unknown or later steps, before sending anything', async () => {
    const client = new ScriptedClient();
    for (const steps of [
      [step('a', 'r1', { after: ['nope'] })],
      [step('a', 'r1', { after: ['b'] }), step('b', 'r2')],
      [step('a', 'r1', { dependsOn: ['nope'] })],
      [step('a', 'r1', { dependsOn: ['b'] }), step('b', 'r2')],
      [step('a', 'r1'), step('a', 'r2')],
      [step('a', 'r1', { bindings: [{ fromStep: 'a', responsePointer: '/_id', bodyPointer: '/x' }] })],
    ]) {
      await expect(apply(plan(steps), client, { concurrency: 2 })).rejects.toBeInstanceOf(UsageError);
    }
    expect(client.calls).toEqual([]);
  });
});

describe('apply failures', () => {
  it('skips transitive dependents and later steps of the resource, keeps independents going; reports in plan order', async () => {
    const client = new ScriptedClient({
      '/api/v2/holdout': { status: 400, body: { code: 'invalid_request', message: 'holdoutamount must be a string' } },
      '/api/v2/ok2': { status: 201, body: {} },
    });
    const steps = [
      step('holdout', 'holdout/p/e/h', { method: 'POST', kind: 'createHoldout' }),
      step('ok1', 'experiment/p/e/a'),
      step('exp-create', 'experiment/p/e/x', { method: 'POST', dependsOn: ['holdout'] }),
      step('ok2', 'experiment/p/e/b', { method: 'POST' }),
      step('exp-start', 'experiment/p/e/x'),
      step('after-start', 'experiment/p/e/z', { dependsOn: ['exp-start', 'ok1'] }),
      step('holdout-2', 'holdout/p/e/h'),
    ];
    const reporter = new RecordingReporter();
    const report = await apply(plan(steps), client, { concurrency: 3, reporter });
    const reason = 'not run because step 1 failed';
    expect(report).toEqual({
      planHash: 'sha256:abc',
      outcomes: [
        {
          status: 'failed',
          stepId: 'holdout',
          httpStatus: 400,
          message: 'holdoutamount must be a string',
          code: 'invalid_request',
        },
        { status: 'ok', stepId: 'ok1', httpStatus: 200 },
        { status: 'skipped', stepId: 'exp-create', reason },
        { status: 'ok', stepId: 'ok2', httpStatus: 201 },
        { status: 'skipped', stepId: 'exp-start', reason },
        { status: 'skipped', stepId: 'after-start', reason },
        { status: 'skipped', stepId: 'holdout-2', reason },
      ],
      ok: 2,
      failed: 1,
      skipped: 4,
      unknown: 0,
      interrupted: false,
    });
    expect(
      writes(client)
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/api/v2/holdout', '/api/v2/ok1', '/api/v2/ok2']);

    const ends = reporter.events.filter((e) => e.type === 'step-end');
    expect(ends).toHaveLength(7);
    expect(ends.find((e) => e.stepId === 'holdout')).toEqual({
      type: 'step-end',
      stepId: 'holdout',
      description: 'Creating holdout h (p/e)',
      status: 'failed',
      message: 'holdoutamount must be a string',
      index: 1,
      total: 7,
    });
    expect(ends.find((e) => e.stepId === 'holdout-2')).toEqual({
      type: 'step-end',
      stepId: 'holdout-2',
      description: 'Updating holdout h (p/e)',
      status: 'skipped',
      message: reason,
      index: 7,
      total: 7,
    });
    const starts = reporter.events.filter((e) => e.type === 'step-start');
    expect(starts.map((e) => e.stepId).sort()).toEqual(['holdout', 'ok1', 'ok2']);
    expect(starts.find((e) => e.stepId === 'ok2')).toEqual({
      type: 'step-start',
      stepId: 'ok2',
      description: 'Updating experiment b (p/e)',
      index: 4,
      total: 7,
    });
  });

  it('runs a step whose `after` step failed or was skipped: ordering only, not a dependency', async () => {
    const client = new ScriptedClient({ '/api/v2/create-b': { status: 400, body: { message: 'bad' } } });
    const steps = [
      step('create-b', 'experiment/p/e/b', { method: 'POST', kind: 'createExperiment' }),
      step('start-b', 'experiment/p/e/b'),
      step('stop-a', 'experiment/p/e/a', { after: ['create-b', 'start-b'] }),
      step('archive-a', 'experiment/p/e/a', { dependsOn: ['stop-a'] }),
    ];
    const report = await apply(plan(steps), client, { concurrency: 1 });
    expect(report.outcomes.map((o) => [o.stepId, o.status])).toEqual([
      ['create-b', 'failed'],
      ['start-b', 'skipped'],
      ['stop-a', 'ok'],
      ['archive-a', 'ok'],
    ]);
    expect(writes(client).map((c) => c.path)).toEqual(['/api/v2/create-b', '/api/v2/stop-a', '/api/v2/archive-a']);
  });

  it('fails a step whose binding finds nothing in the earlier response, and skips its dependents', async () => {
    const client = new ScriptedClient({ '/api/v2/holdout': { status: 201, body: { key: 'h' } } });
    const steps = [
      step('holdout', 'holdout/p/e/h', { method: 'POST' }),
      step('exp', 'experiment/p/e/x', {
        method: 'POST',
        dependsOn: ['holdout'],
        bindings: [{ fromStep: 'holdout', responsePointer: '/_id', bodyPointer: '/holdoutId' }],
      }),
      step('exp-start', 'experiment/p/e/x'),
    ];
    const report = await apply(plan(steps), client, { concurrency: 2 });
    expect(report.outcomes).toEqual([
      { status: 'ok', stepId: 'holdout', httpStatus: 201 },
      {
        status: 'failed',
        stepId: 'exp',
        httpStatus: 0,
        message: 'the response of step "holdout" has no value at /_id',
        code: 'BindingUnresolved',
      },
      { status: 'skipped', stepId: 'exp-start', reason: 'not run because step 2 failed' },
    ]);
    expect(writes(client).map((c) => c.path)).toEqual(['/api/v2/holdout']);
  });

  describe('read bindings', () => {
    const FLAG = '/api/v2/flags/p/f?env=e';
    const readVersion = {
      bodyPointer: '/instructions/0/value/flags/value/f/flagConfigVersion',
      fromGet: FLAG,
      responsePointer: '/environments/e/version',
    };
    const second = (): ReturnType<typeof step> =>
      step('second', 'experiment/p/e/b', {
        after: ['first'],
        body: {
          instructions: [
            { kind: 'updateExperimentFields', value: { flags: { value: { f: { ruleId: 'fallthrough' } } } } },
            { kind: 'startIteration' },
          ],
        },
        bindings: [readVersion],
      });

    it('reads right before sending, after the steps it waits for, and fills the value in', async () => {
      const client = new ScriptedClient({ [FLAG]: { status: 200, body: { environments: { e: { version: 12 } } } } });
      const report = await apply(plan([step('first', 'experiment/p/e/a'), second()]), client, { concurrency: 4 });
      expect(report.ok).toBe(2);
      expect(client.log).toEqual([
        'start /api/v2/first',
        'end /api/v2/first',
        `start ${FLAG}`,
        `end ${FLAG}`,
        'start /api/v2/second',
        'end /api/v2/second',
      ]);
      expect(client.calls.map((c) => c.method)).toEqual(['PATCH', 'GET', 'PATCH']);
      expect(client.calls[2]!.options.body).toEqual({
        instructions: [
          {
            kind: 'updateExperimentFields',
            value: { flags: { value: { f: { ruleId: 'fallthrough', flagConfigVersion: 12 } } } },
          },
          { kind: 'startIteration' },
        ],
      });
    });

    it('still reads and sends when the step it waits for failed (ordering only)', async () => {
      const client = new ScriptedClient({
        '/api/v2/first': { status: 400, body: { code: 'invalid_request', message: 'no' } },
        [FLAG]: { status: 200, body: { environments: { e: { version: 3 } } } },
      });
      const report = await apply(plan([step('first', 'experiment/p/e/a'), second()]), client, { concurrency: 1 });
      expect(report.outcomes.map((o) => o.status)).toEqual(['failed', 'ok']);
    });

    it('fails the step with the server status when the read fails, and sends nothing for it', async () => {
      const client = new ScriptedClient({
        [FLAG]: { status: 404, body: { code: 'not_found', message: 'Unknown flag key "f"' } },
      });
      const report = await apply(plan([step('first', 'experiment/p/e/a'), second()]), client, { concurrency: 1 });
      expect(report.outcomes[1]).toEqual({
        status: 'failed',
        stepId: 'second',
        httpStatus: 404,
        message: 'reading a value for this step: Unknown flag key "f"',
        code: 'not_found',
      });
      expect(client.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['PATCH /api/v2/first', `GET ${FLAG}`]);
    });

    it('fails the step when the read answer has nothing at the pointer', async () => {
      const client = new ScriptedClient({ [FLAG]: { status: 200, body: { environments: {} } } });
      const report = await apply(plan([step('first', 'experiment/p/e/a'), second()]), client, { concurrency: 1 });
      expect(report.outcomes[1]).toEqual({
        status: 'failed',
        stepId: 'second',
        httpStatus: 0,
        message: `the response of GET ${FLAG} has no value at /environments/e/version`,
        code: 'BindingUnresolved',
      });
    });
  });

  it('reports an empty plan as an empty report', async () => {
    expect(await apply(plan([]), new ScriptedClient(), { concurrency: 4 })).toEqual({
      planHash: 'sha256:abc',
      outcomes: [],
      ok: 0,
      failed: 0,
      skipped: 0,
      unknown: 0,
      interrupted: false,
    });
  });
});

/** A client whose requests wait until the test lets them answer (200 `{}`). */
class GatedClient extends ScriptedClient {
  private readonly gates = new Map<string, () => void>();
  readonly sent: string[] = [];

  override async request<T>(_method: HttpMethod, path: string): Promise<LdResponse<T>> {
    this.sent.push(path);
    await new Promise<void>((resolve) => this.gates.set(path, resolve));
    return { status: 200, body: {} as T, headers: {} };
  }

  async answer(path: string): Promise<void> {
    while (!this.gates.has(path)) await new Promise((resolve) => setImmediate(resolve));
    this.gates.get(path)?.();
  }

  async waitUntilSent(path: string): Promise<void> {
    while (!this.gates.has(path)) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('apply interrupted', () => {
  const NOT_STARTED = 'not started: apply was interrupted';
  const steps = (): PlanStep[] => [
    step('a', 'experiment/p/e/a'),
    step('b', 'experiment/p/e/b', { dependsOn: ['a'] }),
    step('c', 'experiment/p/e/c'),
  ];

  it('before it started: nothing is sent, every step is "not started"', async () => {
    const client = new GatedClient();
    const interrupt = new AbortController();
    interrupt.abort();
    const report = await apply(plan(steps()), client, { concurrency: 1, signal: interrupt.signal });
    expect(client.sent).toEqual([]);
    expect(report).toMatchObject({ interrupted: true, ok: 0, skipped: 3, unknown: 0 });
    expect(report.outcomes).toEqual(
      ['a', 'b', 'c'].map((id) => ({ status: 'skipped', stepId: id, reason: NOT_STARTED })),
    );
  });

  it('mid-flight: the step in flight finishes, nothing new starts (dependents and independents alike)', async () => {
    const client = new GatedClient();
    const interrupt = new AbortController();
    const recorder = new RecordingReporter();
    const running = apply(plan(steps()), client, { concurrency: 1, signal: interrupt.signal, reporter: recorder });
    await client.waitUntilSent('/api/v2/a');
    interrupt.abort();
    await client.answer('/api/v2/a');
    const report = await running;
    expect(client.sent).toEqual(['/api/v2/a']);
    expect(report.outcomes).toEqual([
      { status: 'ok', stepId: 'a', httpStatus: 200 },
      { status: 'skipped', stepId: 'b', reason: NOT_STARTED },
      { status: 'skipped', stepId: 'c', reason: NOT_STARTED },
    ]);
    expect(report).toMatchObject({ interrupted: true, ok: 1, skipped: 2, unknown: 0 });
    // Steps that never started send no progress events: the report accounts for them.
    expect(recorder.events.filter((e) => e.type === 'step-end').map((e) => e.stepId)).toEqual(['a']);
  });

  it('an interrupt while the last step is in flight, answered in time, leaves a complete report', async () => {
    const client = new GatedClient();
    const interrupt = new AbortController();
    const running = apply(plan([step('a', 'experiment/p/e/a')]), client, { concurrency: 1, signal: interrupt.signal });
    await client.waitUntilSent('/api/v2/a');
    interrupt.abort();
    await client.answer('/api/v2/a');
    expect(await running).toMatchObject({ interrupted: false, ok: 1, skipped: 0 });
  });

  it('giving up: a step still waiting for its answer is "unknown", and apply returns without it', async () => {
    const client = new GatedClient();
    const interrupt = new AbortController();
    const giveUp = new AbortController();
    const running = apply(plan(steps()), client, {
      concurrency: 2,
      signal: interrupt.signal,
      giveUp: giveUp.signal,
    });
    await client.waitUntilSent('/api/v2/a');
    await client.waitUntilSent('/api/v2/c');
    interrupt.abort();
    await client.answer('/api/v2/c');
    await new Promise((resolve) => setImmediate(resolve));
    giveUp.abort();
    const report = await running;
    expect(report.outcomes).toEqual([
      {
        status: 'unknown',
        stepId: 'a',
        reason: 'sent, but apply was interrupted before LaunchDarkly answered; plan again to see whether it happened',
      },
      { status: 'skipped', stepId: 'b', reason: NOT_STARTED },
      { status: 'ok', stepId: 'c', httpStatus: 200 },
    ]);
    expect(report).toMatchObject({ interrupted: true, ok: 1, skipped: 1, unknown: 1, failed: 0 });
  });
});

describe('apply over HTTP', () => {
  let fake: FakeLd;
  beforeEach(async () => {
    fake = await startFakeLd();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('fills a created holdout _id into the experiment create, sends PATCH as a semantic patch, and leaves the plan untouched', async () => {
    const base = '/api/v2/projects/p/environments/e';
    fake.route('POST', `${base}/holdouts`, { status: 201, body: { _id: 'holdout-uuid-1', status: 'created' } });
    fake.route('POST', `${base}/experiments`, { status: 201, body: { key: 'x' } });
    fake.route('PATCH', `${base}/experiments/x`, { status: 200, body: { key: 'x' } });
    const steps = [
      step('h', 'holdout/p/e/h', {
        kind: 'createHoldout',
        method: 'POST',
        path: `${base}/holdouts`,
        body: { key: 'h', holdoutamount: '5' },
      }),
      step('x-create', 'experiment/p/e/x', {
        kind: 'createExperiment',
        method: 'POST',
        path: `${base}/experiments`,
        body: { key: 'x', name: 'X', iteration: { hypothesis: 'h' } },
        dependsOn: ['h'],
        bindings: [{ fromStep: 'h', responsePointer: '/_id', bodyPointer: '/holdoutId' }],
      }),
      step('x-start', 'experiment/p/e/x', {
        path: `${base}/experiments/x`,
        body: { instructions: [{ kind: 'startIteration' }] },
      }),
    ];
    const saved = plan(steps);
    const before = structuredClone(saved);
    const client = createClient({ baseUrl: fake.url, token: 'tok' });
    const report = await apply(saved, client, { concurrency: 4 });

    expect(report.outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'ok']);
    // Each create first confirms that its key is still free (the fake server answers 404).
    expect(fake.requests.map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}`)).toEqual([
      `GET ${base}/holdouts/h`,
      `POST ${base}/holdouts`,
      `GET ${base}/experiments/x`,
      `POST ${base}/experiments`,
      `PATCH ${base}/experiments/x`,
    ]);
    expect(fake.requests[3]!.body).toEqual({
      key: 'x',
      name: 'X',
      iteration: { hypothesis: 'h' },
      holdoutId: 'holdout-uuid-1',
    });
    expect(fake.headerValues(fake.requests[3]!, 'content-type')).toEqual(['application/json']);
    expect(fake.headerValues(fake.requests[4]!, 'content-type')).toEqual([SEMANTIC_PATCH_CONTENT_TYPE]);
    expect(saved).toEqual(before);
  });
});
