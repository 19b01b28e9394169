/**
 * `target.push(...items)` passes every item as an argument, and a hostile file with a few hundred
 * thousand documents or duplicate keys overflows the call stack that way; this loop does not.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
