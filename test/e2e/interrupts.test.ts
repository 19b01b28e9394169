/**
 * Interrupts, end to end with real signals and a real terminal: Ctrl-C or Ctrl-D at the
 * confirmation prompt changes nothing (exit 130); SIGTERM or Ctrl-C during apply sends no new
 * request, waits for the ones in flight (the emulator answers writes late, so apply is caught
 * mid-flight), reports every step, exits 130, and the next plan shows exactly what remains.
 */
import { describe, it } from 'vitest';

import type { EmulatorConditions, RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  EXPERIMENTS,
  TOKEN,
  experimentManifest,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
  type Workspace,
} from './helpers.js';
import { startLdexp } from './run-ldexp.js';
import { onTerminal } from './terminal.js';

const GOOD = {
  'manifests/a-new.yaml': experimentManifest({
    key: 'exp-new',
    flag: 'new-flag',
    name: 'New experiment',
    state: 'running',
  }),
  'manifests/b-draft.yaml': experimentManifest({
    key: 'exp-draft',
    flag: 'draft-flag',
    name: 'Draft experiment',
    state: 'running',
  }),
};
/** The three steps GOOD plans against the e2e seed, in plan order. */
const GOOD_WRITES = [
  `PATCH ${EXPERIMENTS}/exp-draft [startIteration]`,
  `POST ${EXPERIMENTS}`,
  `PATCH ${EXPERIMENTS}/exp-new [startIteration]`,
];

interface Scenario {
  emulator: RunningEmulator;
  ws: Workspace;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Writes are made and logged at once; only their answers wait `writeLatencyMs`, so apply is mid-flight. */
function slowWrites(writeLatencyMs: number): EmulatorConditions | undefined {
  if (writeLatencyMs === 0) return undefined;
  return {
    faults: (['POST', 'PATCH'] as const).map((method) => ({ kind: 'slow', method, delayMs: writeLatencyMs })),
  };
}

async function scenario(writeLatencyMs = 0, sleep?: (ms: number) => Promise<void>): Promise<Scenario> {
  const conditions = slowWrites(writeLatencyMs);
  const emulator = await startSeeded(
    { file: E2E_SEED_FILE },
    { ...(conditions ? { conditions } : {}), ...(sleep ? { sleep } : {}) },
  );
  const ws = await workspace(GOOD);
  return {
    emulator,
    ws,
    env: { LD_API_URL: emulator.url, LD_API_TOKEN: TOKEN },
    close: async () => {
      await emulator.close();
      await ws.remove();
    },
  };
}

/**
 * An emulator `sleep` that holds every slow answer until `release()`: the answer in flight arrives
 * once the test has seen the process take the signal, not after a guessed delay.
 */
function heldAnswers(): { sleep: () => Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { sleep: () => released, release };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The steps the next plan would send, as writesOf describes requests. */
async function remainingSteps(s: Scenario): Promise<string[]> {
  const result = await ldexp(['plan', 'manifests', '--json'], { emulator: s.emulator, cwd: s.ws.root });
  const plan = JSON.parse(result.stdout) as { steps: { method: string; path: string; instructions: string[] }[] };
  return plan.steps.map((step) =>
    step.method === 'PATCH' ? `PATCH ${step.path} [${step.instructions.join(', ')}]` : `${step.method} ${step.path}`,
  );
}

describe.concurrent('at the confirmation prompt (a pseudo-terminal)', () => {
  it.for([
    { key: 'Ctrl-C', keys: '\x03' },
    { key: 'Ctrl-D', keys: '\x04' },
  ])('$key cancels: nothing changed, exit 130, no stack trace', async ({ key, keys }, { expect }) => {
    const s = await scenario();
    try {
      const terminal = onTerminal(['apply', 'manifests'], { cwd: s.ws.root, env: s.env });
      await terminal.waitFor("Only 'yes' is accepted: ");
      terminal.type(keys);
      const { code, screen } = await terminal.result;
      expect(code).toBe(130);
      expect(screen).toContain(`Cancelled (${key}). Nothing was changed.`);
      expect(screen).not.toContain('Internal error');
      expect(screen).not.toMatch(/\n\s+at /);
      expect(writesOf(s.emulator.requests)).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('typing yes applies (the control for the cancellations above)', async ({ expect }) => {
    const s = await scenario();
    try {
      const terminal = onTerminal(['apply', 'manifests', '--concurrency', '1'], { cwd: s.ws.root, env: s.env });
      await terminal.waitFor("Only 'yes' is accepted: ");
      terminal.type('yes\r');
      const { code, screen } = await terminal.result;
      expect({ code, screen }).toMatchObject({ code: 0, screen: expect.stringContaining('Apply complete: 3 steps') });
      expect(writesOf(s.emulator.requests)).toEqual(GOOD_WRITES);
    } finally {
      await s.close();
    }
  });
});

describe.concurrent('during apply (signals to the process)', () => {
  it('SIGTERM: the step in flight finishes, nothing new is sent, every step is reported, exit 130; plan shows the rest', async ({
    expect,
  }) => {
    const answers = heldAnswers();
    // The delay is only a backstop: the held answer is released as soon as the process has taken
    // the signal, so the step is in flight when it does and finishes right after.
    const s = await scenario(20_000, answers.sleep);
    try {
      const run = startLdexp(['apply', 'manifests', '--auto-approve', '--concurrency', '1'], {
        cwd: s.ws.root,
        env: s.env,
      });
      await until(() => writesOf(s.emulator.requests).length === 1, 'the first write');
      run.child.kill('SIGTERM');
      await until(() => run.output().stderr.includes('SIGTERM: sending no new request'), 'the interrupt notice');
      answers.release();
      const result = await run.result;
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 130 });
      expect(result.stderr).toContain('SIGTERM: sending no new request; waiting up to 10 s');
      expect(result.stdout).toContain(
        [
          '✓ 1. startIteration  experiment web/production/exp-draft  200',
          '- 2. createExperiment  experiment web/production/exp-new  skipped: not started: apply was interrupted',
          '- 3. startIteration  experiment web/production/exp-new  skipped: not started: apply was interrupted',
          '',
          'Apply interrupted: 1 succeeded, 2 not started. Run ldexp plan to see what remains.',
        ].join('\n'),
      );
      expect(writesOf(s.emulator.requests)).toEqual(GOOD_WRITES.slice(0, 1));
      expect(await remainingSteps(s)).toEqual(GOOD_WRITES.slice(1));
    } finally {
      await s.close();
    }
  });

  it('a second Ctrl-C stops waiting: the step in flight is "outcome unknown", the process exits at once', async ({
    expect,
  }) => {
    const s = await scenario(15_000);
    try {
      const run = startLdexp(['apply', 'manifests', '--auto-approve', '--concurrency', '1'], {
        cwd: s.ws.root,
        env: s.env,
      });
      await until(() => writesOf(s.emulator.requests).length === 1, 'the first write');
      const started = Date.now();
      run.child.kill('SIGINT');
      await until(() => run.output().stderr.includes('Ctrl-C: sending no new request'), 'the interrupt notice');
      run.child.kill('SIGINT');
      const result = await run.result;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 130 });
      expect(result.stdout).toContain(
        '? 1. startIteration  experiment web/production/exp-draft  outcome unknown: sent, but apply was interrupted before LaunchDarkly answered; plan again to see whether it happened',
      );
      expect(result.stdout).toContain(
        'Apply interrupted: 1 outcome unknown, 2 not started. Run ldexp plan to see what remains.',
      );
      expect(writesOf(s.emulator.requests)).toEqual(GOOD_WRITES.slice(0, 1));
      // The emulator made the change before it answered late, so the next plan shows only the rest.
      expect(await remainingSteps(s)).toEqual(GOOD_WRITES.slice(1));
    } finally {
      await s.close();
    }
  });
});
