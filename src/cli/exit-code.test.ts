import { describe, expect, it } from 'vitest';

import type { ApplyReport } from '../apply/types.js';
import { FileError, InterruptedError, LdexpError, RemoteError, StalePlanError, UsageError } from '../errors.js';
import { applyExitCode, describeFailure } from './exit-code.js';

const TOKEN = 'api-secret-0000';

describe('describeFailure', () => {
  it.each([
    [new UsageError('bad flag'), 'Error [Usage]: bad flag\nRun ldexp --help for usage.'],
    [new StalePlanError('moved', ['experiment/web/production/x']), 'Error [StalePlan]: moved'],
    [
      new RemoteError(401, 'GET', '/api/v2/flags', 'unauthorized', `token ${TOKEN} rejected`),
      'Error [RemoteError]: GET /api/v2/flags → 401 unauthorized: token [REDACTED] rejected',
    ],
    [new LdexpError('Broken', 'invariant', 'internal'), 'Internal error (please report it) [Broken]: invariant'],
    [
      new FileError('FileNotFound', 'plan.json', 'plan.json does not exist'),
      'Error [FileNotFound]: plan.json does not exist',
    ],
  ])('%s', (error, message) => {
    expect(describeFailure(error, TOKEN)).toEqual({ exitCode: 1, message });
  });

  it.each([
    [new UsageError('bad flag', 'plan'), undefined, 'Error [Usage]: bad flag\nRun ldexp plan --help for usage.'],
    [new UsageError('no token'), 'apply', 'Error [Usage]: no token\nRun ldexp apply --help for usage.'],
    [new UsageError('bad flag', 'show'), 'apply', 'Error [Usage]: bad flag\nRun ldexp show --help for usage.'],
  ])('a usage error points at the help of its command: %s', (error, command, message) => {
    expect(describeFailure(error, TOKEN, command)).toEqual({ exitCode: 1, message });
  });

  it('an interrupt exits 130 with its message alone', () => {
    expect(describeFailure(new InterruptedError('Cancelled (Ctrl-C). Nothing was changed.'), TOKEN)).toEqual({
      exitCode: 130,
      message: 'Cancelled (Ctrl-C). Nothing was changed.',
    });
  });

  it('asks for a bug report on unexpected errors and still redacts the token', () => {
    const failure = describeFailure(new TypeError(`cannot read ${TOKEN}`), TOKEN);
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toContain('Internal error (please report it at');
    expect(failure.message).not.toContain(TOKEN);
  });
});

describe('applyExitCode', () => {
  const report = (over: Partial<ApplyReport>): ApplyReport => ({
    planHash: 'h',
    outcomes: [],
    ok: 1,
    failed: 0,
    skipped: 0,
    unknown: 0,
    interrupted: false,
    ...over,
  });
  it.each([
    [report({}), 0],
    [report({ failed: 1 }), 1],
    [report({ unknown: 1 }), 1],
    [report({ interrupted: true }), 130],
    [report({ interrupted: true, failed: 1, unknown: 1 }), 130],
  ])('%o → %i', (given, code) => {
    expect(applyExitCode(given)).toBe(code);
  });
});
