import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { validate } from '../../src/pipeline.js';

const DOC = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'manifest-format.md'), 'utf8');

// `<!-- example: N experiments, M holdouts -->` right before a ```yaml fence marks a complete, valid example.
const BLOCK = /(?:<!-- example: (\d+) experiments?, (\d+) holdouts? -->\n)?```yaml\n([\s\S]*?)```/g;
const blocks = [...DOC.matchAll(BLOCK)].map((m) => ({
  expected: m[1] === undefined ? undefined : { experiments: Number(m[1]), holdouts: Number(m[2]) },
  text: m[3] ?? '',
}));
const examples = blocks.flatMap((b, i) => (b.expected ? [{ ...b, expected: b.expected, index: i }] : []));

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('every complete manifest in the doc is marked as an example', () => {
  const unmarked = blocks.filter((b) => !b.expected && b.text.includes('apiVersion: ldexp/v1'));
  expect(unmarked).toEqual([]);
  expect(examples.length).toBeGreaterThanOrEqual(4);
});

test.each(examples)('example block $index loads without problems', async ({ text, expected }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ldexp-doc-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'example.yaml'), text);
  const { manifests, problems } = await validate([dir], { project: 'web', environment: 'production' });
  expect(problems).toEqual([]);
  expect({ experiments: manifests.experiments.length, holdouts: manifests.holdouts.length }).toEqual(expected);
});
