/** In-place YAML edits: exact text out, every byte outside the changed value kept. */
import { describe, expect, it } from 'vitest';

import { applyYamlEdits, type YamlEdit } from '../../src/pull/index.js';

const TEXT = `# top comment
spec:
  name: 'Old'   # kept
  title: "Quoted"
  tags: [a,   b]
  list:
    # inside
    - one
    - two
  analysis:
    threshold: 95
  last: x
---
other: { a: 1 }
`;

const edit = (path: (string | number)[], value: unknown, documentIndex = 0): YamlEdit => ({
  documentIndex,
  path,
  value,
});

describe('applyYamlEdits', () => {
  it.each<[string, YamlEdit[], string]>([
    [
      'a single-quoted scalar stays single-quoted',
      [edit(['spec', 'name'], "It's new")],
      TEXT.replace("'Old'", "'It''s new'"),
    ],
    ['a double-quoted scalar stays double-quoted', [edit(['spec', 'title'], 'New')], TEXT.replace('"Quoted"', '"New"')],
    ['a plain scalar becomes a number', [edit(['spec', 'last'], 7)], TEXT.replace('last: x', 'last: 7')],
    ['a flow list is replaced inline', [edit(['spec', 'tags'], ['c'])], TEXT.replace('[a,   b]', '[ c ]')],
    [
      'a block list is replaced at its indentation',
      [edit(['spec', 'list'], ['three', { group: 'g' }])],
      TEXT.replace('    - one\n    - two', '    - three\n    - { group: g }'),
    ],
    [
      'an emptied block list stays below a comment that sits between it and its key',
      [edit(['spec', 'tags'], []), edit(['spec', 'list'], [])],
      TEXT.replace('[a,   b]', '[]').replace('    - one\n    - two', '    []'),
    ],
    [
      'an emptied block mapping moves next to its key',
      [edit(['spec', 'analysis'], {})],
      TEXT.replace('  analysis:\n    threshold: 95', '  analysis: {}'),
    ],
    [
      'a new key goes after the last key, at its indentation',
      [edit(['spec', 'added'], true)],
      TEXT.replace('  last: x\n', '  last: x\n  added: true\n'),
    ],
    [
      'a new key under a missing mapping brings the mapping',
      [edit(['spec', 'stop', 'winner'], 'Top')],
      TEXT.replace('  last: x\n', '  last: x\n  stop:\n    winner: Top\n'),
    ],
    ['a deleted key takes its line', [edit(['spec', 'title'], undefined)], TEXT.replace('  title: "Quoted"\n', '')],
    [
      'the last key of a mapping takes the mapping',
      [edit(['spec', 'analysis', 'threshold'], undefined)],
      TEXT.replace('  analysis:\n    threshold: 95\n', ''),
    ],
    ['deleting a key that is not there changes nothing', [edit(['spec', 'nope'], undefined)], TEXT],
    [
      'a later document is edited at its own positions',
      [edit(['other', 'a'], 2, 1)],
      TEXT.replace('{ a: 1 }', '{ a: 2 }'),
    ],
    [
      'several edits at once',
      [edit(['spec', 'name'], 'N'), edit(['spec', 'last'], 'y'), edit(['spec', 'added'], 1)],
      TEXT.replace("'Old'", "'N'").replace('  last: x\n', '  last: y\n  added: 1\n'),
    ],
    [
      'a string with a line break is written as JSON',
      [edit(['spec', 'last'], 'a\nb')],
      TEXT.replace('last: x', 'last: "a\\nb"'),
    ],
  ])('%s', (_, edits, expected) => {
    expect(applyYamlEdits(TEXT, edits)).toEqual({ text: expected, preserved: true });
  });

  it('no edits: the same text', () => {
    expect(applyYamlEdits(TEXT, [])).toEqual({ text: TEXT, preserved: true });
  });

  it('an edit it cannot make in place falls back to the yaml library, and says so', () => {
    const result = applyYamlEdits('a: { b: 1, c: 2 }\n', [edit(['a', 'c'], undefined)]);
    expect(result).toEqual({ text: 'a: { b: 1 }\n', preserved: false });
  });
});
