/** A mapping or list used as a mapping key is a positioned YAML problem, and nothing is printed by the YAML library. */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseManifestText } from '../../src/manifest/parse.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('collection keys', () => {
  it.each([
    ['{a: 1}: x\n', 1, 1],
    ['spec:\n  [a, b]: x\n', 2, 3],
    ['? {apiVersion: ldexp/v1}\n: Experiment\n', 1, 3],
  ])('%j is a YamlSyntax problem at its key', (text, line, column) => {
    const warn = vi.spyOn(process, 'emitWarning');
    const { problems, documents } = parseManifestText('f.yaml', text);
    expect(problems.map((p) => [p.code, p.message, p.position?.line, p.position?.column])).toEqual([
      ['YamlSyntax', 'a mapping key is itself a mapping or a list; keys must be plain names', line, column],
    ]);
    expect(documents).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('the key walk', () => {
  const found = (text: string): [string, number | undefined, number | undefined][] =>
    parseManifestText('f.yaml', text).problems.map((p) => [p.code, p.position?.line, p.position?.column]);

  it.each<[string, string, [string, number, number][]]>([
    [
      'repeats in every mapping, outer first, then collection keys in document order',
      'a: 1\nb:\n  c: 1\n  c: 2\na: 2\n{x: 1}: y\nd:\n  [e]: z\n',
      [
        ['DuplicateYamlKey', 5, 1],
        ['DuplicateYamlKey', 4, 3],
        ['YamlSyntax', 6, 1],
        ['YamlSyntax', 8, 3],
      ],
    ],
    [
      'a repeat inside a collection key',
      '? {k: 1, k: 2}\n: v\n',
      [
        ['DuplicateYamlKey', 1, 10],
        ['YamlSyntax', 1, 3],
      ],
    ],
    ['a repeat inside a list of mappings', 'items:\n  - a: 1\n    a: 2\n', [['DuplicateYamlKey', 3, 5]]],
    [
      'a collection key in the pairs of an ordered map (YAML 1.1)',
      '%YAML 1.1\n---\na: !!omap\n  - {b: 1}: x\n',
      [['YamlSyntax', 4, 5]],
    ],
    ['no problem in a clean document', 'a:\n  b: [1, {c: 2}]\n', []],
  ])('%s', (_, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});
