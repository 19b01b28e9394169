/**
 * Code-unit order (what `<` does on strings), not locale order, so sorted output is the same on
 * every machine whatever its locale.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
