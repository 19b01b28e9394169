/**
 * The plan hash and fingerprints hash stable JSON written in pieces; saved plans stay valid only if
 * that text is exactly what `safe-stable-stringify` writes, which the hashes were defined with.
 */
import { createHash } from 'node:crypto';

import fc from 'fast-check';
import { stringify } from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';

import { computePlanHash } from '../../src/plan/index.js';
import { stableSha256 } from '../../src/plan/stable-hash.js';
import type { Plan } from '../../src/plan/types.js';
import { realisticPlan } from '../render/plan-fixtures.js';

function reference(value: unknown): string {
  return createHash('sha256')
    .update(stringify(value) ?? 'null')
    .digest('hex');
}

function keysOutOfOrder(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `k${String((i * 7) % count)}`);
}

const circular: Record<string, unknown> = { name: 'loop' };
circular['self'] = circular;
const shared = { id: 'x' };

describe('stableSha256', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined at the top', undefined],
    ['a function at the top', () => 1],
    ['keys in code-unit order, integer-like keys included', { b: 1, a: 2, '10': 3, '9': 4, B: 5, é: 6 }],
    ['undefined, functions and symbols left out of objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['undefined, functions and symbols as null in arrays', [undefined, () => 1, Symbol('s'), 1]],
    ['numbers JSON cannot write', [Number.NaN, Infinity, -Infinity, -0, 1e21, 0.1]],
    ['bigint as digits', { n: 12345678901234567890n }],
    ['escapes and lone surrogates', ['"\\\n\u0001', '\ud800', 'a\udc00b', '😀']],
    ['toJSON, with its key', { at: new Date(0), custom: { toJSON: (key: string) => `key ${key}` } }],
    ['toJSON returning undefined drops the key', { gone: { toJSON: () => undefined }, kept: 1 }],
    ['a circular reference', circular],
    ['a value shared by two parents is written twice', { a: shared, b: [shared] }],
    ['empty collections', { a: {}, b: [], c: [{}] }],
    ['a record with more keys than are sorted in place', Object.fromEntries(keysOutOfOrder(40).map((k, i) => [k, i]))],
    [
      'a record with a few keys in reverse order',
      Object.fromEntries(
        keysOutOfOrder(5)
          .reverse()
          .map((k) => [k, k]),
      ),
    ],
    ['text longer than one piece', { long: 'x'.repeat(200_000), list: Array.from({ length: 20_000 }, (_, i) => i) }],
  ])('%s', (_, value) => {
    expect(stableSha256(value)).toBe(reference(value));
  });

  it('hashes any JSON value as safe-stable-stringify writes it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => stableSha256(value) === reference(value)),
      { numRuns: 500 },
    );
  });

  it('hashes any value (undefined, bigint, sparse arrays, null prototypes) as safe-stable-stringify writes it', () => {
    const values = fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true });
    fc.assert(
      fc.property(values, (value) => stableSha256(value) === reference(value)),
      { numRuns: 500 },
    );
  });

  it('gives a realistic plan the hash stable JSON of it has', () => {
    const plan: Partial<Plan> = realisticPlan();
    delete plan.hash;
    const unhashed = plan as Omit<Plan, 'hash'>;
    const covered: Record<string, unknown> = { ...unhashed, summary: { ...unhashed.summary } };
    delete covered.unmanaged;
    delete (covered.summary as Partial<Plan['summary']>).unmanaged;
    expect(computePlanHash(unhashed)).toBe(reference(covered));
  });
});
