/** fast-check arbitraries more than one property test needs. */
import fc from 'fast-check';

/** `arb`'s values, or undefined (a field left out of a manifest). */
export const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Allocations of n treatments: non-negative integers summing to 100 (so at least one is non-zero). */
export const allocations = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
    return sorted.slice(1).map((v, i) => v - (sorted[i] ?? 0));
  });
