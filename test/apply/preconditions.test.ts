import { describe, expect, it } from 'vitest';

import { apply } from '../../src/apply/apply.js';
import { changedMessage, expectationOf, isNonIdempotent, type Observed } from '../../src/apply/preconditions.js';
import { RemoteError } from '../../src/errors.js';
import type { HttpMethod, LdResponse, RequestOptions } from '../../src/live/client.js';
import type { LdExperiment } from '../../src/live/ld-types.js';
import type { InstructionKind } from '../../src/plan/instructions.js';
import { plan, resource, ScriptedClient, step } from './builders.js';

const patch = (...kinds: InstructionKind[]) =>
  step('s', 'experiment/p/e/x', { instructions: kinds, body: { instructions: kinds.map((kind) => ({ kind })) } });

describe('isNonIdempotent', () => {
  it.each([
    [['updateExperimentFields'], 'PATCH', false],
    [['updateName', 'updateDescription'], 'PATCH', false],
    [['archiveExperiment'], 'PATCH', false],
    [['startIteration'], 'PATCH', true],
    [['stopIteration'], 'PATCH', true],
    [['updateName', 'saveAndStartNewIteration'], 'PATCH', true],
    [['endHoldout'], 'PATCH', true],
    [['removeExperiment'], 'PATCH', true],
    [[], 'POST', true],
  ] as const)('%j by %s → %s', (kinds, method, expected) => {
    expect(isNonIdempotent({ ...patch(...kinds), method })).toBe(expected);
  });
});

describe('expectationOf', () => {
  const fingerprints = { 'experiment/p/e/x': 'f-x' };
  it.each([
    ['a create of a planned create', 'createExperiment', 'create', { absent: true }],
    ['the iteration of an experiment created in this plan', 'createIteration', 'create', undefined],
    ['a patch of an existing experiment', 'patchExperiment', 'update', { absent: false, fingerprint: 'f-x' }],
  ] as const)('%s', (_, kind, action, expected) => {
    const planned = plan([], { resources: [resource('experiment/p/e/x', action)], fingerprints: {} });
    const withFingerprint = { ...planned, fingerprints: action === 'update' ? fingerprints : {} };
    expect(expectationOf(withFingerprint, { ...patch('startIteration'), kind })).toEqual(expected);
  });
});

describe('changedMessage', () => {
  const experiment = (previous: number, status: 'running' | 'stopped'): LdExperiment =>
    ({
      key: 'x',
      previousIterations: Array.from({ length: previous }, (_, i) => ({ _id: `it-${String(i)}`, status: 'stopped' })),
      currentIteration: { _id: 'now', status, treatments: [] },
    }) as unknown as LdExperiment;
  const seen = (object: LdExperiment | undefined): Observed => ({ object, fingerprint: 'f', raw: 'r' });
  const tail =
    ' since the plan was made. Another change is in progress (another ldexp apply or an edit in LaunchDarkly); this step was not applied. Run plan again.';
  const running = { ...resource('experiment/p/e/x', 'update'), stateFrom: 'running', context: { iterationNumber: 1 } };

  it.each([
    ['restarted', running, seen(experiment(1, 'running')), 'its iteration changed from 1 to 2'],
    ['stopped', running, seen(experiment(0, 'stopped')), 'its status changed from running to stopped'],
    [
      'restarted and stopped',
      running,
      seen(experiment(1, 'stopped')),
      'its iteration changed from 1 to 2 and its status changed from running to stopped',
    ],
    ['edited otherwise', running, seen(experiment(0, 'running')), 'was edited (it is now running, iteration 1)'],
    ['deleted', running, seen(undefined), 'was deleted'],
    [
      'created by someone else',
      resource('experiment/p/e/x', 'create'),
      seen(experiment(0, 'running')),
      'was created by someone else',
    ],
  ])('%s', (_, planned, observed, what) => {
    expect(changedMessage('experiment/p/e/x', planned, observed)).toBe(`experiment/p/e/x ${what}${tail}`);
  });
});

/** A ScriptedClient whose writes fail as scripted, once each, before answering 200. */
class FlakyClient extends ScriptedClient {
  constructor(
    private readonly failures: RemoteError[],
    script: ConstructorParameters<typeof ScriptedClient>[0] = {},
  ) {
    super(script);
  }
  override async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<LdResponse<T>> {
    const failure = method === 'GET' ? undefined : this.failures.shift();
    const response = await super.request<T>(method, path, options);
    if (failure) throw failure;
    return response;
  }
}

describe('apply: writes without a usable answer', () => {
  const conflict = () => new RemoteError(409, 'PATCH', '/x', 'optimistic_locking_error', 'Conflict');
  const unavailable = () => new RemoteError(503, 'PATCH', '/x', 'service_unavailable', 'down');

  it('an idempotent patch that met a 409 or a 503 is simply sent again', async () => {
    const client = new FlakyClient([conflict(), unavailable()]);
    const report = await apply(plan([patch('updateName')]), client, { concurrency: 1 });
    expect(report.outcomes).toEqual([{ status: 'ok', stepId: 's', httpStatus: 200 }]);
    expect(client.calls.map((c) => c.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
  });

  it('gives up after three sends, with the last answer', async () => {
    const client = new FlakyClient([unavailable(), unavailable(), unavailable()]);
    const report = await apply(plan([patch('updateName')]), client, { concurrency: 1 });
    expect(report.outcomes).toEqual([
      { status: 'failed', stepId: 's', httpStatus: 503, code: 'service_unavailable', message: 'down' },
    ]);
  });

  it('a 400 on a step that must not happen twice: read back once (unchanged, so it stands), never sent again', async () => {
    const client = new FlakyClient([new RemoteError(400, 'PATCH', '/x', 'invalid_request', 'bad')]);
    const report = await apply(plan([patch('startIteration')]), client, { concurrency: 1 });
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', httpStatus: 400, code: 'invalid_request' });
    expect(client.calls.map((c) => c.method)).toEqual(['GET', 'PATCH', 'GET']);
  });

  it('a 400 on a step that may repeat: final, not read back, not sent again', async () => {
    const client = new FlakyClient([new RemoteError(400, 'PATCH', '/x', 'invalid_request', 'bad')]);
    const report = await apply(plan([patch('updateExperimentFields')]), client, { concurrency: 1 });
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', httpStatus: 400, message: 'bad' });
    expect(client.calls.map((c) => c.method)).toEqual(['PATCH']);
  });

  it('a start with no answer whose read back fails too: OutcomeUnknown, not sent again', async () => {
    const client = new FlakyClient([unavailable()]);
    let reads = 0;
    const read = client.request.bind(client);
    client.request = async <T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<LdResponse<T>> => {
      if (method === 'GET' && ++reads === 2) throw new RemoteError(502, 'GET', path, undefined, 'bad gateway');
      return read<T>(method, path, options);
    };
    const report = await apply(plan([patch('startIteration')]), client, { concurrency: 1 });
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', httpStatus: 503, code: 'OutcomeUnknown' });
    const message = report.outcomes[0]?.status === 'failed' ? report.outcomes[0].message : '';
    expect(message).toBe(
      'down; reading experiment/p/e/x back failed too (GET /api/v2/projects/p/environments/e/experiments/x → 502: bad gateway), so whether this step happened is unknown: run plan to see',
    );
    expect(client.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('a start whose precondition cannot be read is not sent: PreconditionUnchecked', async () => {
    const client = new ScriptedClient({
      '/api/v2/projects/p/environments/e/experiments/x': { status: 500, body: { code: 'internal', message: 'boom' } },
    });
    const report = await apply(plan([patch('startIteration')]), client, { concurrency: 1 });
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', httpStatus: 500, code: 'PreconditionUnchecked' });
    expect(client.calls.map((c) => c.method)).toEqual(['GET']);
  });
});
