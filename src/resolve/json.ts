/** JSON text for messages; JSON.stringify returns undefined for undefined, whatever its declared type says. */
export function showJson(value: unknown): string {
  const json: unknown = JSON.stringify(value);
  return typeof json === 'string' ? json : 'null';
}
