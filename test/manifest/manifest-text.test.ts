import { LineCounter, parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ManifestText } from '../../src/manifest/manifest-text.js';
import { parseManifestText } from '../../src/manifest/parse.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('line positions without the parser', () => {
  it.each([
    ['a: 1\nb: 2\n'],
    ['a: 1\r\nb: |\r\n  x\r\n  y\r\n'],
    ['a: "x\n y"\nb: c\n  d\n'],
    ['a: 1\rb: 2\n'],
    ['\uFEFFa: 1\n\n\nb:\n  - x\n'],
    ['---\na: 1\n...\n---\nb: 2'],
    ['a: >\n  x\n\n  y\nb: 1'],
    ['a: "unterminated\nb: 1\n'],
  ])('every offset of %j is where the yaml LineCounter puts it', (text) => {
    const counter = new LineCounter();
    parseAllDocuments(text, { lineCounter: counter });
    const source = new ManifestText('f.yaml', text);
    for (let offset = 0; offset <= text.length; offset++) {
      expect(source.linePos(offset)).toEqual(counter.linePos(offset));
    }
  });
});

describe('positions computed only when asked for', () => {
  const TEXT = 'apiVersion: ldexp/v1\nkind: Experiment\nmetadata:\n  key: a\n---\nkind: Holdout\nspec:\n  name: H\n';

  it('the whole document from its remembered range; a pointer inside from one later parse of the file', () => {
    const sourceMap = vi.spyOn(ManifestText.prototype, 'sourceMap');
    const [first, second] = parseManifestText('f.yaml', TEXT).documents;
    expect(first!.locate('')).toEqual({ file: 'f.yaml', line: 1, column: 1, endLine: 4, endColumn: 9 });
    expect(second!.locateSubject('')).toEqual({ file: 'f.yaml', line: 6, column: 1, endLine: 8, endColumn: 10 });
    expect(sourceMap).not.toHaveBeenCalled();

    expect(second!.locate('/spec/name')).toEqual({ file: 'f.yaml', line: 8, column: 9, endLine: 8, endColumn: 10 });
    expect(first!.locateKey('/metadata/key')).toEqual({ file: 'f.yaml', line: 4, column: 3, endLine: 4, endColumn: 6 });
    expect(sourceMap.mock.calls.map(([index]) => index)).toEqual([1, 0]);
  });
});
