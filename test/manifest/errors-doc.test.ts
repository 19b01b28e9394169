import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from 'vitest';

import { FILE_ERROR_CODES } from '../../src/errors.js';

const ROOT = path.join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

test('docs/manifest-errors.md has a row for every problem code the manifest stages and file checks emit', () => {
  const code = [...sources('src/manifest'), ...sources('src/schema')].map((f) => readFileSync(f, 'utf8')).join('\n');
  // Problem codes are the only multi-word PascalCase string literals in these folders.
  const literals = [...code.matchAll(/'([A-Z][a-z]+(?:[A-Z][a-z]*)+)'/g)].map((m) => m[1]);
  // FileError codes reach manifest problems through error.code, not as literals here.
  const used = [...new Set([...literals, ...FILE_ERROR_CODES])].sort();
  const doc = readFileSync(path.join(ROOT, 'docs', 'manifest-errors.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort();
  expect(used.length).toBeGreaterThan(30);
  expect(documented).toEqual(used);
});
