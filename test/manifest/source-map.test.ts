import { describe, expect, test } from 'vitest';

import { parseManifestText } from '../../src/manifest/index.js';

// Line numbers are written next to each line so the expected positions can be checked by eye.
const TEXT = [
  '# comment', //                                  1
  'apiVersion: ldexp/v1', //                       2
  'kind: Experiment', //                           3
  'metadata:', //                                  4
  '  key: first', //                               5
  'spec:', //                                      6
  '  iteration:', //                               7
  '    treatments:', //                            8
  '      - name: Control', //                      9
  '        variation: control', //                 10
  '      - name: "Above the fold"', //             11
  '        variation: { id: abc }', //             12
  '    empty:', //                                 13
  '---', //                                        14
  'apiVersion: ldexp/v1', //                       15
  'kind: Holdout', //                              16
  'metadata: { key: second, "a/b": 1, "t~n": 2 }', // 17
  'spec:', //                                      18
  '  metrics: [revenue, { group: funnel }]', //    19
  '',
].join('\n');

const parsed = parseManifestText('dir/multi.yaml', TEXT);
const [first, second] = parsed.documents;

describe('source map', () => {
  test('parses two documents without problems', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents.map((d) => [d.file, d.documentIndex])).toEqual([
      ['dir/multi.yaml', 0],
      ['dir/multi.yaml', 1],
    ]);
  });

  test.each([
    // [document, pointer, line, column, endLine, endColumn]
    [0, '', 2, 1, 13, 11],
    [0, '/kind', 3, 7, 3, 17],
    [0, '/metadata', 5, 3, 5, 13],
    [0, '/metadata/key', 5, 8, 5, 13],
    [0, '/spec/iteration/treatments', 9, 7, 12, 31],
    [0, '/spec/iteration/treatments/1', 11, 9, 12, 31],
    [0, '/spec/iteration/treatments/1/name', 11, 15, 11, 31],
    [0, '/spec/iteration/treatments/1/variation', 12, 20, 12, 31],
    [0, '/spec/iteration/treatments/1/variation/id', 12, 26, 12, 29],
    [0, '/spec/iteration/treatments/0/variation', 10, 20, 10, 27],
    // `empty:` has a null value: the (empty) value sits right after the colon.
    [0, '/spec/iteration/empty', 13, 11, 13, 11],
    [1, '', 15, 1, 19, 40],
    [1, '/metadata/key', 17, 18, 17, 24],
    [1, '/metadata/a~1b', 17, 33, 17, 34],
    [1, '/metadata/t~0n', 17, 43, 17, 44],
    [1, '/spec/metrics/0', 19, 13, 19, 20],
    [1, '/spec/metrics/1/group', 19, 31, 19, 37],
  ])('doc %i %s → %i:%i-%i:%i', (index, pointer, line, column, endLine, endColumn) => {
    const doc = index === 0 ? first : second;
    expect(doc?.locate(pointer)).toEqual({ file: 'dir/multi.yaml', line, column, endLine, endColumn });
  });

  test.each([
    // Missing children fall back to the nearest ancestor that exists.
    [0, '/spec/state', '/spec'],
    [0, '/spec/iteration/treatments/5/name', '/spec/iteration/treatments'],
    [0, '/spec/iteration/treatments/1/variations/flag', '/spec/iteration/treatments/1'],
    [0, '/metadata/key/deeper', '/metadata/key'],
    [1, '/nothing', ''],
    [1, '/spec/metrics/x', '/spec/metrics'],
  ])('doc %i %s falls back to %s', (index, pointer, ancestor) => {
    const doc = index === 0 ? first : second;
    expect(doc?.locate(pointer)).toEqual(doc?.locate(ancestor));
  });

  test.each([
    [0, '/metadata/key', 5, 3, 5, 6],
    [0, '/spec/iteration/treatments/1/variation', 12, 9, 12, 18],
    [1, '/metadata/a~1b', 17, 26, 17, 31],
    // A missing entry has no key: the ancestor's value is the answer, as with locate.
    [0, '/spec/missing', 7, 3, 13, 11],
  ])('key of doc %i %s → %i:%i-%i:%i', (index, pointer, line, column, endLine, endColumn) => {
    const doc = index === 0 ? first : second;
    expect(doc?.locateKey(pointer)).toEqual({ file: 'dir/multi.yaml', line, column, endLine, endColumn });
  });

  test('data is plain JSON', () => {
    expect(second?.data).toEqual({
      apiVersion: 'ldexp/v1',
      kind: 'Holdout',
      metadata: { key: 'second', 'a/b': 1, 't~n': 2 },
      spec: { metrics: ['revenue', { group: 'funnel' }] },
    });
  });
});

describe('locateSubject: where a later stage points', () => {
  test.each([
    ['a mapping value points at its key', '/spec/iteration', 7, 3],
    ['a sequence value points at its key', '/spec/iteration/treatments', 8, 5],
    ['a scalar points at itself', '/spec/iteration/treatments/0/variation', 10, 20],
    ['a flow mapping value points at its key', '/spec/iteration/treatments/1/variation', 12, 9],
    ['a missing child points at the key of its nearest collection', '/spec/iteration/changeJustification', 7, 3],
    ['a sequence item (no key) points at itself', '/spec/iteration/treatments/1', 11, 9],
  ])('%s', (_name, pointer, line, column) => {
    expect(first?.locateSubject(pointer)).toMatchObject({ line, column });
  });
});
