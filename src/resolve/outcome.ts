/** The result of resolving one reference: an ID, or why not (turned into a positioned Problem by the caller). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string; candidates?: string[] };

export function found<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failed<T>(code: string, message: string, candidates?: string[]): Outcome<T> {
  return candidates ? { ok: false, code, message, candidates } : { ok: false, code, message };
}
