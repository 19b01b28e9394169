/**
 * The targets allow-list end to end: `allowedTargets` in the Config, `--allow-target` on the
 * command line and the Action's `allowed-targets` input. A refused target is an error at the
 * metadata that names it, and the emulator's request log proves nothing was read or sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { parseInputs } from '../../src/action/inputs.js';
import { runAction } from '../../src/action/run-action.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan, plan, validate } from '../../src/pipeline.js';
import { silentReporter } from '../../src/reporter.js';
import { E2E_SEED_FILE, TOKEN, experimentManifest, ldexp, startSeeded, workspace, type Workspace } from './helpers.js';

const config = (allowed?: string): string =>
  `apiVersion: ldexp/v1\nkind: Config\n${allowed === undefined ? '' : `allowedTargets: ${allowed}\n`}`;

/** exp-new in web/production (metadata.project on line 5, environment on line 6, values at column 16 / 20). */
const PRODUCTION = experimentManifest({ key: 'exp-new', flag: 'new-flag', state: 'draft' });
/** Another new experiment, for the saved plan (the emulator keeps what earlier tests applied). */
const SAVED = experimentManifest({ key: 'exp-saved', flag: 'new-flag', state: 'draft' });
/** The same experiment for two environments: `environments: [staging, production]` on line 6. */
const TWO_ENVIRONMENTS = PRODUCTION.replace('  environment: production', '  environments: [staging, production]');

let emulator: RunningEmulator;
let ws: Workspace;

beforeAll(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE }, { token: TOKEN });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  emulator.requests.length = 0;
  await ws.remove();
});

async function manifests(files: Record<string, string>): Promise<void> {
  ws = await workspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [`manifests/${name}`, text])));
}

const run = (args: string[]) => ldexp(args, { emulator, cwd: ws.root });

describe('a target outside the allow-list is refused before any request', () => {
  const refusals: {
    title: string;
    files: Record<string, string>;
    args: string[];
    line: string;
  }[] = [
    {
      title: "the Config's list names another environment: points at metadata.environment",
      files: { 'config.yaml': config('[web/staging]'), 'exp.yaml': PRODUCTION },
      args: [],
      line: 'manifests/exp.yaml:6:16  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by allowedTargets in manifests/config.yaml (web/staging)',
    },
    {
      title: "the Config's list names another project: points at metadata.project",
      files: { 'config.yaml': config('[checkout/production]'), 'exp.yaml': PRODUCTION },
      args: [],
      line: 'manifests/exp.yaml:5:12  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by allowedTargets in manifests/config.yaml (checkout/production)',
    },
    {
      title: 'one of several environments: points at that item of metadata.environments',
      files: { 'config.yaml': config('[web/staging]'), 'exp.yaml': TWO_ENVIRONMENTS },
      args: [],
      line: 'manifests/exp.yaml:6:27  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by allowedTargets in manifests/config.yaml (web/staging)',
    },
    {
      title: '--allow-target alone (no Config list)',
      files: { 'exp.yaml': PRODUCTION },
      args: ['--allow-target', 'web/staging', '--allow-target', 'checkout/*'],
      line: `manifests/exp.yaml:6:16  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by --allow-target (the Action's allowed-targets) (web/staging, checkout/*)`,
    },
    {
      title: "--allow-target narrows the Config's web/*",
      files: { 'config.yaml': config("['web/*']"), 'exp.yaml': PRODUCTION },
      args: ['--allow-target', 'web/staging'],
      line: `manifests/exp.yaml:6:16  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by --allow-target (the Action's allowed-targets) (web/staging)`,
    },
    {
      title: "--allow-target cannot widen the Config's list",
      files: { 'config.yaml': config('[web/staging]'), 'exp.yaml': PRODUCTION },
      args: ['--allow-target', 'web/production'],
      line: 'manifests/exp.yaml:6:16  error  TargetNotAllowed  Experiment "exp-new": target web/production is not allowed by allowedTargets in manifests/config.yaml (web/staging)',
    },
  ];

  for (const { title, files, args, line } of refusals) {
    it(`${title} (validate, plan and apply)`, async () => {
      await manifests(files);
      for (const command of [['validate'], ['plan'], ['apply', '--auto-approve']]) {
        const result = await run([...command, 'manifests', ...args]);
        expect(result.code, `${command.join(' ')}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toContain(line);
        expect(result.stdout).toBe('');
      }
      expect(emulator.requests).toEqual([]);
    });
  }

  it('a Config without a list and no --allow-target allow any target', async () => {
    await manifests({ 'config.yaml': config(), 'exp.yaml': PRODUCTION });
    const result = await run(['plan', 'manifests']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('exp-new');
  });

  it('a target in every list given is planned and applied', async () => {
    await manifests({ 'config.yaml': config("['web/*', checkout/production]"), 'exp.yaml': PRODUCTION });
    const planned = await run(['plan', 'manifests', '--allow-target', 'web/production']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('exp-new');
    const applied = await run(['apply', '--auto-approve', 'manifests', '--allow-target', 'web/*']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(emulator.requests.some((request) => request.method === 'POST')).toBe(true);
  });

  it('a malformed pattern is a usage error, in the Config and on the command line', async () => {
    await manifests({ 'config.yaml': config('[production]'), 'exp.yaml': PRODUCTION });
    const inConfig = await run(['validate', 'manifests']);
    expect(inConfig.code).toBe(1);
    expect(inConfig.stderr).toMatch(/^manifests\/config\.yaml:3:18 +error +SchemaPattern +allowedTargets\[0\]/m);
    const onCommandLine = await run(['plan', 'manifests', '--allow-target', 'web']);
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toBe(
      'Error [Usage]: --allow-target expects PROJECT/ENVIRONMENT (or PROJECT/* for every environment), got "web"\nRun ldexp plan --help for usage.\n',
    );
    expect(emulator.requests).toEqual([]);
  });
});

describe('apply --plan checks the saved plan against --allow-target', () => {
  it('refuses a saved plan for another target before any request, and applies an allowed one', async () => {
    await manifests({ 'exp.yaml': SAVED });
    const saved = await run(['plan', 'manifests', '--out', 'plan.json']);
    expect(saved.code, saved.stderr).toBe(0);
    emulator.requests.length = 0;

    const refused = await run(['apply', '--plan', 'plan.json', '--auto-approve', '--allow-target', 'web/staging']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Error [TargetNotAllowed]: plan.json touches a target outside the allow-list: web/production is not allowed by --allow-target (the Action's allowed-targets) (web/staging). Nothing was sent.`,
    );
    expect(refused.stdout).toBe('');
    expect(emulator.requests).toEqual([]);

    const applied = await run(['apply', '--plan', 'plan.json', '--auto-approve', '--allow-target', 'web/production']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(emulator.requests.some((request) => request.method === 'POST')).toBe(true);
  });
});

describe('the Action: allowed-targets', () => {
  const reader =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? '';
  const context = { eventName: 'push', owner: 'acme', repo: 'experiments', sha: '1'.repeat(40), apiUrl: '' };
  const deps = () => ({
    pipeline: { plan, validate, applyPlan },
    github: undefined,
    reporter: silentReporter,
    cwd: ws.root,
  });

  it('fails the run with a positioned problem, before any request, for plan and apply', async () => {
    await manifests({ 'exp.yaml': PRODUCTION });
    for (const command of ['plan', 'apply']) {
      const inputs = parseInputs(
        reader({
          command,
          paths: `${ws.root}/manifests`,
          'api-token': TOKEN,
          'api-url': emulator.url,
          'allowed-targets': 'web/staging\ncheckout/*',
        }),
      );
      const outcome = await runAction(inputs, context, deps());
      expect(outcome.outputs.failureReason, command).toBe('invalid-manifests');
      expect(outcome.problems.map((p) => [p.code, p.position?.line, p.position?.column])).toEqual([
        ['TargetNotAllowed', 6, 16],
      ]);
    }
    expect(emulator.requests).toEqual([]);
  });

  it('rejects a malformed entry as an invalid input', () => {
    expect(() => parseInputs(reader({ 'allowed-targets': 'web/staging, production' }))).toThrow(
      'input "allowed-targets" expects PROJECT/ENVIRONMENT entries (or PROJECT/* for every environment), got "production"',
    );
  });
});
