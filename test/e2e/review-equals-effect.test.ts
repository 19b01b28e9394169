/**
 * Review equals effect, end to end (the real binary against the emulator over HTTP): nothing outside
 * a run's scope is touched, nothing is called "No changes" that is not, and starts send current
 * flag versions so that plan → apply → plan converges.
 */
import { readFile } from 'node:fs/promises';

import { afterEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import type { Plan } from '../../src/plan/types.js';
import { EXPERIMENTS, experimentManifest, ldexp, startSeeded, workspace, writesOf, type Workspace } from './helpers.js';

const FLAGS = ['flag-a', 'flag-b', 'flag-c', 'shared-flag'];

/** Drafts on their own flags, plus two drafts on one shared flag; all tagged as managed. */
function seed(experiments: { key: string; flag: string; state?: string; hypothesis?: string }[]): string {
  const flag = (key: string): string =>
    `      - key: ${key}
        kind: multivariate
        variations: [{ value: control, name: Control }, { value: treatment, name: Treatment }]
        environments: { production: { on: true, version: 4, fallthrough: Control } }`;
  const experiment = (e: { key: string; flag: string; state?: string; hypothesis?: string }): string =>
    `        - key: ${e.key}
          name: ${e.key}
          tags: [ldexp-managed]
          state: ${e.state ?? 'draft'}
          iteration:
            hypothesis: ${e.hypothesis ?? 'Treatment converts better'}
            flag: ${e.flag}
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { variation: Control, allocation: 50, baseline: true }
              - { variation: Treatment, allocation: 50 }${e.state === 'stopped' ? '\n            winner: Treatment' : ''}`;
  return `projects:
  - key: web
    contextKinds: [{ key: user }]
    environments: [production]
    flags:
${FLAGS.map(flag).join('\n')}
    metrics:
      - { key: conversion, kind: custom }
    experiments:
      production:${experiments.length === 0 ? ' []' : `\n${experiments.map(experiment).join('\n')}`}
`;
}

const CONFIG = 'apiVersion: ldexp/v1\nkind: Config\nproject: web\nenvironment: production\nprune: true\n';

/** An experiment manifest carrying the managed tag (helpers.ts layout, plus `tags` after `name`). */
function managed(
  key: string,
  flag: string,
  state: 'draft' | 'running' | 'stopped' = 'draft',
  hypothesis?: string,
): string {
  const text = experimentManifest({
    key,
    flag,
    state,
    ...(hypothesis !== undefined ? { hypothesis } : {}),
    ...(state === 'stopped' ? { winner: 'Treatment' } : {}),
  });
  return text.replace(`  name: ${key}\n`, `  name: ${key}\n  tags: [ldexp-managed]\n`);
}

let emulator: RunningEmulator | undefined;
let ws: Workspace | undefined;

afterEach(async () => {
  await emulator?.close();
  await ws?.remove();
  emulator = undefined;
  ws = undefined;
});

async function setUp(seedText: string, files: Record<string, string>): Promise<{ em: RunningEmulator; w: Workspace }> {
  emulator = await startSeeded({ text: seedText });
  ws = await workspace(files);
  return { em: emulator, w: ws };
}

describe('pruning only ever considers the whole managed set', () => {
  const liveSet = seed([
    { key: 'exp-a', flag: 'flag-a' },
    { key: 'exp-b', flag: 'flag-b' },
    { key: 'exp-gone', flag: 'flag-c' },
  ]);
  const files = {
    'manifests/ldexp.yaml': CONFIG,
    'manifests/team-a/exp-a.yaml': managed('exp-a', 'flag-a'),
    'manifests/team-b/exp-b.yaml': managed('exp-b', 'flag-b'),
  };
  const SKIPPED =
    "Pruning skipped: this run sees only part of the managed set, so an experiment without a manifest here may have one in the part left out. The managed set is every manifest under manifests (the Config document's folder), and the paths given leave out 1 manifest file there: manifests/team-b/exp-b.yaml. Run on manifests to prune.";

  it('a run on part of the Config folder archives nothing and says so in text, JSON and Markdown', async () => {
    const { em, w } = await setUp(liveSet, files);
    const narrowed = ['manifests/ldexp.yaml', 'manifests/team-a'];

    const text = await ldexp(['plan', ...narrowed, '--detailed-exitcode'], { emulator: em, cwd: w.root });
    expect(text.stdout).toContain(`Notices:\n    PruneSkipped  ${SKIPPED}`);
    expect(text.stdout).not.toContain('archiveExperiment');
    expect(text.code).toBe(0);

    const json = await ldexp(['plan', ...narrowed, '--json'], { emulator: em, cwd: w.root });
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.notices).toEqual([{ code: 'PruneSkipped', message: SKIPPED }]);
    expect(plan.steps).toEqual([]);

    const markdown = await ldexp(['plan', ...narrowed, '--markdown'], { emulator: em, cwd: w.root });
    expect(markdown.stdout).toContain(
      '> [!NOTE]\n> <code>PruneSkipped</code>: Pruning skipped: this run sees only part',
    );

    const applied = await ldexp(['apply', ...narrowed, '--auto-approve'], { emulator: em, cwd: w.root });
    expect(applied.code).toBe(0);
    expect(writesOf(em.requests)).toEqual([]);
  });

  it('the whole folder still prunes: only the experiment no manifest describes is archived', async () => {
    const { em, w } = await setUp(liveSet, files);
    const applied = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator: em, cwd: w.root });
    expect(applied.stdout).not.toContain('PruneSkipped');
    expect(applied.code).toBe(0);
    expect(writesOf(em.requests)).toEqual([`PATCH ${EXPERIMENTS}/exp-gone [archiveExperiment]`]);
  });
});

describe('"No changes" only when Git and LaunchDarkly agree', () => {
  it('a stopped experiment whose manifest design differs exits 2 and shows the difference and why', async () => {
    const { em, w } = await setUp(seed([{ key: 'exp-stopped', flag: 'flag-a', state: 'stopped' }]), {
      'manifests/exp-stopped.yaml': managed('exp-stopped', 'flag-a', 'stopped', 'A sharper hypothesis'),
    });
    const text = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator: em, cwd: w.root });
    expect(text.code).toBe(2);
    expect(text.stdout).not.toContain('No changes');
    expect(text.stdout).toContain(
      [
        '! experiment web/production/exp-stopped (exp-stopped)  differs: cannot be applied',
        '    not applied: iteration.hypothesis: Treatment converts better → A sharper hypothesis',
        '    why: experiment "exp-stopped" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
      ].join('\n'),
    );
    expect(text.stdout).toContain(
      'Nothing to apply, but 1 resource differs from LaunchDarkly in ways that cannot be applied.',
    );

    const json = JSON.parse(
      (await ldexp(['plan', 'manifests', '--json'], { emulator: em, cwd: w.root })).stdout,
    ) as Plan;
    expect(json.summary.unapplied).toBe(1);
    expect(json.resources[0]?.unapplied?.changes).toEqual([
      { field: 'iteration.hypothesis', from: 'Treatment converts better', to: 'A sharper hypothesis' },
    ]);

    const markdown = await ldexp(['plan', 'manifests', '--markdown'], { emulator: em, cwd: w.root });
    expect(markdown.stdout).toContain('**Nothing to apply**, but 1 resource differs from LaunchDarkly');
    expect(markdown.stdout).toContain('| iteration.hypothesis | A sharper hypothesis | Treatment converts better |');

    const applied = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator: em, cwd: w.root });
    expect(applied.code).toBe(0);
    expect(writesOf(em.requests)).toEqual([]);
  });

  it('a run that finds YAML files but no documents is an error naming them; nothing is read from LaunchDarkly', async () => {
    const { em, w } = await setUp(seed([]), { 'manifests/empty.yaml': '# experiments go here\n' });
    const result = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator: em, cwd: w.root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'error  NoManifestDocuments  no manifest documents under manifests: the only YAML file (manifests/empty.yaml) is empty or holds only comments',
    );
    expect(em.requests).toEqual([]);
  });
});

describe('starts send current flag versions, so plan → apply → plan converges', () => {
  it('a draft whose flag moved after it was saved is refreshed in the start patch', async () => {
    const { em, w } = await setUp(seed([{ key: 'exp-a', flag: 'flag-a' }]), {
      'manifests/exp-a.yaml': managed('exp-a', 'flag-a', 'running'),
    });
    // Someone edits the flag's targeting in LaunchDarkly after the draft was saved: 4 → 5.
    em.store.project('web').flags.get('flag-a')!.environments['production']!.version = 5;

    const applied = await ldexp(['apply', 'manifests', '--auto-approve'], { emulator: em, cwd: w.root });
    expect(applied.code).toBe(0);
    const patches = em.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.status, (r.body as { instructions: unknown[] }).instructions])).toEqual([
      [
        200,
        [
          {
            kind: 'updateExperimentFields',
            value: {
              flags: {
                operation: 'update',
                value: {
                  'flag-a': {
                    ruleId: 'fallthrough',
                    flagConfigVersion: 5,
                    notInExperimentVariationId: expect.any(String),
                  },
                },
              },
            },
          },
          { kind: 'startIteration' },
        ],
      ],
    ]);

    const again = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator: em, cwd: w.root });
    expect(again.stdout).toContain('No changes. LaunchDarkly matches the manifests.');
    expect(again.code).toBe(0);
  });

  it('two drafts on one flag started in one apply: the second reads the version the first left', async () => {
    const { em, w } = await setUp(
      seed([
        { key: 'exp-a', flag: 'shared-flag' },
        { key: 'exp-b', flag: 'shared-flag' },
      ]),
      {
        'manifests/exp-a.yaml': managed('exp-a', 'shared-flag', 'running'),
        'manifests/exp-b.yaml': managed('exp-b', 'shared-flag', 'running'),
      },
    );
    const planned = await ldexp(['plan', 'manifests', '--out', 'plan.json'], { emulator: em, cwd: w.root });
    expect(planned.code).toBe(0);
    const saved = JSON.parse(await readFile(w.path('plan.json'), 'utf8')) as Plan;
    // The saved plan shows what will be sent, including where the second version comes from.
    expect(saved.steps.map((s) => [s.id, s.resource.split('/').at(-1), s.instructions, s.after ?? []])).toEqual([
      ['s1', 'exp-b', ['startIteration'], []],
      ['s2', 'exp-a', ['updateExperimentFields', 'startIteration'], ['s1']],
    ]);
    expect(saved.steps[1]?.bindings).toEqual([
      {
        bodyPointer: '/instructions/0/value/flags/value/shared-flag/flagConfigVersion',
        fromGet: '/api/v2/flags/web/shared-flag?env=production',
        responsePointer: '/environments/production/version',
      },
    ]);

    const start = em.requests.length;
    const applied = await ldexp(['apply', '--plan', 'plan.json', '--auto-approve'], { emulator: em, cwd: w.root });
    expect(applied.code).toBe(0);
    // From the first write on (before it, apply --plan reads live state to check the plan is fresh).
    const log = em.requests.slice(start);
    const sent = log.slice(log.findIndex((r) => r.method === 'PATCH'));
    expect(sent.map((r) => `${String(r.status)} ${r.method} ${r.path}`)).toEqual([
      `200 PATCH ${EXPERIMENTS}/exp-b`,
      '200 GET /api/v2/flags/web/shared-flag?env=production',
      // The start's precondition: exp-a is still the draft it was planned against.
      `200 GET ${EXPERIMENTS}/exp-a?expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus`,
      `200 PATCH ${EXPERIMENTS}/exp-a`,
    ]);
    // The first start moved the flag 4 → 5; the second start sent 5.
    const second = sent[3]?.body as { instructions: { value?: { flags?: { value: Record<string, unknown> } } }[] };
    expect(second.instructions[0]?.value?.flags?.value['shared-flag']).toMatchObject({ flagConfigVersion: 5 });

    const again = await ldexp(['plan', 'manifests', '--detailed-exitcode'], { emulator: em, cwd: w.root });
    expect(again.stdout).toContain('No changes. LaunchDarkly matches the manifests.');
    expect(again.code).toBe(0);
  });
});
