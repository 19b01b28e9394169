/**
 * The bad-manifest table through the CLI's own code path (`runCli`, in-process for speed):
 * `ldexp validate <file>` must exit 1 and print `file:line:column  error  Code` for every case.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/run-cli.js';
import { BAD_MANIFESTS_DIR, EXPERIMENT_CASES, HOLDOUT_CASES } from './bad-manifest-cases.js';

async function validateWithCli(target: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const sink = { write: () => true };
  const code = await runCli(
    ['validate', target],
    {
      stdout: sink,
      stderr: { write: (text: string) => (stderr += text) },
      env: { NO_COLOR: '1' },
      confirm: undefined,
      cwd: process.cwd(),
    },
    false,
  );
  return { code, stderr };
}

describe.each([
  ['experiment and config', EXPERIMENT_CASES],
  ['holdout', HOLDOUT_CASES],
])('ldexp validate on bad manifests: %s', (_group, cases) => {
  it.each(cases)('%s', async (fixture, expected) => {
    const { code, stderr } = await validateWithCli(path.join(BAD_MANIFESTS_DIR, fixture));
    const anyError = expected.some(([, , , , , severity]) => (severity ?? 'error') === 'error');
    expect(code).toBe(anyError ? 1 : 0);
    for (const [problemCode, file, line, column, , severity] of expected) {
      const where = path.relative(process.cwd(), path.join(BAD_MANIFESTS_DIR, file)).split(path.sep).join('/');
      expect(stderr).toContain(`${where}:${String(line)}:${String(column)}`);
      expect(stderr).toMatch(new RegExp(`${severity ?? 'error'}\\s+${problemCode}\\b`));
    }
  });
});
