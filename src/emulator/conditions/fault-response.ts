/** The answers of injected faults and of the rate limiter, shaped as LaunchDarkly documents them. */
import type { Outcome } from '../outcome.js';
import { retryAfterSeconds } from './rate-limiter.js';
import type { StatusFault } from './types.js';

/** `RateLimitedErrorRep` (the message is the document's example). */
export const RATE_LIMITED = { code: 'rate_limited', message: "You've exceeded the API rate limit. Try again later." };

/** `StatusConflictErrorRep` of patchExperiment (the document's example). */
export const OPTIMISTIC_LOCK = {
  code: 'optimistic_locking_error',
  message: 'Conflict. Optimistic lock error. Try again later.',
};

/** Choice: the document is silent on 5xx bodies; these follow the `{code, message}` convention. */
const SERVER_ERRORS: Record<number, { code: string; message: string; title: string }> = {
  500: { code: 'internal_server_error', message: 'An internal server error occurred', title: 'Internal Server Error' },
  502: { code: 'bad_gateway', message: 'Bad gateway', title: 'Bad Gateway' },
  503: { code: 'service_unavailable', message: 'Service unavailable', title: 'Service Unavailable' },
  504: { code: 'gateway_timeout', message: 'Gateway timeout', title: 'Gateway Timeout' },
};

/** 429 from the rate limiter, with its window headers (`Retry-After` included). */
export function rateLimitedOutcome(headers: Record<string, string>): Outcome {
  return { status: 429, headers, body: RATE_LIMITED };
}

/** 409 `optimistic_locking_error`, as for a PATCH that lost a race with another writer. */
export function conflictOutcome(headers: Record<string, string>): Outcome {
  return { status: 409, headers, body: OPTIMISTIC_LOCK };
}

/**
 * The answer of a `status` fault. The rate-limit headers are those of the request, except that a
 * 429 shows the route as exhausted; `resetInMs` moves or drops `X-Ratelimit-Reset`, and
 * `retryAfter` sets or drops `Retry-After` (a 429 has one by default: seconds to the reset).
 */
export function statusFaultOutcome(fault: StatusFault, rateHeaders: Record<string, string>, now: number): Outcome {
  const headers = { ...rateHeaders };
  if (fault.status === 429 && headers['X-Ratelimit-Route-Remaining'] !== undefined) {
    headers['X-Ratelimit-Route-Remaining'] = '0';
  }
  if (fault.resetInMs === null) delete headers['X-Ratelimit-Reset'];
  else if (fault.resetInMs !== undefined) headers['X-Ratelimit-Reset'] = String(now + fault.resetInMs);
  const retryAfter = fault.retryAfter === undefined ? defaultRetryAfter(fault, headers, now) : fault.retryAfter;
  if (retryAfter !== null && retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  return { status: fault.status, headers, ...bodyOf(fault) };
}

function defaultRetryAfter(fault: StatusFault, headers: Record<string, string>, now: number): number | undefined {
  if (fault.status !== 429) return undefined;
  const reset = Number(headers['X-Ratelimit-Reset'] ?? now);
  return retryAfterSeconds(reset, now);
}

function bodyOf(fault: StatusFault): Pick<Outcome, 'body' | 'html'> {
  if (fault.body === 'empty') return {};
  const error = SERVER_ERRORS[fault.status];
  if (fault.body === 'html') {
    const title = `${fault.status} ${error?.title ?? 'Too Many Requests'}`;
    return { html: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n` };
  }
  return { body: error ? { code: error.code, message: error.message } : RATE_LIMITED };
}
