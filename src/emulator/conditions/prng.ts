/**
 * Seeded pseudo-random numbers (mulberry32), so every "random" fault and latency is reproducible.
 * Each consumer gets its own stream, derived from the seed and a stream number (a fault rule's
 * position): appending a fault rule does not change what the others draw.
 */

/** A generator of floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough for picking faults. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stream `stream` of `seed` (a golden-ratio step keeps neighbouring streams apart). */
export function randomStream(seed: number, stream: number): Random {
  return mulberry32(seed ^ Math.imul(stream + 1, 0x9e3779b9));
}

/** An integer in [min, max], both included. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
