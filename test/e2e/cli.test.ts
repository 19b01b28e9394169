/**
 * The command-line contract end to end: the real binary against the emulator over HTTP (or, for
 * the TTY-dependent color checks, runCli in-process with a fake terminal). The emulator's request
 * log is the witness for "nothing was written".
 */
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/run-cli.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { SEMANTIC_PATCH_TYPE } from '../../src/emulator/index.js';
import { createOpenApiValidator } from '../emulator/openapi-validator.js';
import {
  ANSI_COLOR,
  E2E_SEED_FILE,
  EXPERIMENTS,
  TOKEN,
  experimentManifest,
  ldexp,
  methodsOf,
  startEchoingProxy,
  startSeeded,
  workspace,
  writesOf,
  type Workspace,
} from './helpers.js';
import { REPO_ROOT, runLdexp } from './run-ldexp.js';

/** exp-new does not exist live: create, then start. */
const NEW_RUNNING = experimentManifest({ key: 'exp-new', flag: 'new-flag', name: 'New experiment', state: 'running' });
/** exp-draft is a live draft: start it. */
const START_DRAFT = experimentManifest({
  key: 'exp-draft',
  flag: 'draft-flag',
  name: 'Draft experiment',
  state: 'running',
});
const GOOD = { 'manifests/a-new.yaml': NEW_RUNNING, 'manifests/b-draft.yaml': START_DRAFT };

/** The three steps GOOD plans against the e2e seed, in plan order. */
const GOOD_WRITES = [
  `PATCH ${EXPERIMENTS}/exp-draft [startIteration]`,
  `POST ${EXPERIMENTS}`,
  `PATCH ${EXPERIMENTS}/exp-new [startIteration]`,
];

interface SavedStep {
  method: string;
  path: string;
  instructions: string[];
}

/** A plan-file step in the form writesOf describes requests. */
function describeStep(step: SavedStep): string {
  return step.method === 'PATCH'
    ? `${step.method} ${step.path} [${step.instructions.join(', ')}]`
    : `${step.method} ${step.path}`;
}

interface Scenario {
  emulator: RunningEmulator;
  ws: Workspace;
  run(args: string[], env?: Record<string, string>): ReturnType<typeof ldexp>;
  close(): Promise<void>;
}

async function scenario(files: Record<string, string> = GOOD): Promise<Scenario> {
  const emulator = await startSeeded({ file: E2E_SEED_FILE });
  const ws = await workspace(files);
  return {
    emulator,
    ws,
    run: (args, env) => ldexp(args, { emulator, cwd: ws.root, ...(env ? { env } : {}) }),
    close: async () => {
      await emulator.close();
      await ws.remove();
    },
  };
}

interface RejectedCase {
  title: string;
  /** Replaces manifests/a-new.yaml; manifests/b-draft.yaml stays valid and would start a draft. */
  manifest: string;
  expected: string[];
  requests: 'none' | 'reads';
}

const REJECTED: RejectedCase[] = [
  {
    title: 'YAML syntax error',
    manifest: NEW_RUNNING.replace('  state: running', '  state: [running'),
    expected: ['manifests/a-new.yaml:10:3  error  YamlSyntax'],
    requests: 'none',
  },
  {
    title: 'allocations that do not sum to 100',
    manifest: experimentManifest({ key: 'exp-new', flag: 'new-flag', state: 'running', allocations: [50, 60] }),
    expected: ['manifests/a-new.yaml:18:7  error  AllocationSum', 'sum to 110 (50 + 60)'],
    requests: 'none',
  },
  {
    title: 'unknown flag, candidates from the project',
    manifest: experimentManifest({ key: 'exp-new', flag: 'new-flg', state: 'running' }),
    // the position of the flag's key, which the message names; new-flag exists in the project
    expected: [
      'manifests/a-new.yaml:15:7  error  UnknownFlag  flag "new-flg" does not exist in project "web"',
      'candidates: new-flag, ',
    ],
    requests: 'reads',
  },
  {
    title: 'unknown variation, candidates closest first',
    manifest: experimentManifest({
      key: 'exp-new',
      flag: 'new-flag',
      state: 'running',
      treatmentVariation: 'Treatmnt',
    }),
    // the position of `variation: Treatmnt`
    expected: [
      'manifests/a-new.yaml:24:20  error  UnknownVariation  flag "new-flag" has no variation "Treatmnt"',
      'candidates: Treatment ("treatment"), Control ("control")',
    ],
    requests: 'reads',
  },
  {
    title: 'unknown metric',
    manifest: experimentManifest({
      key: 'exp-new',
      flag: 'new-flag',
      state: 'running',
      metrics: ['conversion', 'revenue'],
    }),
    expected: [
      'manifests/a-new.yaml:13:27  error  UnknownMetric  project "web" has no metric "revenue"',
      'candidates: conversion, page-load-ms',
    ],
    requests: 'reads',
  },
];

describe.concurrent('nothing is written when any manifest is invalid or any reference does not resolve', () => {
  it.for(REJECTED)('$title', async (c, { expect }) => {
    const s = await scenario({ ...GOOD, 'manifests/a-new.yaml': c.manifest });
    try {
      const result = await s.run(['apply', 'manifests', '--auto-approve']);
      expect(result.code).toBe(1);
      for (const text of c.expected) expect(result.stderr).toContain(text);
      expect(result.stdout).not.toContain('Apply');
      expect(methodsOf(s.emulator.requests)).toEqual(c.requests === 'none' ? [] : ['GET']);
    } finally {
      await s.close();
    }
  });
});

describe.concurrent('validate and the token', () => {
  let ws: Workspace;

  beforeAll(async () => {
    ws = await workspace({
      ...GOOD,
      'bad/exp.yaml': experimentManifest({ key: 'exp-bad', flag: 'new-flag', state: 'paused' as 'draft' }),
    });
  });
  afterAll(async () => {
    await ws.remove();
  });

  it('validate works offline: no token, no API URL', async ({ expect }) => {
    const result = await runLdexp(['validate', 'manifests'], { cwd: ws.root });
    expect(result).toMatchObject({ code: 0, stdout: 'Valid: 2 resource(s) in 2 file(s).\n' });
  });

  it('validate exits 1 with file:line:column for a bad manifest', async ({ expect }) => {
    const result = await runLdexp(['validate', 'bad'], { cwd: ws.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'bad/exp.yaml:9:10  error  SchemaEnum  spec.state: expected one of draft, running, stopped, archived, found string "paused"',
        '    candidates: draft, running, stopped, archived',
        '1 error, 0 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('plan without LD_API_TOKEN exits 1 with a clear message and sends nothing', async ({ expect }) => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    try {
      const result = await runLdexp(['plan', 'manifests'], { cwd: ws.root, env: { LD_API_URL: emulator.url } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('LD_API_TOKEN is not set');
      expect(emulator.requests).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});

describe('plan output and saved plans', () => {
  let s: Scenario;
  let hash = '';

  beforeAll(async () => {
    s = await scenario();
  });
  afterAll(async () => {
    await s.close();
  });

  it('plan --detailed-exitcode exits 2 when there are changes, and --out saves the plan', async () => {
    const result = await s.run(['plan', 'manifests', '--detailed-exitcode', '--out', 'plan.json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Plan: 1 to create, 1 to update, 3 steps (2 starts).');
    const saved = JSON.parse(await readFile(s.ws.path('plan.json'), 'utf8')) as { hash: string };
    hash = saved.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('plan --json prints the plan file format: formatVersion 1, hash, steps', async () => {
    const result = await s.run(['plan', 'manifests', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { formatVersion: number; hash: string; steps: SavedStep[] };
    expect(plan.formatVersion).toBe(1);
    expect(plan.hash).toBe(hash);
    expect(plan.steps.map(describeStep)).toEqual(GOOD_WRITES);
  });

  it('plan --markdown carries the plan hash comment', async () => {
    const result = await s.run(['plan', 'manifests', '--markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`<!-- ldexp:plan-hash ${hash} -->`);
  });

  it('nothing was written by plan', () => {
    expect(methodsOf(s.emulator.requests)).toEqual(['GET']);
  });

  it('apply --plan plan.json --auto-approve applies the saved plan', async () => {
    const result = await s.run(['apply', '--plan', 'plan.json', '--auto-approve', '--concurrency', '1']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Apply complete: 3 steps succeeded.');
    expect(writesOf(s.emulator.requests)).toEqual(GOOD_WRITES);
  });

  it('plan --detailed-exitcode exits 0 with "No changes" afterwards', async () => {
    const result = await s.run(['plan', 'manifests', '--detailed-exitcode']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No changes. LaunchDarkly matches the manifests.');
  });

  it('the same saved plan is refused once live state moved, naming what moved, writing nothing', async () => {
    const before = s.emulator.requests.length;
    const result = await s.run(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The saved plan is stale');
    expect(result.stderr).toContain('experiment/web/production/exp-draft');
    expect(result.stderr).toContain('experiment/web/production/exp-new');
    expect(methodsOf(s.emulator.requests.slice(before))).toEqual(['GET']);
  });
});

describe.concurrent('apply refusals and failures', () => {
  it('a saved plan is refused when someone edited the experiment in LaunchDarkly', async ({ expect }) => {
    const s = await scenario();
    try {
      expect((await s.run(['plan', 'manifests', '--out', 'plan.json'])).code).toBe(0);
      const edit = await fetch(`${s.emulator.url}${EXPERIMENTS}/exp-draft`, {
        method: 'PATCH',
        headers: { Authorization: 'api-someone-else', 'Content-Type': SEMANTIC_PATCH_TYPE },
        body: JSON.stringify({ instructions: [{ kind: 'updateName', value: 'Renamed in the UI' }] }),
      });
      expect(edit.status).toBe(200);
      const result = await s.run(['apply', '--plan', 'plan.json', '--auto-approve']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('experiment/web/production/exp-draft changed in LaunchDarkly');
      expect(result.stderr).not.toContain('exp-new');
      expect(writesOf(s.emulator.requests)).toEqual([`PATCH ${EXPERIMENTS}/exp-draft [updateName]`]);
    } finally {
      await s.close();
    }
  });

  it('apply without --auto-approve and no terminal refuses and writes nothing', async ({ expect }) => {
    const s = await scenario();
    try {
      const result = await s.run(['apply', 'manifests']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('apply needs --auto-approve when it cannot ask for confirmation (no terminal)');
      expect(writesOf(s.emulator.requests)).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('partial failure: the failed step has LaunchDarkly’s message, dependents are skipped, independents applied; plan shows the rest', async ({
    expect,
  }) => {
    const s = await scenario();
    try {
      expect((await s.run(['plan', 'manifests', '--out', 'plan.json'])).code).toBe(0);
      // Someone edits new-flag's targeting between plan and apply: its version moves on, so the
      // create (which carries the flagConfigVersion read at plan time) is refused.
      const flag = s.emulator.store.project('web').flags.get('new-flag')!;
      flag.environments['production']!.version = 99;

      const result = await s.run(['apply', '--plan', 'plan.json', '--auto-approve', '--concurrency', '1']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('✓ 1. startIteration  experiment web/production/exp-draft  200');
      expect(result.stdout).toContain(
        '✗ 2. createExperiment  experiment web/production/exp-new  400 invalid_request: body.iteration.flags.new-flag.flagConfigVersion 3 is stale: flag "new-flag" is at version 99 in production',
      );
      expect(result.stdout).toContain(
        '- 3. startIteration  experiment web/production/exp-new  skipped: not run because step 2 failed',
      );
      expect(result.stdout).toContain('Apply failed: 1 failed, 1 skipped, 1 succeeded.');
      expect(writesOf(s.emulator.requests)).toEqual(GOOD_WRITES.slice(0, 2));

      const rest = await s.run(['plan', 'manifests', '--json']);
      const plan = JSON.parse(rest.stdout) as { steps: SavedStep[] };
      expect(plan.steps.map(describeStep)).toEqual(GOOD_WRITES.slice(1));
    } finally {
      await s.close();
    }
  });
});

describe.concurrent('the token appears nowhere', () => {
  const leaks = (texts: string[]): string[] => texts.filter((text) => text.includes(TOKEN));

  it('not in output or the saved plan when everything works (the emulator accepts only this token)', async ({
    expect,
  }) => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE }, { token: TOKEN });
    const ws = await workspace(GOOD);
    try {
      const run = (args: string[]) => ldexp(args, { emulator, cwd: ws.root });
      const results = [
        await run(['plan', 'manifests', '-v', '--out', 'plan.json']),
        await run(['plan', 'manifests', '--json']),
        await run(['plan', 'manifests', '--markdown']),
        await run(['apply', '--plan', 'plan.json', '--auto-approve', '-v']),
      ];
      expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      expect(
        leaks([...results.flatMap((r) => [r.stdout, r.stderr]), await readFile(ws.path('plan.json'), 'utf8')]),
      ).toEqual([]);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });

  it('not in output when LaunchDarkly answers 401', async ({ expect }) => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE }, { token: 'api-the-right-one' });
    const ws = await workspace(GOOD);
    try {
      const results = [
        await ldexp(['plan', 'manifests', '-v'], { emulator, cwd: ws.root }),
        await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root }),
      ];
      expect(results.map((r) => r.code)).toEqual([1, 1]);
      expect(results[0]!.stderr).toContain('401 unauthorized: Invalid access token');
      expect(leaks(results.flatMap((r) => [r.stdout, r.stderr]))).toEqual([]);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });

  it('not in output when an API error message quotes the token back', async ({ expect }) => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    const proxy = await startEchoingProxy(emulator);
    const ws = await workspace(GOOD);
    try {
      const result = await ldexp(['apply', 'manifests', '--auto-approve', '-v'], {
        cwd: ws.root,
        env: { LD_API_URL: proxy.url, LD_API_TOKEN: TOKEN },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('may not write here');
      expect(leaks([result.stdout, result.stderr])).toEqual([]);
    } finally {
      await proxy.close();
      await emulator.close();
      await ws.remove();
    }
  });
});

describe.concurrent('colors', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await scenario();
  });
  afterAll(async () => {
    await s.close();
  });

  /** Output of runCli in-process with streams that claim to be a terminal; `exit N: …` on failure. */
  async function onTerminal(argv: string[], env: Record<string, string>): Promise<string> {
    let output = '';
    const stream = { write: (text: string) => (output += text), isTTY: true };
    const io = {
      stdout: stream,
      stderr: stream,
      env: { LD_API_URL: s.emulator.url, LD_API_TOKEN: TOKEN, ...env },
      confirm: undefined,
      cwd: s.ws.root,
    };
    const code = await runCli([...argv, s.ws.path('manifests')], io, true);
    return code === 0 ? output : `exit ${String(code)}: ${output}`;
  }

  it('a terminal gets colors (the control for the checks below)', async ({ expect }) => {
    expect(await onTerminal(['plan'], {})).toMatch(ANSI_COLOR);
  });

  it('NO_COLOR turns them off on a terminal', async ({ expect }) => {
    expect(await onTerminal(['plan'], { NO_COLOR: '1' })).not.toMatch(ANSI_COLOR);
  });

  it('--no-color turns them off on a terminal', async ({ expect }) => {
    expect(await onTerminal(['plan', '--no-color'], {})).not.toMatch(ANSI_COLOR);
  });

  it('the binary writing to a pipe uses none, even without NO_COLOR', async ({ expect }) => {
    const result = await s.run(['plan', 'manifests'], { NO_COLOR: '' });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(ANSI_COLOR);
  });
});

describe.concurrent('usage errors', () => {
  // The binary once, for the exit code a process ends with; the other messages in this process.
  it.for([
    {
      argv: ['plan', '--concurrency', '0'],
      message: '--concurrency expects a positive integer, got "0"',
      subprocess: true,
    },
    { argv: ['plan', '--bogus'], message: "Unknown option '--bogus'", subprocess: false },
    {
      argv: ['frobnicate'],
      message:
        'unknown command "frobnicate"; expected one of: validate, plan, apply, drift, show, export, pull, targets, emulator, demo, version, completion',
      subprocess: false,
    },
  ])(
    'ldexp $argv → exit 1 with a usage message (the binary: $subprocess)',
    async ({ argv, message, subprocess }, { expect }) => {
      const result = await runLdexp(argv, { subprocess });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`Error [Usage]: ${message}`);
    },
  );
});

describe.concurrent('the demo conversation', () => {
  it('conforms to the official OpenAPI document, request and response, every exchange', async ({ expect }) => {
    const emulator = await startSeeded({ file: `${REPO_ROOT}examples/emulator-seed.yaml` });
    try {
      const manifests = `${REPO_ROOT}examples/manifests`;
      const applied = await ldexp(['apply', manifests, '--auto-approve'], { emulator, cwd: REPO_ROOT });
      const replanned = await ldexp(['plan', manifests, '--detailed-exitcode'], { emulator, cwd: REPO_ROOT });
      expect([applied.code, replanned.code]).toEqual([0, 0]);

      const kinds = new Set(writesOf(emulator.requests).map((write) => write.replace(/^.*\/api\/v2\/\S*/, '')));
      expect([...kinds]).toEqual(
        expect.arrayContaining([
          '',
          ' [archiveExperiment]',
          ' [saveAndStartNewIteration]',
          ' [startIteration]',
          ' [stopIteration]',
          ' [updateExperimentFields]',
        ]),
      );
      const validator = createOpenApiValidator();
      const violations = emulator.requests.flatMap((exchange) =>
        validator.validateExchange(exchange).map((problem) => `${exchange.method} ${exchange.path}: ${problem}`),
      );
      expect(violations).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('ldexp demo shows creates, an update, a new iteration and a stop, and ends with "No changes"', async ({
    expect,
  }) => {
    // In this process: the packaged binary runs the demo in test/package/pack.test.ts.
    const result = await runLdexp(['demo']);
    expect(result.code).toBe(0);
    const [, first = '', , last = ''] = result.stdout.split(/^━━ \d\. .*━━$/m);
    expect(first).toMatch(/^\+ experiment /m);
    expect(first).toMatch(/^~ experiment .*update: metadata only$/m);
    expect(first).toMatch(/^~ experiment .*update: new iteration: results restart from zero$/m);
    expect(first).toMatch(/^~ experiment .*update: stops the experiment$/m);
    expect(first).toMatch(/^Plan: \d+ to create, \d+ to update, \d+ steps \(.*1 new iteration, 1 stop/m);
    // The last plan says "No changes"; only the emulator's request count follows it.
    expect(last).toMatch(
      /No changes\. LaunchDarkly matches the manifests\.\n\nThe emulator received \d+ requests \(\d+ writes\)\.\n$/,
    );
  });
});
