import { describe, expect, test } from 'vitest';

import { loadManifests } from '../../src/manifest/index.js';
import type { Severity } from '../../src/types.js';

import { BAD_MANIFESTS_DIR as DIR, EXPERIMENT_CASES, HOLDOUT_CASES } from './bad-manifest-cases.js';

describe.each([
  ['experiment and config', EXPERIMENT_CASES],
  ['holdout', HOLDOUT_CASES],
])('bad manifests: %s', (_group, cases) => {
  test.each(cases)('%s', async (fixture, expected, kept = 0) => {
    const { manifests, problems } = await loadManifests([fixture], {}, { cwd: DIR });
    const shape = (severity: Severity, code: string, file: string, line: number, column: number) => ({
      severity,
      code,
      file,
      line,
      column,
    });
    expect(
      problems.map((p) => shape(p.severity, p.code, p.position!.file, p.position!.line, p.position!.column)),
    ).toEqual(
      expected.map(([code, file, line, column, , severity]) => shape(severity ?? 'error', code, file, line, column)),
    );
    expected.forEach(([, , , , message], index) => {
      expect(problems[index]?.message).toContain(message);
    });
    // Whatever is wrong with a document keeps it out of the model; see BadCase for what stays.
    expect(manifests.experiments.length + manifests.holdouts.length).toBe(kept);
  });
});

test('at least 25 experiment/config cases and 10 holdout cases', () => {
  expect(EXPERIMENT_CASES.length).toBeGreaterThanOrEqual(25);
  expect(HOLDOUT_CASES.length).toBeGreaterThanOrEqual(10);
});

describe('paths', () => {
  test('a missing path and a folder without YAML files', async () => {
    const { problems, manifests } = await loadManifests(['does-not-exist', 'no-yaml'], {}, { cwd: DIR });
    expect(problems).toEqual([
      { severity: 'error', code: 'PathNotFound', message: 'path not found: does-not-exist' },
      {
        severity: 'error',
        code: 'NoManifests',
        message: 'no *.yaml or *.yml files found under does-not-exist, no-yaml',
      },
    ]);
    expect(manifests.files).toEqual([]);
  });

  test('a folder is read recursively in sorted order, and hidden folders are skipped', async () => {
    const { manifests } = await loadManifests(
      ['duplicate-keys', 'bad-key.yaml', 'duplicate-keys/a.yaml'],
      {},
      { cwd: DIR },
    );
    expect(manifests.files).toEqual(['bad-key.yaml', 'duplicate-keys/a.yaml', 'duplicate-keys/b.yaml']);
  });

  test('problems are ordered by file, line and column across files', async () => {
    const { problems } = await loadManifests(
      ['two-configs.yaml', 'allocation-over-100.yaml', 'bad-key.yaml'],
      {},
      { cwd: DIR },
    );
    expect(
      problems.map((p) => `${p.position!.file}:${String(p.position!.line)}:${String(p.position!.column)}`),
    ).toEqual([
      'allocation-over-100.yaml:16:55',
      'allocation-over-100.yaml:17:39',
      'bad-key.yaml:4:8',
      'two-configs.yaml:6:7',
    ]);
  });
});
