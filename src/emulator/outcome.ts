/** What the emulator answers: a status, headers and a JSON body (or a gateway's HTML page). */
import { HttpError } from './http-error.js';
import type { Json } from './json.js';

export interface Outcome {
  status: number;
  headers: Record<string, string>;
  /** The JSON body; absent for an empty body. */
  body?: Json;
  /** A non-JSON body (a gateway's HTML error page); wins over `body`. */
  html?: string;
}

/** A `{code, message}` error answer for anything thrown while handling a request. */
export function errorOutcome(error: unknown): Outcome {
  if (error instanceof HttpError) {
    return { status: error.status, body: { code: error.code, message: error.message }, headers: { ...error.headers } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { code: 'internal_error', message }, headers: {} };
}

/** The bytes and content type to send. */
export function payloadOf(outcome: Outcome): { payload: string; contentType: string } {
  if (outcome.html !== undefined) return { payload: outcome.html, contentType: 'text/html; charset=utf-8' };
  return { payload: outcome.body === undefined ? '' : JSON.stringify(outcome.body), contentType: 'application/json' };
}
