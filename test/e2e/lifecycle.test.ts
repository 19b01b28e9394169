/**
 * Every cell of the lifecycle table (docs/manifest-format.md, "Lifecycle of an experiment"), end
 * to end: the real binary applies manifests to the emulator over HTTP, and the emulator's request
 * log shows exactly which writes, with which instruction kinds, reached LaunchDarkly.
 *
 * Cells that succeed share one emulator and one `apply` (each cell has its own live experiment on
 * its own flag, so they do not interfere); the log is split per experiment. Error cells each get
 * their own emulator, because one error stops the whole apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import type { CliResult } from './run-ldexp.js';
import {
  EXPERIMENTS,
  experimentManifest,
  ldexp,
  methodsOf,
  startSeeded,
  workspace,
  writesOf,
  type ExperimentOptions,
  type Workspace,
} from './helpers.js';

type LiveState = 'absent' | 'draft' | 'running' | 'stopped' | 'archived';

interface Cell {
  /** Key of the experiment (and, with `-flag`, of its flag). */
  key: string;
  from: LiveState;
  title: string;
  manifest: Omit<ExperimentOptions, 'key' | 'flag'>;
}

interface SuccessCell extends Cell {
  writes: string[];
  /** A warning expected in stderr: code and `line:column` in the cell's manifest. */
  warning?: { code: string; at: string };
  /** A difference no instruction makes: the second plan still shows the experiment, with this line. */
  left?: string;
}

interface ErrorCell extends Cell {
  code: string;
  /** `line:column` in the cell's manifest (layout: helpers.ts experimentManifest). */
  at: string;
  /** `none` when validation fails offline, `reads` when the error needs live state. */
  requests: 'none' | 'reads';
}

const create = (): string => `POST ${EXPERIMENTS}`;
const newIteration = (key: string): string => `POST ${EXPERIMENTS}/${key}/iterations`;
const patch = (key: string, ...kinds: string[]): string => `PATCH ${EXPERIMENTS}/${key} [${kinds.join(', ')}]`;

const SUCCESS: SuccessCell[] = [
  // absent
  { key: 'absent-to-draft', from: 'absent', title: 'create', manifest: { state: 'draft' }, writes: [create()] },
  {
    key: 'absent-to-running',
    from: 'absent',
    title: 'create, startIteration',
    manifest: { state: 'running' },
    writes: [create(), patch('absent-to-running', 'startIteration')],
  },
  {
    key: 'absent-to-archived',
    from: 'absent',
    title: 'nothing, reported',
    manifest: { state: 'archived' },
    writes: [],
    warning: { code: 'NothingToArchive', at: '9:10' },
    left: '    why: experiment "absent-to-archived" is not created: the manifest asks for an archived experiment that does not exist in LaunchDarkly',
  },
  // draft
  { key: 'draft-unchanged', from: 'draft', title: 'nothing', manifest: { state: 'draft' }, writes: [] },
  {
    key: 'draft-edit',
    from: 'draft',
    title: 'edit draft',
    manifest: { state: 'draft', hypothesis: 'A sharper hypothesis', allocations: [40, 60] },
    writes: [patch('draft-edit', 'updateExperimentFields')],
  },
  {
    key: 'draft-to-running',
    from: 'draft',
    title: 'startIteration',
    manifest: { state: 'running' },
    writes: [patch('draft-to-running', 'startIteration')],
  },
  {
    key: 'draft-edit-and-start',
    from: 'draft',
    title: 'edit draft, startIteration (one atomic patch)',
    manifest: { state: 'running', name: 'Renamed before start' },
    writes: [patch('draft-edit-and-start', 'updateExperimentFields', 'startIteration')],
  },
  {
    key: 'draft-to-archived',
    from: 'draft',
    title: 'archive',
    manifest: { state: 'archived' },
    writes: [patch('draft-to-archived', 'archiveExperiment')],
  },
  // running
  { key: 'running-unchanged', from: 'running', title: 'nothing', manifest: { state: 'running' }, writes: [] },
  {
    key: 'running-metadata',
    from: 'running',
    title: 'metadata: updateExperimentFields',
    manifest: { state: 'running', name: 'Renamed while running', description: 'Now described' },
    writes: [patch('running-metadata', 'updateExperimentFields')],
  },
  {
    key: 'running-add-metric',
    from: 'running',
    title: 'added metric: updateExperimentFields in place',
    manifest: { state: 'running', metrics: ['conversion', 'page-load-ms'] },
    writes: [patch('running-add-metric', 'updateExperimentFields')],
  },
  {
    key: 'running-redesign',
    from: 'running',
    title: 'design change: saveAndStartNewIteration',
    manifest: {
      state: 'running',
      allocations: [30, 70],
      changeJustification: 'Ramp up the treatment',
      replacesIteration: 1,
    },
    writes: [patch('running-redesign', 'saveAndStartNewIteration')],
  },
  {
    key: 'running-to-stopped',
    from: 'running',
    title: 'stopIteration(winner)',
    manifest: { state: 'stopped', winner: 'Treatment' },
    writes: [patch('running-to-stopped', 'stopIteration')],
  },
  {
    key: 'running-to-archived',
    from: 'running',
    title: 'stopIteration(winner), archive',
    manifest: { state: 'archived', winner: 'Treatment' },
    writes: [patch('running-to-archived', 'stopIteration', 'archiveExperiment')],
  },
  // stopped
  {
    key: 'stopped-to-draft',
    from: 'stopped',
    title: 'new draft iteration',
    manifest: { state: 'draft' },
    writes: [newIteration('stopped-to-draft')],
  },
  {
    key: 'stopped-to-draft-renamed',
    from: 'stopped',
    title: 'new draft iteration, experiment fields',
    manifest: { state: 'draft', name: 'Renamed for round two' },
    writes: [newIteration('stopped-to-draft-renamed'), patch('stopped-to-draft-renamed', 'updateExperimentFields')],
  },
  {
    key: 'stopped-to-running',
    from: 'stopped',
    title: 'new iteration, startIteration',
    manifest: { state: 'running' },
    writes: [newIteration('stopped-to-running'), patch('stopped-to-running', 'startIteration')],
  },
  {
    key: 'stopped-metadata',
    from: 'stopped',
    title: 'metadata only',
    manifest: { state: 'stopped', winner: 'Treatment', name: 'Renamed after stop' },
    writes: [patch('stopped-metadata', 'updateExperimentFields')],
  },
  {
    key: 'stopped-redesign',
    from: 'stopped',
    title: 'design change ignored, warned',
    manifest: { state: 'stopped', winner: 'Treatment', allocations: [30, 70] },
    writes: [],
    warning: { code: 'StoppedDesignIgnored', at: '10:3' },
    left: '    not applied: iteration.treatments[Control].allocationPercent: 50 → 30',
  },
  {
    key: 'stopped-to-archived',
    from: 'stopped',
    title: 'archive',
    manifest: { state: 'archived', winner: 'Treatment' },
    writes: [patch('stopped-to-archived', 'archiveExperiment')],
  },
  // archived
  {
    key: 'archived-to-draft',
    from: 'archived',
    title: 'restore, new draft iteration',
    manifest: { state: 'draft' },
    writes: [patch('archived-to-draft', 'restoreExperiment'), newIteration('archived-to-draft')],
  },
  {
    key: 'archived-to-running',
    from: 'archived',
    title: 'restore, new iteration, start',
    manifest: { state: 'running' },
    writes: [
      patch('archived-to-running', 'restoreExperiment'),
      newIteration('archived-to-running'),
      patch('archived-to-running', 'startIteration'),
    ],
  },
  {
    key: 'archived-to-stopped',
    from: 'archived',
    title: 'restore',
    manifest: { state: 'stopped', winner: 'Treatment' },
    writes: [patch('archived-to-stopped', 'restoreExperiment')],
  },
  {
    key: 'archived-unchanged',
    from: 'archived',
    title: 'nothing',
    manifest: { state: 'archived', winner: 'Treatment' },
    writes: [],
  },
];

const ERRORS: ErrorCell[] = [
  {
    key: 'absent-to-stopped',
    from: 'absent',
    title: 'nothing to stop',
    manifest: { state: 'stopped', winner: 'Treatment' },
    code: 'NothingToStop',
    at: '9:10',
    requests: 'reads',
  },
  {
    key: 'draft-to-stopped',
    from: 'draft',
    title: 'never started',
    manifest: { state: 'stopped', winner: 'Treatment' },
    code: 'NothingToStop',
    at: '9:10',
    requests: 'reads',
  },
  {
    key: 'running-to-draft',
    from: 'running',
    title: 'cannot un-start',
    manifest: { state: 'draft' },
    code: 'CannotUnstart',
    at: '9:10',
    requests: 'reads',
  },
  {
    key: 'running-redesign-unjustified',
    from: 'running',
    title: 'design change without changeJustification',
    manifest: { state: 'running', allocations: [30, 70] },
    code: 'ChangeJustificationRequired',
    // the `iteration:` key, where changeJustification belongs
    at: '10:3',
    requests: 'reads',
  },
  {
    key: 'running-to-stopped-no-winner',
    from: 'running',
    title: 'stop without a winner',
    manifest: { state: 'stopped' },
    code: 'MissingStop',
    at: '9:10',
    requests: 'none',
  },
  {
    key: 'running-to-archived-no-winner',
    from: 'running',
    title: 'stop and archive without a winner',
    manifest: { state: 'archived' },
    code: 'WinnerRequired',
    // `state: archived`, as MissingStop points for `state: stopped`
    at: '9:10',
    requests: 'reads',
  },
];

/** One live experiment in the seed, on its own flag; stopped and archived ones have a winner. */
function liveExperimentYaml(key: string, state: Exclude<LiveState, 'absent'>): string {
  const ended = state === 'stopped' || state === 'archived';
  return `        - key: ${key}
          name: ${key}
          state: ${state}
          iteration:
            hypothesis: Treatment converts better
            flag: ${key}-flag
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { variation: Control, allocation: 50, baseline: true }
              - { variation: Treatment, allocation: 50 }
${ended ? '            winner: Treatment\n            winningReason: Clear lift\n' : ''}`;
}

function flagYaml(key: string, version: number): string {
  return `      - key: ${key}-flag
        kind: multivariate
        variations: [{ value: control, name: Control }, { value: treatment, name: Treatment }]
        environments: { production: { on: true, version: ${String(version)}, fallthrough: Control } }
`;
}

/** A seed with a flag per cell and the cell's live experiment (none for `absent`). */
function seedFor(cells: readonly Cell[]): string {
  const live = cells.filter((c): c is Cell & { from: Exclude<LiveState, 'absent'> } => c.from !== 'absent');
  return `projects:
  - key: web
    contextKinds: [{ key: user, name: User }]
    environments: [production]
    metrics:
      - { key: conversion, name: Conversion, kind: custom }
      - { key: page-load-ms, name: Page load time, kind: custom, isNumeric: true, unitAggregationType: average }
    flags:
${cells.map((c, i) => flagYaml(c.key, i + 2)).join('')}    experiments:
      production:
${live.length > 0 ? live.map((c) => liveExperimentYaml(c.key, c.from)).join('') : '        []\n'}`;
}

function manifestFiles(cells: readonly Cell[]): Record<string, string> {
  return Object.fromEntries(
    cells.map((c) => [
      `manifests/${c.key}.yaml`,
      experimentManifest({ ...c.manifest, key: c.key, flag: `${c.key}-flag` }),
    ]),
  );
}

describe('lifecycle cells that apply', () => {
  let emulator: RunningEmulator;
  let ws: Workspace;
  let applied: CliResult;
  let replanned: CliResult;

  beforeAll(async () => {
    emulator = await startSeeded({ text: seedFor(SUCCESS) });
    ws = await workspace(manifestFiles(SUCCESS));
    applied = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
    replanned = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator, cwd: ws.root });
  });

  afterAll(async () => {
    await emulator.close();
    await ws.remove();
  });

  it('apply exits 0 and every planned step succeeds', () => {
    const steps = SUCCESS.reduce((sum, cell) => sum + cell.writes.length, 0);
    expect({ code: applied.code, stderr: applied.stderr }).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain(`Apply complete: ${String(steps)} steps succeeded.`);
  });

  it('sends no write that belongs to no cell', () => {
    expect(writesOf(emulator.requests)).toHaveLength(SUCCESS.reduce((sum, cell) => sum + cell.writes.length, 0));
  });

  it('a second plan has nothing to apply, but exits 2 on the differences no instruction makes', () => {
    const left = SUCCESS.filter((cell) => cell.left !== undefined).length;
    expect({ code: replanned.code, stderr: replanned.stderr }).toMatchObject({ code: 2 });
    expect(replanned.stdout).not.toContain('No changes');
    expect(replanned.stdout).toContain(
      `Nothing to apply, but ${String(left)} resources differ from LaunchDarkly in ways that cannot be applied.`,
    );
  });

  it.each(SUCCESS)('$from → $manifest.state: $title ($key)', (cell) => {
    expect(writesOf(emulator.requests, cell.key)).toEqual(cell.writes);
    // After apply, the second plan shows this experiment only for a difference no instruction makes.
    const headline = `! experiment web/production/${cell.key} (${cell.key})  differs: cannot be applied`;
    if (cell.left === undefined) {
      expect(replanned.stdout).not.toMatch(new RegExp(`experiment web/production/${cell.key} `));
    } else {
      expect(replanned.stdout).toContain(headline);
      expect(replanned.stdout).toContain(cell.left);
    }
    const warning = cell.warning ? `manifests/${cell.key}.yaml:${cell.warning.at}  warning  ${cell.warning.code}` : '';
    if (cell.warning) expect(applied.stderr).toContain(warning);
    else expect(applied.stderr).not.toContain(`manifests/${cell.key}.yaml:`);
  });
});

describe('lifecycle cells that are errors: exit 1, position, nothing written', () => {
  it.concurrent.for(ERRORS)('$from → $manifest.state: $title ($code)', async (cell, { expect: expectHere }) => {
    const emulator = await startSeeded({ text: seedFor([cell]) });
    const ws = await workspace(manifestFiles([cell]));
    try {
      const result = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator, cwd: ws.root });
      expectHere(result.code).toBe(1);
      expectHere(result.stderr).toContain(`manifests/${cell.key}.yaml:${cell.at}  error  ${cell.code}`);
      expectHere(result.stdout).not.toContain('Apply');
      expectHere(methodsOf(emulator.requests)).toEqual(cell.requests === 'none' ? [] : ['GET']);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });
});
