/** JSON value types for representations the emulator sends. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Copy an object without its `undefined` members, so optional fields are omitted, not null. */
export function compact(input: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  // for…in rather than Object.entries: every representation passes through here, and the entry
  // arrays were a measurable share of the emulator's time under the chaos tests.
  for (const key in input) {
    const value = input[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
