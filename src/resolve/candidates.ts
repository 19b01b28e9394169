/** Candidate lists for "did you mean" messages: closest first, then alphabetical. */
import { compareCodeUnits } from '../util/compare.js';

/** Levenshtein distance; candidate lists are short, so the quadratic version is fine. */
export function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** Sort candidates by edit distance to what was looked for (case-insensitive); ties alphabetical. */
export function closestFirst(wanted: string, candidates: Iterable<string>): string[] {
  const target = wanted.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: distance(target, c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || compareCodeUnits(x.c, y.c))
    .map(({ c }) => c);
}

/**
 * Sort items by the edit distance of the closest of their forms (a variation's name and its value)
 * to what was looked for; ties keep their order. Scoring forms rather than a display string keeps a
 * short display like `On (true)` from winning over the name that was mistyped.
 */
export function closestBy<T>(wanted: string, items: Iterable<T>, forms: (item: T) => string[]): T[] {
  const target = wanted.toLowerCase();
  const score = (item: T): number => Math.min(...forms(item).map((form) => distance(target, form.toLowerCase())));
  return [...items]
    .map((item) => ({ item, d: score(item) }))
    .sort((x, y) => x.d - y.d)
    .map(({ item }) => item);
}
