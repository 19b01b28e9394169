/**
 * The stage-order lint rule: it fires on an import from a later stage (resolved against the
 * importing file, so a stage's own `./types.js` never counts), and `npm run lint` runs it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
// The config files are plain JavaScript outside the TypeScript project: imported by URL, typed here.
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(ROOT, file)).href)) as T;
const { refusal, stageOrderConfig } = await load<{
  refusal: (from: string, to: string) => string | undefined;
  stageOrderConfig: Linter.Config;
}>('eslint.stage-order.js');
const { default: config } = await load<{ default: Linter.Config[] }>('eslint.config.js');

function lint(file: string, code: string): string[] {
  const linter = new Linter({ cwd: ROOT });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, stageOrderConfig],
    { filename: path.join(ROOT, file) },
  );
  return messages.map((m) => `${String(m.line)}: ${m.message}`);
}

describe('the stage-order rule', () => {
  it.each([
    [
      'src/diff/types.ts',
      "import type { FieldChange } from '../plan/types.js';",
      [`1: '../plan/types.js': plan is a later stage than diff (stage order, README "Architecture").`],
    ],
    [
      'src/manifest/load.ts',
      "import { validateDocuments } from '../schema/index.js';",
      [`1: '../schema/index.js': schema is a later stage than manifest (stage order, README "Architecture").`],
    ],
    [
      'src/plan/build.ts',
      "import { resolveAll } from '../resolve/index.js';",
      [`1: '../resolve/index.js': plan never imports resolve (stage order, README "Architecture").`],
    ],
    [
      'src/schema/rules/treatment-flags.ts',
      "export { apply } from '../../apply/index.js';",
      [`1: '../../apply/index.js': apply is a later stage than schema (stage order, README "Architecture").`],
    ],
    [
      'src/util/records.ts',
      "export * from '../live/types.js';",
      [`1: '../live/types.js': live is a later stage than util (stage order, README "Architecture").`],
    ],
    [
      'src/types.ts',
      "const m = await import('./pipeline.js');",
      [`1: './pipeline.js': pipeline is a later stage than types (stage order, README "Architecture").`],
    ],
    [
      'src/export/write.ts',
      "import { planChanges } from '../plan/index.js';",
      [`1: '../plan/index.js': export never imports plan (stage order, README "Architecture").`],
    ],
    [
      'src/render/plan-text.ts',
      "import { createServer } from '../emulator/index.js';",
      [`1: '../emulator/index.js': only cli and the bench start the emulator (stage order, README "Architecture").`],
    ],
  ])('%s: %s', (file, code, expected) => {
    expect(lint(file, code)).toEqual(expected);
  });

  it.each([
    ['src/plan/build.ts', "import type { Diffs } from '../diff/types.js';"],
    ['src/plan/build.ts', "import { StepFactory } from './draft.js';"],
    ['src/emulator/conditions/check.ts', "import type { Faults } from './types.js';"],
    ['src/diff/diff.ts', "import { nameBook } from '../resolve/names.js';"],
    ['src/export/write.ts', "import { canonicalFromLive } from '../normalize/index.js';"],
    ['src/cli/commands/emulator.ts', "import { startEmulator } from '../../emulator/index.js';"],
    ['src/pipeline.ts', "import { planChanges } from './plan/index.js';"],
    ['src/plan/build.ts', "import { stringify } from 'yaml';"],
    ['test/plan/helpers.ts', "import { buildPlan } from '../../src/pipeline.js';"],
  ])('allows %s: %s', (file, code) => {
    expect(lint(file, code)).toEqual([]);
  });

  it.each([
    ['diff', 'plan', 'plan is a later stage than diff'],
    ['manifest', 'schema', 'schema is a later stage than manifest'],
    ['schema', 'manifest', undefined],
    ['plan', 'resolve', 'plan never imports resolve'],
    ['plan', 'normalize', undefined],
    ['apply', 'render', 'render is a later stage than apply'],
    ['render', 'apply', undefined],
    ['export', 'resolve', undefined],
    ['export', 'diff', 'export never imports diff'],
    ['cli', 'export', undefined],
    ['live', 'bench', 'nothing imports the bench'],
    ['emulator', 'live', 'the emulator imports nothing of ldexp but errors and util'],
    ['emulator', 'util', undefined],
    ['emulator', 'errors', undefined],
    ['bench', 'emulator', undefined],
  ])('%s → %s', (from, to, why) => {
    expect(refusal(from, to)).toBe(why);
  });

  it('is part of the lint configuration', () => {
    expect(config).toContainEqual(expect.objectContaining({ rules: { 'ldexp/stage-order': 'error' } }));
  });
});
