/**
 * When to retry a LaunchDarkly request and how long to wait first. Pure, so the policy can be
 * read and tested on its own; the client injects the clock, the random source and the sleep.
 */
import type { NetworkFailure } from '../errors.js';

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What one attempt produced, as far as the retry decision cares. */
export type AttemptOutcome =
  | {
      kind: 'response';
      status: number;
      ldCode: string | undefined;
      headers: Record<string, string | string[] | undefined>;
    }
  | { kind: 'network'; failure: NetworkFailure };

/**
 * Whether the outcome is worth another attempt. 429 is safe for every method (the request was
 * not processed). A 409 is never resent here: whether the instruction is still needed once the
 * other change landed is for apply to decide, after reading the object again; 5xx and network
 * failures are retried only for GET, since a POST may have been applied before the failure. A
 * refused connection, an unknown host or a timeout is not retried at all: nothing suggests the
 * next attempt would fare better, and each retry would only make the user wait longer to hear it.
 */
export function isRetryable(method: string, outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network') return method === 'GET' && outcome.failure === 'other';
  if (outcome.status === 429) return true;
  return outcome.status >= 500 && method === 'GET';
}

/**
 * Milliseconds to wait before retry number `retry` (1-based). A server hint wins: `Retry-After`
 * is in seconds (or an HTTP date), `X-Ratelimit-Reset` is an epoch in milliseconds. Hints that are
 * absent, malformed, negative or already past fall back to exponential backoff. Jitter spreads
 * clients that were limited together; the cap keeps a bad header from stalling a run.
 */
export function retryDelayMs(
  retry: number,
  outcome: AttemptOutcome,
  options: RetryOptions,
  now: number,
  random: number,
): number {
  const hinted = outcome.kind === 'response' ? serverHintMs(outcome.headers, now) : undefined;
  const backoff = options.baseDelayMs * 2 ** (retry - 1);
  const jitter = Math.floor(random * options.baseDelayMs);
  return Math.min(options.maxDelayMs, (hinted ?? backoff) + jitter);
}

/** A request, its retries included, gives up within this many times the per-attempt timeout. */
export const RETRY_BUDGET_FACTOR = 2;

/**
 * Whether waiting `delayMs` and then one more attempt, which may take the whole timeout, still
 * ends within the budget. This is what keeps a dead or stalled server from being retried for
 * minutes: a run learns of it within twice the timeout.
 */
export function fitsBudget(elapsedMs: number, delayMs: number, timeoutMs: number): boolean {
  return elapsedMs + delayMs + timeoutMs <= RETRY_BUDGET_FACTOR * timeoutMs;
}

function serverHintMs(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const retryAfter = firstHeader(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date) && date > now) return date - now;
  }
  const reset = Number(firstHeader(headers, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > now) return reset - now;
  return undefined;
}

function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
