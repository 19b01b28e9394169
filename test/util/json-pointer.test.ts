import { describe, expect, it } from 'vitest';

import { getAt, setAt } from '../../src/util/json-pointer.js';

describe('getAt', () => {
  const doc = { _id: 'h1', a: { 'b/c': [10, { '~k': 'deep' }] }, zero: 0 };
  it.each([
    ['', { found: true, value: doc }],
    ['/_id', { found: true, value: 'h1' }],
    ['/zero', { found: true, value: 0 }],
    ['/a/b~1c/0', { found: true, value: 10 }],
    ['/a/b~1c/1/~0k', { found: true, value: 'deep' }],
    ['/a/b~1c/2', { found: false }],
    ['/missing', { found: false }],
    ['/_id/length', { found: false }],
    ['/toString', { found: false }],
  ])('%s', (pointer, expected) => {
    expect(getAt(doc, pointer)).toEqual(expected);
  });
});

describe('setAt', () => {
  it('writes into a copy, creating parents', () => {
    const original = { key: 'x', iteration: { flags: {} } };
    const result = setAt(original, '/iteration/flags/f~1g/ruleId', 'r1');
    expect(result).toEqual({ key: 'x', iteration: { flags: { 'f/g': { ruleId: 'r1' } } } });
    expect(original).toEqual({ key: 'x', iteration: { flags: {} } });
  });

  it.each([
    ['/list/0', { list: ['v'] }],
    ['/list/-', { list: ['a', 'v'] }],
  ])('arrays: %s', (pointer, expected) => {
    expect(setAt({ list: ['a'] }, pointer, 'v')).toEqual(expected);
  });

  it('replaces the root for ""', () => {
    expect(setAt({ a: 1 }, '', 'v')).toBe('v');
  });

  it.each(['nope', '/list/7', '/list/x', '/s/deeper'])('rejects %s', (pointer) => {
    expect(() => setAt({ list: ['a'], s: 'text' }, pointer, 'v')).toThrow(Error);
  });
});
