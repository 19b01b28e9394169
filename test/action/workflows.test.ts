/**
 * action.yml, the example workflows and the docs agree: the workflows are valid YAML, use the
 * Action with inputs it declares, read outputs it declares, and the docs list every input/output.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { parseInputs } from '../../src/action/inputs.js';
import { REPO_ROOT } from './run-action.js';

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  if?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; concurrency?: { group: string; 'cancel-in-progress': boolean } }>;
}

const actionYml = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
const examplesDir = join(REPO_ROOT, 'examples/github');
const workflowFiles = (await readdir(examplesDir)).filter((file) => file.endsWith('.yml')).sort();
const workflows = await Promise.all(
  workflowFiles.map(
    async (file) => [file, parse(await readFile(join(examplesDir, file), 'utf8')) as Workflow] as const,
  ),
);
const docs = await readFile(join(REPO_ROOT, 'docs/github-action.md'), 'utf8');

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
  });

  it('declares exactly the inputs the Action reads', () => {
    const read: string[] = [];
    parseInputs((name) => {
      read.push(name);
      return '';
    });
    expect(Object.keys(actionYml.inputs).sort()).toEqual([...read].sort());
    expect(actionYml.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('declares the outputs', () => {
    expect(Object.keys(actionYml.outputs)).toEqual(['changes', 'plan-hash', 'summary', 'failure-reason']);
  });

  it('is documented input by input and output by output', () => {
    for (const name of [...Object.keys(actionYml.inputs), ...Object.keys(actionYml.outputs)]) {
      expect(docs).toContain(`| \`${name}\` |`);
    }
  });
});

describe('example workflows', () => {
  it('are the documented ones', () => {
    expect(workflowFiles).toEqual([
      'ldexp-apply.yml',
      'ldexp-drift.yml',
      'ldexp-matrix.yml',
      'ldexp-plan.yml',
      'ldexp-pull.yml',
    ]);
  });

  /** Workflows of commands the Action does not run (pull) run the CLI instead. */
  const CLI_WORKFLOWS = new Set(['ldexp-pull.yml']);

  it.each(workflows.filter(([file]) => !CLI_WORKFLOWS.has(file)))(
    '%s uses the Action with declared inputs and outputs only',
    (_file, workflow) => {
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      const uses = steps.filter((step) => step.uses?.startsWith('ldexp/ldexp@'));
      expect(uses.length).toBeGreaterThan(0);
      for (const step of uses) {
        expect(step.uses).toBe('ldexp/ldexp@v1');
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(actionYml.inputs)).toContain(input);
      }
      const text = JSON.stringify(workflow);
      // Outputs of the Action's steps (a shell step's own outputs are the workflow's business).
      const ids = new Set(uses.map((step) => step.id));
      for (const match of text.matchAll(/steps\.(\w+)\.outputs\.([\w-]+)/g)) {
        if (ids.has(match[1])) expect(Object.keys(actionYml.outputs)).toContain(match[2]);
      }
    },
  );

  it('pull: on a schedule, runs ldexp pull with a read-only token, opens a pull request with the changes', () => {
    const [, pull] = workflows.find(([file]) => file === 'ldexp-pull.yml')!;
    expect(Object.keys(pull.on)).toContain('schedule');
    expect(pull.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const steps = Object.values(pull.jobs)[0]!.steps;
    expect(steps.find((step) => step.run?.includes('ldexp@1 pull'))?.run).toContain(
      'npx --yes ldexp@1 pull experiments',
    );
    expect(steps.at(-1)?.uses).toBe('peter-evans/create-pull-request@v7');
    expect(JSON.stringify(pull)).toContain('secrets.LD_READ_TOKEN');
  });

  it('plan: on pull requests, may write comments, reads a read-only token', () => {
    const [, plan] = workflows.find(([file]) => file === 'ldexp-plan.yml')!;
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    expect(plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(JSON.stringify(plan)).toContain('secrets.LD_READ_TOKEN');
  });

  it('apply: on push to main, never cancels a running apply', () => {
    const [, apply] = workflows.find(([file]) => file === 'ldexp-apply.yml')!;
    expect(apply.on).toMatchObject({ push: { branches: ['main'] } });
    expect(apply.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const job = Object.values(apply.jobs)[0]!;
    expect(job.concurrency).toEqual({ group: 'ldexp-apply-${{ matrix.environment }}', 'cancel-in-progress': false });
  });

  it('plan: compares with the pull request base, on a checkout that holds it', () => {
    const [, plan] = workflows.find(([file]) => file === 'ldexp-plan.yml')!;
    const steps = Object.values(plan.jobs)[0]!.steps;
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0);
    expect(steps.find((step) => step.uses?.startsWith('ldexp/'))?.with?.['base']).toBe('auto');
  });

  it('drift: on a schedule, runs the read-only drift command (which fails the job on drift)', () => {
    const [, drift] = workflows.find(([file]) => file === 'ldexp-drift.yml')!;
    expect(Object.keys(drift.on)).toContain('schedule');
    expect(drift.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(drift.jobs)[0]!.steps;
    const ldexp = steps.find((step) => step.uses?.startsWith('ldexp/'));
    expect(ldexp?.with?.['command']).toBe('drift');
    expect(JSON.stringify(drift)).not.toContain('command":"plan');
  });

  it('matrix: lists the targets offline, then runs one job per target scoped with --target', () => {
    const [, matrix] = workflows.find(([file]) => file === 'ldexp-matrix.yml')!;
    const jobs = matrix.jobs as Record<string, { steps: Step[]; needs?: string; strategy?: unknown }>;
    const list = jobs['targets']!.steps.find((step) => step.id === 'list');
    expect(list?.run).toContain('npx --yes ldexp@1 targets --json experiments');
    expect(list?.run).toContain('>> "$GITHUB_OUTPUT"');
    expect(jobs['ldexp']!.needs).toBe('targets');
    expect(jobs['ldexp']!.strategy).toEqual({
      'fail-fast': false,
      matrix: { include: '${{ fromJSON(needs.targets.outputs.targets) }}' },
    });
    const step = jobs['ldexp']!.steps.find((s) => s.uses === 'ldexp/ldexp@v1');
    expect(step?.with?.['targets']).toBe('${{ matrix.target }}');
    expect(step?.with?.['allowed-targets']).toBe('${{ matrix.target }}');
  });
});
