/**
 * Scoped runs end to end, over real HTTP against the emulator: `--target` narrows a run without
 * changing documents (and prunes only inside its targets, or not at all for single resources),
 * `ldexp targets` lists the matrix, the Config is found from any folder of the repository (but
 * never above its root), other tools' YAML is skipped with a notice, and the Config's `exclude`
 * keeps files out of the run.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import { ldexp, startSeeded, workspace, writesOf, type Workspace } from './helpers.js';

const flag = (key: string): string => `      - key: ${key}
        kind: multivariate
        variations: [{ value: control, name: Control }, { value: treatment, name: Treatment }]
        environments:
          production: { on: true, version: 3, fallthrough: Control }
          staging: { on: true, version: 3, fallthrough: Control }`;

const liveDraft = (key: string, f: string): string => `        - key: ${key}
          name: ${key}
          tags: [ldexp-managed]
          state: draft
          iteration:
            flag: ${f}
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { name: Control, variation: Control, allocation: 50, baseline: true }
              - { name: Treatment, variation: Treatment, allocation: 50 }`;

/** web/production and web/staging each hold a managed draft that no manifest describes. */
const SEED = `
projects:
  - key: web
    contextKinds: [{ key: user }]
    environments: [production, staging]
    flags:
${[flag('f-a'), flag('f-b'), flag('f-old')].join('\n')}
    metrics:
      - { key: conversion, name: Conversion, kind: custom }
    experiments:
      production:
${liveDraft('old-prod', 'f-old')}
      staging:
${liveDraft('old-staging', 'f-old')}
`;

/** An experiment of project web (from the Config) in `environment`. */
const experiment = (key: string, f: string, environment: string): string => `apiVersion: ldexp/v1
kind: Experiment
metadata: { key: ${key}, environment: ${environment} }
spec:
  name: ${key}
  tags: [ldexp-managed]
  state: draft
  iteration:
    hypothesis: Treatment converts better
    primaryMetric: conversion
    flags: { ${f}: { rule: fallthrough } }
    treatments:
      - { name: Control, baseline: true, allocationPercent: 50, variation: Control }
      - { name: Treatment, allocationPercent: 50, variation: Treatment }
`;

/**
 * A repository: `.git` at `repo/`, the Config in `repo/manifests/`, a docker-compose file among
 * the manifests, a broken file the Config excludes, and above the repository root a Config that
 * must never be found.
 */
const REPO: Record<string, string> = {
  'ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nproject: outside-the-repository\n',
  'repo/.git/HEAD': 'ref: refs/heads/main\n',
  'repo/manifests/ldexp.yaml':
    'apiVersion: ldexp/v1\nkind: Config\nproject: web\nprune: true\nexclude: ["broken/**"]\n',
  'repo/manifests/prod/a.yaml': experiment('exp-a', 'f-a', 'production'),
  'repo/manifests/staging/b.yaml': experiment('exp-b', 'f-b', 'staging'),
  'repo/manifests/docker-compose.yml': 'services:\n  web: { image: nginx }\n',
  'repo/manifests/broken/x.yaml': 'kind: [unclosed\n',
};

let emulator: RunningEmulator;
let ws: Workspace;

beforeAll(async () => {
  emulator = await startSeeded({ text: SEED });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  ws = await workspace(REPO);
  emulator.requests.length = 0;
});
afterEach(async () => {
  await ws.remove();
});

const inRepo = (args: string[], folder = 'repo') => ldexp(args, { emulator, cwd: ws.path(folder) });

interface PlanJson {
  resources: { address: string; action: string }[];
  steps: { path: string; instructions?: string[] }[];
  notices: { code: string; message: string }[];
}

describe('ldexp targets', () => {
  it('lists the distinct project/environment pairs as one line of JSON for a matrix, skipping other YAML with a notice and excluded files', async () => {
    const result = await inRepo(['targets', 'manifests', '--json']);
    expect(result.stdout).toBe(
      '[{"project":"web","environment":"production","target":"web/production"},{"project":"web","environment":"staging","target":"web/staging"}]\n',
    );
    expect(result.stderr).toContain(
      'manifests/docker-compose.yml:1:1  notice  NotLdexpDocument  skipped: this document has no apiVersion, so it is not an ldexp document',
    );
    expect(result.stderr).toContain('0 errors, 0 warnings, 1 notice.');
    expect(result.stderr).not.toContain('broken');
    expect(result.code).toBe(0);
  });

  it('prints one target per line without --json', async () => {
    const result = await inRepo(['targets', 'manifests']);
    expect(result.stdout).toBe('web/production\nweb/staging\n');
  });

  it('fails, printing no targets, when a manifest is invalid: the matrix must not silently miss one', async () => {
    await ws.write({
      'repo/manifests/prod/bad.yaml': experiment('exp-c', 'f-a', 'production').replace('draft', 'paused'),
    });
    const result = await inRepo(['targets', 'manifests', '--json']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('manifests/prod/bad.yaml:7:10  error  SchemaEnum');
    expect(result.code).toBe(1);
  });
});

describe('the Config document is found from any folder of the repository', () => {
  it('from a subfolder, the nearest ldexp.yaml above it supplies the defaults', async () => {
    const result = await inRepo(['targets'], 'repo/manifests/prod');
    expect(result.stdout).toBe('web/production\n');
    expect(result.code).toBe(0);
  });

  it('the nearest one wins over one further up', async () => {
    await ws.write({ 'repo/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nproject: shop\n' });
    expect((await inRepo(['targets'], 'repo/manifests/prod')).stdout).toBe('web/production\n');
    expect((await inRepo(['targets', 'other'], 'repo')).code).toBe(1);
  });

  it('never above the repository root (the folder with .git)', async () => {
    await ws.write({
      'lone/.git/HEAD': 'ref: refs/heads/main\n',
      'lone/x/a.yaml': experiment('exp-a', 'f-a', 'production'),
    });
    const result = await ldexp(['validate', 'x'], { cwd: ws.path('lone') });
    expect(result.stderr).toContain('x/a.yaml:3:11  error  MissingTarget  Experiment "exp-a": no project');
    expect(result.code).toBe(1);
  });

  it('two paths that find different Config files are an error', async () => {
    await ws.write({
      'repo/other/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nproject: web\n',
      'repo/other/sub/c.yaml': experiment('exp-c', 'f-a', 'production'),
    });
    const result = await inRepo(['validate', 'manifests/prod', 'other/sub']);
    expect(result.stderr).toContain(
      'error  ConfigConflict  the paths given find different Config files (manifests/ldexp.yaml, other/ldexp.yaml)',
    );
    expect(result.code).toBe(1);
  });
});

describe('--target narrows a run without changing documents', () => {
  it('plans only the documents of the target, reads only its environment, and prunes only inside it', async () => {
    const result = await inRepo(['plan', 'manifests', '--target', 'web/production', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as PlanJson;
    expect(plan.resources.map((r) => `${r.action} ${r.address}`)).toEqual([
      'create experiment/web/production/exp-a',
      'update experiment/web/production/old-prod',
    ]);
    expect(plan.steps.map((s) => `${s.path} ${(s.instructions ?? []).join(',')}`)).toEqual([
      '/api/v2/projects/web/environments/production/experiments ',
      '/api/v2/projects/web/environments/production/experiments/old-prod archiveExperiment',
    ]);
    expect(emulator.requests.some((r) => r.path.includes('/environments/staging/'))).toBe(false);
    expect(plan.notices).toEqual([]);
  });

  it('applies only inside the target: the other environment is neither written nor pruned', async () => {
    const result = await inRepo(['apply', 'manifests', '--target', 'web/staging', '--auto-approve']);
    expect(result.code).toBe(0);
    // Both sent in one wave: order them for the comparison.
    expect(writesOf(emulator.requests).sort()).toEqual([
      'PATCH /api/v2/projects/web/environments/staging/experiments/old-staging [archiveExperiment]',
      'POST /api/v2/projects/web/environments/staging/experiments',
    ]);
  });

  it('a target with a key selects one resource and skips pruning, saying why', async () => {
    const result = await inRepo(['plan', 'manifests', '--target', 'web/production/exp-a', '--json']);
    const plan = JSON.parse(result.stdout) as PlanJson;
    expect(plan.resources.map((r) => r.address)).toEqual(['experiment/web/production/exp-a']);
    expect(plan.notices).toEqual([
      {
        code: 'PruneSkipped',
        message:
          'Pruning skipped: this run sees only part of the managed set, so an experiment without a manifest here may have one in the part left out. --target web/production/exp-a selects a single resource, so the rest of its target is left out. Run on manifests to prune.',
      },
    ]);
  });

  it('is repeatable', async () => {
    const result = await inRepo(['validate', 'manifests', '--target', 'web/production', '--target', 'web/staging']);
    expect(result.stdout).toBe('Valid: 2 resource(s) in 4 file(s).\n');
  });

  it('a target that matches no document is an error naming the targets that exist', async () => {
    const result = await inRepo(['plan', 'manifests', '--target', 'web/nowhere']);
    expect(result.stderr).toContain(
      "error  TargetMatchesNothing  --target web/nowhere matches no document; the documents' targets are: web/production, web/staging",
    );
    expect(result.code).toBe(1);
    expect(emulator.requests).toEqual([]);
  });

  it('a value that is not PROJECT/ENVIRONMENT[/KEY] is a usage error', async () => {
    const result = await inRepo(['plan', 'manifests', '--target', 'web']);
    expect(result.stderr).toContain('--target expects PROJECT/ENVIRONMENT or PROJECT/ENVIRONMENT/KEY, got "web"');
    expect(result.code).toBe(1);
  });

  it('--project and --environment stay defaults, and the help says so', async () => {
    const help = await inRepo(['plan', '--help']);
    expect(help.stdout).toContain('--target <project/environment[/key]>');
    expect(help.stdout).toMatch(/--environment <key>\s+default environment for documents that name none/);
    // A default does not move a document that names its environment.
    const result = await inRepo(['targets', 'manifests', '--environment', 'staging']);
    expect(result.stdout).toBe('web/production\nweb/staging\n');
  });
});

describe('documents of another apiVersion', () => {
  it.each([
    [
      'another apiVersion',
      'apiVersion: v1\nkind: Pod\n',
      'notice  NotLdexpDocument  skipped: this document has apiVersion string "v1"',
    ],
    ['an ldexp apiVersion that is not v1', 'apiVersion: ldexp/v2\nkind: Experiment\n', 'error  UnsupportedApiVersion'],
    ['no apiVersion but an ldexp kind', 'kind: Experiment\nmetadata: { key: x }\n', 'error  UnsupportedApiVersion'],
  ])('%s', async (_, text, expected) => {
    await ws.write({ 'repo/manifests/prod/other.yaml': text });
    const result = await inRepo(['validate', 'manifests']);
    expect(result.stderr).toContain(`manifests/prod/other.yaml:1:`);
    expect(result.stderr).toContain(expected);
    expect(result.code).toBe(expected.startsWith('notice') ? 0 : 1);
  });

  it('a folder of only other YAML is an error, not an empty plan', async () => {
    await ws.write({ 'repo/compose/docker-compose.yml': 'services: {}\n' });
    const message =
      'NoManifestDocuments  no manifest documents under compose: the only YAML file (compose/docker-compose.yml) holds no ldexp document (documents of another apiVersion are skipped)';
    const result = await inRepo(['validate', 'compose']);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(1);
    // A Config found above the folder is not a document of the folder.
    await ws.write({ 'repo/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nproject: web\n' });
    const withConfig = await inRepo(['validate', 'compose']);
    expect(withConfig.stderr).toContain(message);
    expect(withConfig.code).toBe(1);
  });
});
