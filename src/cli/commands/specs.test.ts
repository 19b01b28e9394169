import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { COMMANDS } from './index.js';

/** What a spec module may import: `--help`, `--version` and parsing load every spec, so they stay light. */
const LIGHT = new Set([
  '../command.js',
  '../options.js',
  '../args.js',
  '../../errors.js',
  '../completion.js',
  '../exit-code.js',
  'node:fs/promises',
]);

describe('command specs', () => {
  it.each(COMMANDS.map((c) => c.name))('%s: its spec module imports no stage of the pipeline', async (name) => {
    const text = await readFile(new URL(`./${name}.ts`, import.meta.url), 'utf8');
    const imported = [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imported.filter((source) => !LIGHT.has(source ?? ''))).toEqual([]);
  });
});
