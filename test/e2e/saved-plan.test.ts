/**
 * A saved plan is applied exactly as reviewed, or not at all: the real binary against the
 * emulator. The emulator's request log is the witness that a refused plan sent nothing at all,
 * not even a read.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  EXPERIMENTS,
  experimentManifest,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
  type Workspace,
} from './helpers.js';
import { runLdexp } from './run-ldexp.js';

/** exp-new does not exist live (create, then start); exp-draft is a live draft (start it). */
const MANIFESTS = {
  'manifests/a-new.yaml': experimentManifest({ key: 'exp-new', flag: 'new-flag', name: 'New', state: 'running' }),
  'manifests/b-draft.yaml': experimentManifest({
    key: 'exp-draft',
    flag: 'draft-flag',
    name: 'Draft experiment',
    state: 'running',
  }),
};
const WRITES = [
  `PATCH ${EXPERIMENTS}/exp-draft [startIteration]`,
  `POST ${EXPERIMENTS}`,
  `PATCH ${EXPERIMENTS}/exp-new [startIteration]`,
];

function schemaFile(name: string): object {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits poke at arbitrary paths of the plan JSON
type Loose = Record<string, any>;

interface Tampering {
  title: string;
  edit: (plan: Loose) => void;
  code: string;
  message: string;
}

const postStep = (plan: Loose): Loose => (plan.steps as Loose[]).find((step) => step.method === 'POST')!;

const TAMPERINGS: Tampering[] = [
  {
    // The reproduction: the display still shows the original name.
    title: 'a request body',
    edit: (plan) => (postStep(plan).body.name = 'Edited after review'),
    code: 'PlanTampered',
    message: 'The saved plan was modified after it was made',
  },
  {
    title: 'a nested body value (an allocation)',
    edit: (plan) => (postStep(plan).body.iteration.treatments[0].allocationPercent = '90'),
    code: 'PlanTampered',
    message: 'Nothing was sent',
  },
  {
    title: 'the step order',
    edit: (plan) => {
      plan.steps.reverse();
    },
    code: 'PlanTampered',
    message: 'modified',
  },
  { title: 'a dependency', edit: (plan) => (plan.steps[2].dependsOn = []), code: 'PlanTampered', message: 'modified' },
  {
    title: 'a request path',
    edit: (plan) => (plan.steps[0].path = `${EXPERIMENTS}/exp-running`),
    code: 'PlanTampered',
    message: 'modified',
  },
  {
    title: 'the changes shown to the reviewer',
    edit: (plan) => ((plan.resources as Loose[]).find((r) => r.action === 'create')!.changes[0].to = 'Harmless'),
    code: 'PlanTampered',
    message: 'modified',
  },
  {
    title: 'a fingerprint',
    edit: (plan) => (plan.fingerprints['experiment/web/production/exp-draft'] = '0'.repeat(64)),
    code: 'PlanTampered',
    message: 'modified',
  },
  {
    title: 'the target base URL',
    edit: (plan) => (plan.target.baseUrl = 'http://127.0.0.1:1'),
    code: 'PlanTampered',
    message: 'modified',
  },
  {
    title: 'an unknown format version',
    edit: (plan) => (plan.formatVersion = 2),
    code: 'PlanFormatVersion',
    message: 'has formatVersion 2; this ldexp reads formatVersion 1',
  },
  {
    title: 'a field the plan schema does not have',
    edit: (plan) => (plan.steps[0].retries = 3),
    code: 'InvalidPlanFile',
    message: '/steps/0 must NOT have additional properties: retries',
  },
  {
    title: 'a missing required field',
    edit: (plan) => delete plan.steps[1].method,
    code: 'InvalidPlanFile',
    message: "/steps/1 must have required property 'method'",
  },
];

describe('a saved plan is applied exactly as reviewed, or not at all', () => {
  let emulator: RunningEmulator;
  let ws: Workspace;
  let original: Loose;
  let requestsAfterPlan = 0;

  beforeAll(async () => {
    emulator = await startSeeded({ file: E2E_SEED_FILE });
    ws = await workspace(MANIFESTS);
    const planned = await ldexp(['plan', 'manifests', '--out', 'plan.json'], { emulator, cwd: ws.root });
    expect(planned.code).toBe(0);
    original = JSON.parse(await readFile(ws.path('plan.json'), 'utf8')) as Loose;
    requestsAfterPlan = emulator.requests.length;
  });
  afterAll(async () => {
    await emulator.close();
    await ws.remove();
  });

  describe.concurrent('edited plans are refused before any request', () => {
    it.for(TAMPERINGS.map((t, index) => ({ ...t, file: `tampered-${String(index)}.json` })))(
      '$title → $code',
      async ({ edit, code, message, file }, { expect }) => {
        const plan = structuredClone(original);
        edit(plan);
        expect(JSON.stringify(plan)).not.toBe(JSON.stringify(original));
        await writeFile(ws.path(file), JSON.stringify(plan, null, 2));

        const applied = await ldexp(['apply', '--plan', file, '--auto-approve'], { emulator, cwd: ws.root });
        expect(applied.code).toBe(1);
        expect(applied.stderr).toContain(`Error [${code}]: ${file}: `);
        expect(applied.stderr).toContain(message);
        // Nothing shown as if it were the reviewed plan.
        expect(applied.stdout).toBe('');

        const shown = await runLdexp(['show', file], { cwd: ws.root });
        expect(shown.code).toBe(1);
        expect(shown.stderr).toContain(`Error [${code}]: ${file}: `);
        expect(shown.stdout).toBe('');

        // Zero requests of any kind since the plan was made, not just zero writes.
        expect(emulator.requests.length).toBe(requestsAfterPlan);
      },
    );
  });

  it('a plan file that does not exist is a clear error, not an internal one', async () => {
    const result = await ldexp(['apply', '--plan', 'missing.json', '--auto-approve'], { emulator, cwd: ws.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error \[FileNotFound\]: missing\.json does not exist/);
    expect(emulator.requests.length).toBe(requestsAfterPlan);
  });

  it('a plan file that is not JSON is refused', async () => {
    await writeFile(ws.path('broken.json'), '{"formatVersion": 1,');
    const result = await ldexp(['apply', '--plan', 'broken.json', '--auto-approve'], { emulator, cwd: ws.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error [InvalidPlanFile]: broken.json: The plan file is not JSON');
    expect(emulator.requests.length).toBe(requestsAfterPlan);
  });

  it('a plan made for another LaunchDarkly instance is refused, with nothing sent to either', async () => {
    const other = await startSeeded({ file: E2E_SEED_FILE });
    try {
      const result = await ldexp(['apply', '--plan', 'plan.json', '--auto-approve'], { emulator: other, cwd: ws.root });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `Error [PlanTargetMismatch]: plan.json was planned against ${emulator.url}, but LD_API_URL is ${other.url}. Nothing was sent.`,
      );
      expect(other.requests).toEqual([]);
      expect(emulator.requests.length).toBe(requestsAfterPlan);
    } finally {
      await other.close();
    }
  });

  it('the same plan, unedited, is applied (the control for the refusals above)', async () => {
    const result = await ldexp(['apply', '--plan', 'plan.json', '--auto-approve', '--concurrency', '1'], {
      emulator,
      cwd: ws.root,
    });
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(writesOf(emulator.requests)).toEqual(WRITES);
  });
});

describe('ldexp show renders a saved plan without LaunchDarkly', () => {
  let emulator: RunningEmulator;
  let ws: Workspace;
  const printed: Record<string, string> = {};

  beforeAll(async () => {
    emulator = await startSeeded({ file: E2E_SEED_FILE });
    ws = await workspace(MANIFESTS);
    const run = (args: string[]) => ldexp(args, { emulator, cwd: ws.root });
    const results = {
      text: await run(['plan', 'manifests', '--out', 'plan.json']),
      verbose: await run(['plan', 'manifests', '--verbose']),
      markdown: await run(['plan', 'manifests', '--markdown']),
    };
    for (const [format, result] of Object.entries(results)) {
      expect(result.code).toBe(0);
      printed[format] = result.stdout;
    }
  });
  afterAll(async () => {
    await emulator.close();
    await ws.remove();
  });

  // No LD_API_TOKEN and no LD_API_URL: show needs neither.
  const show = (...args: string[]) => runLdexp(['show', 'plan.json', ...args], { cwd: ws.root });

  it('as text, exactly as plan printed it', async () => {
    const before = emulator.requests.length;
    const result = await show();
    expect(result).toEqual({ code: 0, stdout: printed.text, stderr: '' });
    expect(result.stdout).toContain('Plan: 1 to create, 1 to update, 3 steps (2 starts).');
    expect(emulator.requests.length).toBe(before);
  });

  it('as text with --verbose, with request bodies: plan --verbose’s lines, bodies with sorted keys', async () => {
    const result = await show('--verbose');
    expect(result.code).toBe(0);
    // Request bodies are indented twice (8 spaces); the plan file stores them with sorted keys.
    const outsideBodies = (text: string) => text.split('\n').filter((line) => !line.startsWith('        '));
    expect(outsideBodies(result.stdout)).toEqual(outsideBodies(printed.verbose ?? ''));
    expect(result.stdout).toContain('          "name": "New",');
  });

  it('as Markdown, exactly as plan --markdown printed it', async () => {
    const result = await show('--markdown');
    expect(result).toEqual({ code: 0, stdout: printed.markdown, stderr: '' });
  });

  it('as JSON, byte for byte the plan file', async () => {
    const result = await show('--json');
    expect(result).toEqual({ code: 0, stdout: await readFile(ws.path('plan.json'), 'utf8'), stderr: '' });
  });
});

describe('apply --json prints exactly one JSON document', () => {
  const validReport = new Ajv({ strict: true, allErrors: true }).compile(schemaFile('apply-report.schema.json'));

  /** stdout parsed whole: any stray line would make JSON.parse throw. */
  function report(stdout: string): Loose {
    const parsed = JSON.parse(stdout) as Loose;
    expect(validReport(parsed)).toBe(true);
    return parsed;
  }

  it('on success: every step ok, the plan and progress on stderr only', async () => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    const ws = await workspace(MANIFESTS);
    try {
      const result = await ldexp(['apply', 'manifests', '--json', '--auto-approve', '--concurrency', '1'], {
        emulator,
        cwd: ws.root,
      });
      expect(result.code).toBe(0);
      const parsed = report(result.stdout);
      expect(parsed).toMatchObject({ formatVersion: 1, result: 'applied', ok: 3, failed: 0, skipped: 0 });
      expect(
        (parsed.steps as Loose[]).map((s): unknown[] => [s.number, s.method, s.path, s.status, s.httpStatus]),
      ).toEqual([
        [1, 'PATCH', `${EXPERIMENTS}/exp-draft`, 'ok', 200],
        [2, 'POST', EXPERIMENTS, 'ok', 201],
        [3, 'PATCH', `${EXPERIMENTS}/exp-new`, 'ok', 200],
      ]);
      expect(result.stderr).toContain('Plan: 1 to create, 1 to update, 3 steps (2 starts).');
      expect(result.stderr).toContain('[3/3]');
      expect(writesOf(emulator.requests)).toEqual(WRITES);

      const again = await ldexp(['apply', 'manifests', '--json', '--auto-approve'], { emulator, cwd: ws.root });
      expect(again.code).toBe(0);
      expect(report(again.stdout)).toMatchObject({ result: 'no-changes', ok: 0, steps: [] });
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });

  it('on partial failure: LaunchDarkly’s status, code and message, and why the dependent step was skipped', async () => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    const ws = await workspace(MANIFESTS);
    try {
      expect((await ldexp(['plan', 'manifests', '--out', 'plan.json'], { emulator, cwd: ws.root })).code).toBe(0);
      // new-flag's targeting moves on after planning: the create carries the stale flag version.
      emulator.store.project('web').flags.get('new-flag')!.environments['production']!.version = 99;

      const result = await ldexp(['apply', '--plan', 'plan.json', '--json', '--auto-approve', '--concurrency', '1'], {
        emulator,
        cwd: ws.root,
      });
      expect(result.code).toBe(1);
      const parsed = report(result.stdout);
      expect(parsed).toMatchObject({
        result: 'failed',
        summary: 'Apply failed: 1 failed, 1 skipped, 1 succeeded.',
        ok: 1,
        failed: 1,
        skipped: 1,
      });
      expect(parsed.steps).toMatchObject([
        { number: 1, id: 's1', status: 'ok', httpStatus: 200 },
        {
          number: 2,
          id: 's2',
          resource: 'experiment/web/production/exp-new',
          kind: 'createExperiment',
          status: 'failed',
          httpStatus: 400,
          code: 'invalid_request',
          message:
            'body.iteration.flags.new-flag.flagConfigVersion 3 is stale: flag "new-flag" is at version 99 in production',
        },
        { number: 3, id: 's3', status: 'skipped', reason: 'not run because step 2 failed' },
      ]);
      expect(result.stderr).toContain('[2/3] Creating experiment exp-new (web/production) failed: ');
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });

  it('a refused saved plan prints nothing on stdout: the error is on stderr', async () => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    const ws = await workspace(MANIFESTS);
    try {
      expect((await ldexp(['plan', 'manifests', '--out', 'plan.json'], { emulator, cwd: ws.root })).code).toBe(0);
      const plan = JSON.parse(await readFile(ws.path('plan.json'), 'utf8')) as Loose;
      postStep(plan).body.name = 'Edited';
      await writeFile(ws.path('plan.json'), JSON.stringify(plan));
      const result = await ldexp(['apply', '--plan', 'plan.json', '--json', '--auto-approve'], {
        emulator,
        cwd: ws.root,
      });
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain('Error [PlanTampered]');
      expect(writesOf(emulator.requests)).toEqual([]);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });
});

describe.concurrent('validate --json prints the problems as one JSON document', () => {
  let ws: Workspace;
  let validReport: ReturnType<Ajv['compile']>;

  beforeAll(async () => {
    ws = await workspace({
      ...MANIFESTS,
      'bad/exp.yaml': experimentManifest({ key: 'exp-bad', flag: 'new-flag', state: 'paused' as 'draft' }),
    });
    validReport = new Ajv({ strict: true, allErrors: true }).compile(schemaFile('validate-report.schema.json'));
  });
  afterAll(async () => {
    await ws.remove();
  });

  it('valid manifests: exit 0, no problems', async ({ expect }) => {
    const result = await runLdexp(['validate', 'manifests', '--json'], { cwd: ws.root });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = JSON.parse(result.stdout) as Loose;
    expect(validReport(parsed)).toBe(true);
    expect(parsed).toEqual({
      formatVersion: 1,
      valid: true,
      files: 2,
      resources: 2,
      errors: 0,
      warnings: 0,
      problems: [],
    });
  });

  it('an invalid manifest: exit 1, the problem with file, line and column, nothing on stderr', async ({ expect }) => {
    const result = await runLdexp(['validate', 'bad', '--json'], { cwd: ws.root });
    expect(result).toMatchObject({ code: 1, stderr: '' });
    const parsed = JSON.parse(result.stdout) as Loose;
    expect(validReport(parsed)).toBe(true);
    expect(parsed).toMatchObject({ valid: false, files: 1, resources: 0, errors: 1, warnings: 0 });
    expect(parsed.problems).toEqual([
      {
        file: 'bad/exp.yaml',
        line: 9,
        column: 10,
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
        severity: 'error',
        code: 'SchemaEnum',
        message: 'spec.state: expected one of draft, running, stopped, archived, found string "paused"',
        pointer: '/spec/state',
        candidates: ['draft', 'running', 'stopped', 'archived'],
      },
    ]);
  });

  it('a path that does not exist: problems without a position', async ({ expect }) => {
    const result = await runLdexp(['validate', 'typo', '--json'], { cwd: ws.root });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as Loose;
    expect(validReport(parsed)).toBe(true);
    expect((parsed.problems as Loose[]).map((p): unknown[] => [p.code, p.severity, 'file' in p])).toEqual([
      ['PathNotFound', 'error', false],
      ['NoManifests', 'error', false],
    ]);
  });
});
