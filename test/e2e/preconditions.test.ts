/**
 * Per-step preconditions, 409s and writes whose answer was lost, end to end against the emulator
 * over HTTP (in-process through src/pipeline.ts), with the request log as the witness: a restart
 * refused when the experiment moved, a 409 resent only after reading back, and creates and patches
 * that got no answer settled by reading back, never sent twice.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { FaultRule, RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import type { ApplyReport } from '../../src/apply/types.js';
import { appliedTwice, changesOf, fastConnection, planAndApply, planOnly, restartsOf } from './chaos-helpers.js';
import { E2E_SEED_FILE, EXPERIMENTS, experimentManifest, ldexp, startSeeded, workspace } from './helpers.js';

const RUNNING = `${EXPERIMENTS}/exp-running`;
const NEW = `${EXPERIMENTS}/exp-new`;

/** exp-running's design changes, with the acknowledgement: the plan restarts iteration 1. */
const RESTART = experimentManifest({
  key: 'exp-running',
  flag: 'running-flag',
  name: 'Running experiment',
  state: 'running',
  allocations: [30, 70],
  changeJustification: 'Ramp up the treatment',
  replacesIteration: 1,
});
/** A new experiment on new-flag, started at creation. */
const CREATE = experimentManifest({ key: 'exp-new', flag: 'new-flag', state: 'running' });
/** exp-draft gets a new name: an independent, idempotent change. */
const RENAME = experimentManifest({ key: 'exp-draft', flag: 'draft-flag', name: 'Renamed draft', state: 'draft' });

interface Scenario {
  emulator: RunningEmulator;
  report: ApplyReport;
  /** `STATUS METHOD path` of every request to `path` (query left out), in order. */
  trafficOf(path: string): string[];
  /** Plan again (same faults): what it would still change. */
  remaining(): Promise<string[]>;
}

async function scenario(
  files: Record<string, string>,
  faults: FaultRule[],
  check: (s: Scenario) => Promise<void>,
): Promise<void> {
  const emulator = await startSeeded({ file: E2E_SEED_FILE }, { conditions: { seed: 7, faults } });
  const ws = await workspace(files);
  try {
    const connection = fastConnection(emulator);
    const paths = [join(ws.root, 'manifests')];
    const { report } = await planAndApply(paths, connection);
    const trafficOf = (path: string): string[] =>
      emulator.requests.filter((r) => bare(r) === path).map((r) => `${String(r.status)} ${r.method}`);
    await check({ emulator, report, trafficOf, remaining: async () => changesOf(await planOnly(paths, connection)) });
    expect(appliedTwice(emulator.requests)).toEqual([]);
  } finally {
    await emulator.close();
    await ws.remove();
  }
}

function bare(entry: RequestLogEntry): string {
  return entry.path.split('?')[0] ?? entry.path;
}

/** The emulator's own count of exp-running's iterations (previous ones and the current one). */
async function iterationsOf(emulator: RunningEmulator, key: string): Promise<number> {
  const response = await fetch(`${emulator.url}${EXPERIMENTS}/${key}?expand=previousIterations`, {
    headers: { authorization: 'token', 'ld-api-version': '20240415' },
  });
  const body = (await response.json()) as { previousIterations?: unknown[]; currentIteration?: unknown };
  return (body.previousIterations?.length ?? 0) + (body.currentIteration ? 1 : 0);
}

const ON_RUNNING = `PATCH ${RUNNING}`;
const GET_RUNNING = `GET ${RUNNING}`;

describe('per-step preconditions', () => {
  it('a restart whose experiment was restarted since planning is refused before sending; independent steps go on', async () => {
    // Another writer restarts exp-running right before apply's precondition read of it.
    const faults: FaultRule[] = [{ kind: 'concurrent-write', write: 'new-iteration', route: GET_RUNNING, nth: 1 }];
    await scenario({ 'manifests/running.yaml': RESTART, 'manifests/draft.yaml': RENAME }, faults, async (s) => {
      expect(s.trafficOf(RUNNING)).toEqual(['200 GET']); // read, refused: no PATCH
      const failed = s.report.outcomes.find((o) => o.status === 'failed');
      expect(failed).toMatchObject({ code: 'PreconditionFailed', httpStatus: 0 });
      const message = failed?.status === 'failed' ? failed.message : '';
      expect(message).toContain(
        'experiment/web/production/exp-running its iteration changed from 1 to 2 since the plan was made',
      );
      expect(message).toContain('Another change is in progress (another ldexp apply or an edit in LaunchDarkly)');
      expect(message).toContain('Run plan again.');
      // The rename of exp-draft does not depend on it and was applied.
      expect(s.report.ok).toBe(1);
      expect(s.trafficOf(`${EXPERIMENTS}/exp-draft`)).toContain('200 PATCH');
      expect(await iterationsOf(s.emulator, 'exp-running')).toBe(2);
    });
  });
});

describe('the refused step in the output of ldexp apply', () => {
  it('is the ✗ line with PreconditionFailed and what changed; exit 1; the independent rename is ✓', async () => {
    const faults: FaultRule[] = [{ kind: 'concurrent-write', write: 'new-iteration', route: GET_RUNNING, nth: 1 }];
    const emulator = await startSeeded({ file: E2E_SEED_FILE }, { conditions: { faults } });
    const ws = await workspace({ 'manifests/running.yaml': RESTART, 'manifests/draft.yaml': RENAME });
    try {
      const run = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n');
      expect(lines.find((l) => l.startsWith('✗'))).toMatch(
        /^✗ \d\. .*exp-running {2}0 PreconditionFailed: experiment\/web\/production\/exp-running its iteration changed from 1 to 2 since the plan was made\. Another change is in progress \(another ldexp apply or an edit in LaunchDarkly\); this step was not applied\. Run plan again\.$/,
      );
      expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(1);
      expect(emulator.requests.filter((r) => r.method === 'PATCH' && bare(r) === RUNNING)).toEqual([]);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });
});

describe('409 on a restart', () => {
  it('is sent again only after reading back shows nothing changed: one restart', async () => {
    const faults: FaultRule[] = [{ kind: 'conflict409', route: ON_RUNNING, nth: 1 }];
    await scenario({ 'manifests/running.yaml': RESTART }, faults, async (s) => {
      expect(s.trafficOf(RUNNING)).toEqual(['200 GET', '409 PATCH', '200 GET', '200 PATCH']);
      expect(s.report).toMatchObject({ ok: 1, failed: 0 });
      expect(restartsOf(s.emulator.requests, RUNNING)).toBe(1);
      expect(await s.remaining()).toEqual([]);
    });
  });

  it('is not sent again when reading back shows another restart landed: refused, one restart in all', async () => {
    const faults: FaultRule[] = [
      { kind: 'conflict409', route: ON_RUNNING, nth: 1 },
      // The other run's restart lands between the 409 and the read back.
      { kind: 'concurrent-write', write: 'new-iteration', route: GET_RUNNING, nth: 2 },
    ];
    await scenario({ 'manifests/running.yaml': RESTART }, faults, async (s) => {
      expect(s.trafficOf(RUNNING)).toEqual(['200 GET', '409 PATCH', '200 GET']);
      expect(s.report).toMatchObject({ ok: 0, failed: 1 });
      const failed = s.report.outcomes[0];
      expect(failed).toMatchObject({ status: 'failed', code: 'PreconditionFailed', httpStatus: 409 });
      expect(failed?.status === 'failed' ? failed.message : '').toContain(
        'its iteration changed from 1 to 2 while this step was being sent (LaunchDarkly answered 409)',
      );
      expect(await iterationsOf(s.emulator, 'exp-running')).toBe(2);
    });
  });
});

describe('a write whose answer was lost is settled by reading back', () => {
  it('create processed, then the connection reset: reported ok, sent once', async () => {
    const faults: FaultRule[] = [{ kind: 'reset-after-commit', route: `POST ${EXPERIMENTS}`, nth: 1 }];
    await scenario({ 'manifests/new.yaml': CREATE }, faults, async (s) => {
      expect(s.trafficOf(EXPERIMENTS).filter((t) => t.endsWith('POST'))).toHaveLength(1);
      expect(s.trafficOf(NEW)[0]).toBe('404 GET'); // the precondition: the key is free
      const created = s.report.outcomes[0];
      expect(created).toMatchObject({ status: 'ok', httpStatus: 201 });
      expect(created?.status === 'ok' ? created.note : '').toMatch(/confirmed by reading back$/);
      expect(s.report).toMatchObject({ failed: 0, skipped: 0 });
      expect(await s.remaining()).toEqual([]);
    });
  });

  it('create answered 500 after it was processed: reported ok, sent once', async () => {
    const faults: FaultRule[] = [{ kind: 'status', status: 500, commit: true, route: `POST ${EXPERIMENTS}`, nth: 1 }];
    await scenario({ 'manifests/new.yaml': CREATE }, faults, async (s) => {
      expect(s.trafficOf(EXPERIMENTS).filter((t) => t.endsWith('POST'))).toEqual(['500 POST']);
      expect(s.report.outcomes[0]).toMatchObject({ status: 'ok', httpStatus: 201 });
      expect(s.report).toMatchObject({ failed: 0, skipped: 0 });
      expect(await s.remaining()).toEqual([]);
    });
  });

  it('create refused with 503 before processing: reading back finds nothing, so it is sent again, once', async () => {
    const faults: FaultRule[] = [{ kind: 'status', status: 503, route: `POST ${EXPERIMENTS}`, nth: 1 }];
    await scenario({ 'manifests/new.yaml': CREATE }, faults, async (s) => {
      expect(s.trafficOf(EXPERIMENTS).filter((t) => t.endsWith('POST'))).toEqual(['503 POST', '201 POST']);
      expect(s.trafficOf(NEW).slice(0, 2)).toEqual(['404 GET', '404 GET']); // precondition, read back
      expect(s.report.outcomes[0]).toMatchObject({ status: 'ok', httpStatus: 201 });
      expect(await s.remaining()).toEqual([]);
    });
  });

  it('restart answered after the client gave up: reading back shows it happened, one restart', async () => {
    const faults: FaultRule[] = [{ kind: 'slow', delayMs: 1200, route: ON_RUNNING, nth: 1 }];
    await scenario({ 'manifests/running.yaml': RESTART }, faults, async (s) => {
      expect(s.trafficOf(RUNNING)).toEqual(['200 GET', '200 PATCH', '200 GET']);
      const restarted = s.report.outcomes[0];
      expect(restarted).toMatchObject({ status: 'ok', httpStatus: 200 });
      expect(restarted?.status === 'ok' ? restarted.note : '').toContain('confirmed by reading back');
      expect(restartsOf(s.emulator.requests, RUNNING)).toBe(1);
      expect(await s.remaining()).toEqual([]);
    });
  });

  it('restart reset before it was processed: reading back shows no change, so it is sent again, once', async () => {
    const faults: FaultRule[] = [{ kind: 'reset-before', route: ON_RUNNING, nth: 1 }];
    await scenario({ 'manifests/running.yaml': RESTART }, faults, async (s) => {
      expect(s.trafficOf(RUNNING)).toEqual(['200 GET', '0 PATCH', '200 GET', '200 PATCH']);
      expect(s.report).toMatchObject({ ok: 1, failed: 0 });
      expect(restartsOf(s.emulator.requests, RUNNING)).toBe(1);
      expect(await s.remaining()).toEqual([]);
    });
  });
});
