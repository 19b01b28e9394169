import { describe, expect, it } from 'vitest';

import { FileError } from './errors.js';
import { decodeUtf8 } from './files.js';

function failure(bytes: number[]): { message: string; position: unknown } {
  try {
    decodeUtf8(Uint8Array.from(bytes), 'm.yaml');
  } catch (error) {
    if (error instanceof FileError) return { message: error.message, position: error.position };
    throw error;
  }
  throw new Error('decoded without error');
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'utf8')];

describe('decodeUtf8', () => {
  it.each([
    ['plain text', ascii('a: 1\n'), 'a: 1\n'],
    ['multi-byte characters', ascii('name: café ✓ 🎉\n'), 'name: café ✓ 🎉\n'],
    ['a byte-order mark is dropped', [0xef, 0xbb, 0xbf, ...ascii('a: 1')], 'a: 1'],
    ['an empty file', [], ''],
  ])('%s', (_title, bytes, text) => {
    expect(decodeUtf8(Uint8Array.from(bytes), 'm.yaml')).toBe(text);
  });

  it.each([
    ['a Latin-1 byte', [...ascii('name: caf'), 0xe9, ...ascii('\n')], 'E9', 1, 10, 9],
    ['a stray continuation byte first', [0x80], '80', 1, 1, 0],
    ['on a later line, columns counted in characters', [...ascii('a: 1\nb: é'), 0xff], 'FF', 2, 5, 10],
    ['a sequence cut short by ASCII: the lead byte is blamed', [...ascii('x'), 0xe2, 0x82, 0x41], 'E2', 1, 2, 1],
    ['a sequence cut short by the end of the file', [...ascii('ok\n'), 0xf0, 0x9f], 'F0', 2, 1, 3],
    ['an overlong encoding', [0xc0, 0x80], 'C0', 1, 1, 0],
    ['an encoded surrogate', [...ascii('ab'), 0xed, 0xa0, 0x80], 'ED', 1, 3, 2],
  ])('%s → NotUtf8 at the first bad byte', (_title, bytes, hex, line, column, offset) => {
    expect(failure(bytes)).toEqual({
      message: `m.yaml is not UTF-8: byte 0x${hex} at line ${line}, column ${column} (byte offset ${offset}); save the file as UTF-8`,
      position: { line, column },
    });
  });
});
