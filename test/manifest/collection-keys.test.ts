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
