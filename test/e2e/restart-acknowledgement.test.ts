/**
 * A justification authorises one restart, not every later one (issue 7, section 2), end to end:
 * the real binary against the emulator, with the emulator's request log as the witness of what
 * reached LaunchDarkly.
 */
import { describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  EXPERIMENTS,
  experimentManifest,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
  type ExperimentOptions,
  type Workspace,
} from './helpers.js';

const FILE = 'manifests/exp-running.yaml';
/** Where helpers.ts experimentManifest writes `replacesIteration`'s value, and the `iteration:` key. */
const REPLACES_AT = `${FILE}:26:24`;
const ITERATION_AT = `${FILE}:10:3`;

const running = (o: Partial<ExperimentOptions>): Record<string, string> => ({
  [FILE]: experimentManifest({
    key: 'exp-running',
    flag: 'running-flag',
    name: 'Running experiment',
    state: 'running',
    ...o,
  }),
});

/** The body of the n-th write (0-based) the emulator received. */
function bodyOf(emulator: RunningEmulator, n: number): { instructions?: Record<string, unknown>[] } {
  const writes = emulator.requests.filter((r) => r.method !== 'GET');
  return writes[n]?.body ?? {};
}

async function withSeed(
  seed: { file: string } | { text: string },
  files: Record<string, string>,
  run: (emulator: RunningEmulator, ws: Workspace) => Promise<void>,
): Promise<void> {
  const emulator = await startSeeded(seed);
  const ws = await workspace(files);
  try {
    await run(emulator, ws);
  } finally {
    await emulator.close();
    await ws.remove();
  }
}

describe('a justification authorises one restart', () => {
  it('restarts iteration 1 once; changing the design again without a new acknowledgement is refused', async () => {
    const first = running({
      allocations: [30, 70],
      changeJustification: 'Ramp up the treatment',
      replacesIteration: 1,
    });
    await withSeed({ file: E2E_SEED_FILE }, first, async (emulator, ws) => {
      const run = (...args: string[]) => ldexp(args, { emulator, cwd: ws.root });

      // Every output names the iteration and carries the justification.
      const text = await run('plan', 'manifests');
      expect(text.stdout).toContain(
        'restarts iteration 1: its results stay with iteration 1 and iteration 2 starts from zero (justification: "Ramp up the treatment")',
      );
      const markdown = await run('plan', 'manifests', '--markdown');
      expect(markdown.stdout).toContain('**Restarts iteration 1:**');
      expect(markdown.stdout).toContain('iteration 2 starts from zero');
      expect(markdown.stdout).toContain('**Justification:** Ramp up the treatment');
      const json = JSON.parse((await run('plan', 'manifests', '--json')).stdout) as {
        resources: { key: string; context?: unknown }[];
        steps: { reason: string; impact: string }[];
      };
      expect(json.resources.find((r) => r.key === 'exp-running')?.context).toMatchObject({
        iterationNumber: 1,
        changeJustification: 'Ramp up the treatment',
      });
      expect(json.steps.map((s) => s.impact)).toEqual(['new-iteration']);
      expect(json.steps[0]?.reason).toContain('(justification: "Ramp up the treatment")');

      const applied = await run('apply', 'manifests', '--auto-approve');
      expect(applied.code).toBe(0);
      expect(writesOf(emulator.requests)).toEqual([`PATCH ${EXPERIMENTS}/exp-running [saveAndStartNewIteration]`]);
      expect(bodyOf(emulator, 0).instructions?.[0]).toMatchObject({ changeJustification: 'Ramp up the treatment' });

      // Git and LaunchDarkly agree: the leftover acknowledgement is only a warning.
      const converged = await run('plan', 'manifests', '--detailed-exitcode');
      expect(converged.code).toBe(0);
      expect(converged.stdout).toContain('No changes. LaunchDarkly matches the manifests.');
      expect(converged.stderr).toContain(`${REPLACES_AT}  warning  ReplacesIterationUnused`);

      // The reproduction: the allocations change again, the acknowledgement does not.
      await ws.write(
        running({ allocations: [20, 80], changeJustification: 'Ramp up the treatment', replacesIteration: 1 }),
      );
      const refused = await run('apply', 'manifests', '--auto-approve');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${REPLACES_AT}  error  ReplacesIterationStale`);
      expect(refused.stderr).toContain(
        'replacesIteration is 1: iteration 2 is running now, so the justification was written for another restart; if iteration 2 should restart too, review changeJustification and write `replacesIteration: 2`',
      );
      expect(writesOf(emulator.requests)).toHaveLength(1);

      // A new acknowledgement for iteration 2 authorises exactly that restart.
      await ws.write(running({ allocations: [20, 80], changeJustification: 'Ramp up further', replacesIteration: 2 }));
      const again = await run('apply', 'manifests', '--auto-approve');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('restarts iteration 2');
      expect(writesOf(emulator.requests)).toHaveLength(2);
      expect(bodyOf(emulator, 1).instructions?.[0]).toMatchObject({ changeJustification: 'Ramp up further' });
    });
  });

  it.each([
    [
      'without changeJustification',
      {},
      `${ITERATION_AT}  error  ChangeJustificationRequired`,
      'to allow it, write `changeJustification: <why>` and `replacesIteration: 1` in spec.iteration',
    ],
    [
      'with only changeJustification',
      { changeJustification: 'Ramp up' },
      `${ITERATION_AT}  error  ReplacesIterationRequired`,
      'to allow it, add `replacesIteration: 1` next to changeJustification',
    ],
  ])('refuses a restart %s, sending nothing', async (_, acknowledgement, where, what) => {
    await withSeed(
      { file: E2E_SEED_FILE },
      running({ allocations: [30, 70], ...acknowledgement }),
      async (emulator, ws) => {
        const result = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(where);
        expect(result.stderr).toContain(what);
        expect(writesOf(emulator.requests)).toEqual([]);
      },
    );
  });
});

const DRAFT_BESIDE_RUNNING = `projects:
  - key: web
    contextKinds: [{ key: user, name: User }]
    environments: [production]
    metrics: [{ key: conversion, name: Conversion, kind: custom }]
    flags:
      - key: running-flag
        kind: multivariate
        variations: [{ value: control, name: Control }, { value: treatment, name: Treatment }]
        environments: { production: { on: true, version: 5, fallthrough: Control } }
    experiments:
      production:
        - key: exp-running
          name: Running experiment
          state: running
          iteration:
            hypothesis: Treatment converts better
            flag: running-flag
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { variation: Control, allocation: 50, baseline: true }
              - { variation: Treatment, allocation: 50 }
          draftIteration:
            hypothesis: Treatment converts much better
            flag: running-flag
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { variation: Control, allocation: 50, baseline: true }
              - { variation: Treatment, allocation: 50 }
`;

describe('starting a draft that sits next to a running iteration', () => {
  const manifest = (o: Partial<ExperimentOptions>) => running({ hypothesis: 'Treatment converts much better', ...o });

  it('is a restart: refused without an acknowledgement of the running iteration', async () => {
    await withSeed({ text: DRAFT_BESIDE_RUNNING }, manifest({}), async (emulator, ws) => {
      const result = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${ITERATION_AT}  error  ChangeJustificationRequired`);
      expect(result.stderr).toContain('starting the draft iteration ends iteration 1');
      expect(writesOf(emulator.requests)).toEqual([]);
    });
  });

  it('sends startIteration with the justification LaunchDarkly requires, labelled new-iteration', async () => {
    const acknowledged = manifest({ changeJustification: 'Sharper hypothesis', replacesIteration: 1 });
    await withSeed({ text: DRAFT_BESIDE_RUNNING }, acknowledged, async (emulator, ws) => {
      const result = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('[new-iteration]');
      expect(result.stdout).toContain('starts iteration 2, which ends running iteration 1');
      expect(writesOf(emulator.requests)).toEqual([`PATCH ${EXPERIMENTS}/exp-running [startIteration]`]);
      expect(bodyOf(emulator, 0).instructions).toEqual([
        { kind: 'startIteration', changeJustification: 'Sharper hypothesis' },
      ]);
      const replanned = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator, cwd: ws.root });
      expect(replanned.code).toBe(0);
    });
  });
});
