/**
 * What a reviewer cannot miss, end to end through the real binary on the examples world (a new
 * iteration, a stop, an archive, an experiment joining a holdout created in the same run):
 * results-reset lines are the loudest in text and Markdown, step numbers print in order, CI
 * progress names the experiment and the action, and the prompt repeats the target and counts the
 * risky steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import { ANSI_COLOR, TOKEN, ldexp, startSeeded, writesOf } from './helpers.js';
import { REPO_ROOT } from './run-ldexp.js';
import { onTerminal } from './terminal.js';

const MANIFESTS = 'examples/manifests';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startSeeded({ file: `${REPO_ROOT}examples/emulator-seed.yaml` });
});
afterAll(async () => {
  await emulator.close();
});

function run(args: string[]) {
  return ldexp(args, { emulator, cwd: REPO_ROOT });
}

describe.concurrent('plan', () => {
  it('text: step numbers in order, the results reset repeated as the last line before the summary', async ({
    expect,
  }) => {
    const result = await run(['plan', MANIFESTS]);
    expect(result.code).toBe(0);
    const numbers = [...result.stdout.matchAll(/^ {4}(\d+)\. (?:POST|PATCH) /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const blocks = result.stdout.trimEnd().split('\n\n');
    expect(blocks.slice(-2)).toEqual([
      '⚠ Results restart from zero: experiment web/production/checkout-button (Checkout button placement), step 1',
      'Plan: 5 to create, 4 to update, 12 steps (3 starts, 1 new iteration, 1 stop, 1 archive).',
    ]);
    expect(result.stdout).toContain(
      '~ experiment web/production/checkout-button (Checkout button placement)  ⚠ update: new iteration: results restart from zero',
    );
    // A reversible archive is not marked like a results reset.
    expect(result.stdout).toContain(
      '~ experiment web/production/holiday-banner-2025 (Holiday banner 2025)  update: archives\n',
    );
    expect(result.stdout + result.stderr).not.toMatch(ANSI_COLOR);
  });

  it('Markdown: a [!CAUTION] callout at the top names the results reset; stops and archives get a [!WARNING]', async ({
    expect,
  }) => {
    const result = await run(['plan', MANIFESTS, '--markdown']);
    expect(result.code).toBe(0);
    const callouts = result.stdout.slice(0, result.stdout.indexOf('Plan hash'));
    expect(callouts).toContain(
      [
        '> [!CAUTION]',
        '> - **⚠️ Results restart from zero:** experiment “Checkout button placement” <code>experiment/web/production/checkout-button</code>, step 1',
        '',
        '> [!WARNING]',
        '> - **Archives (can be restored):** experiment “Holiday banner 2025” <code>experiment/web/production/holiday-banner-2025</code>, step 3',
        '> - **Stops:** experiment “Onboarding checklist” <code>experiment/web/production/onboarding-checklist</code>, step 4',
      ].join('\n'),
    );
    const numbers = [...result.stdout.matchAll(/^\| (\d+) \| (?:POST|PATCH) /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe.concurrent('apply', () => {
  it('the prompt repeats the target and counts the risky steps; "no" changes nothing', async ({ expect }) => {
    const terminal = onTerminal(['apply', MANIFESTS], {
      cwd: REPO_ROOT,
      env: { LD_API_URL: emulator.url, LD_API_TOKEN: TOKEN },
    });
    await terminal.waitFor("Only 'yes' is accepted: ");
    const before = emulator.requests.length;
    terminal.type('no\r');
    const { code, screen } = await terminal.result;
    expect(code).toBe(1);
    const host = emulator.url.replace('http://', '');
    expect(screen).toContain(
      [`Target: ${host} · projects: web · environments: production, staging`, '⚠ 1 step resets results.', ''].join(
        '\n',
      ),
    );
    // readline moves the cursor to the line start before it asks.
    expect(screen).toContain(`Apply 12 steps to ${host}? Only 'yes' is accepted: `);
    expect(screen).toContain('Apply cancelled. Nothing was changed.');
    expect(writesOf(emulator.requests.slice(before))).toEqual([]);
    expect(screen).not.toMatch(ANSI_COLOR);
  });

  it('on a terminal without NO_COLOR the risk count is bold red', async ({ expect }) => {
    const terminal = onTerminal(['apply', MANIFESTS], {
      cwd: REPO_ROOT,
      env: { LD_API_URL: emulator.url, LD_API_TOKEN: TOKEN, NO_COLOR: '' },
    });
    await terminal.waitFor("Only 'yes' is accepted: ");
    terminal.type('\x03');
    const { code, screen } = await terminal.result;
    expect(code).toBe(130);
    expect(screen).toContain('\u001b[1m\u001b[31m⚠ 1 step resets results.\u001b[39m\u001b[22m');
  });
});

describe('apply in CI (no terminal)', () => {
  it('progress lines name the action and the experiment, never an internal step id', async () => {
    const ci = await startSeeded({ file: `${REPO_ROOT}examples/emulator-seed.yaml` });
    try {
      const result = await ldexp(['apply', MANIFESTS, '--auto-approve', '--concurrency', '1'], {
        emulator: ci,
        cwd: REPO_ROOT,
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        [
          '[1/12] Starting a new iteration of checkout-button (web/production)…',
          '[1/12] Starting a new iteration of checkout-button (web/production): done',
          '[2/12] Updating experiment free-shipping-banner (web/production)…',
        ].join('\n'),
      );
      expect(result.stderr).toContain('[10/12] Creating holdout q1-2027-holdout (web/production)…');
      expect(result.stderr).toContain('[12/12] Starting iteration of recommendations-carousel (web/production): done');
      expect(result.stderr).not.toMatch(/\bs\d+\b/);
      expect(writesOf(ci.requests)).toHaveLength(12);
    } finally {
      await ci.close();
    }
  });
});
