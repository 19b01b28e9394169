/**
 * Emulator conditions: latency, a page-size cap, rate limits and injected faults, so ldexp's
 * behaviour under a slow, limited or failing LaunchDarkly can be measured and tested. All of it is
 * deterministic for a given `seed` and order of requests. See docs/emulator.md ("Conditions").
 */

/** What happens to a request a fault rule picks. */
export type FaultKind = 'status' | 'reset-before' | 'reset-after-commit' | 'slow' | 'conflict409' | 'concurrent-write';

/** The statuses a `status` fault can answer with. */
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** What the simulated other writer changes right before the request is processed. */
export type ConcurrentWriteKind = 'flag-version' | 'metadata' | 'new-iteration' | 'same-request' | 'patch';

/**
 * Which requests a rule applies to and when it fires. `route` is an operationId
 * (`patchExperiment`), an OpenAPI path template, or a glob over the template or the concrete path
 * (`*` one segment, `**` any number), optionally preceded by a method (`PATCH /api/v2/**`).
 * At most one of `rate`, `every`, `nth`; without any, every matching request.
 */
export interface FaultTrigger {
  route?: string;
  method?: string;
  /** Probability per matching request, from the seeded generator. */
  rate?: number;
  /** Every Nth matching request (N, 2N, …). */
  every?: number;
  /** Only the Nth matching request(s), counting from 1. */
  nth?: number | number[];
  /** Stop after this many injections. */
  times?: number;
}

export interface StatusFault extends FaultTrigger {
  kind: 'status';
  status: FaultStatus;
  /** `Retry-After`: seconds, a verbatim string (e.g. an HTTP date), or null for none. */
  retryAfter?: number | string | null;
  /** `X-Ratelimit-Reset` this many ms from now (negative: in the past), or null for none. */
  resetInMs?: number | null;
  /** The response body: `{code, message}` JSON (default), a gateway's HTML page, or nothing. */
  body?: 'json' | 'html' | 'empty';
  /** Process the request first (its write is committed), then answer with the error. */
  commit?: boolean;
}

export interface ResetBeforeFault extends FaultTrigger {
  kind: 'reset-before';
}

export interface ResetAfterCommitFault extends FaultTrigger {
  kind: 'reset-after-commit';
}

export interface SlowFault extends FaultTrigger {
  kind: 'slow';
  /** The request is processed at once; the answer is sent this much later. */
  delayMs: number;
}

export interface ConflictFault extends FaultTrigger {
  kind: 'conflict409';
}

export interface ConcurrentWriteFault extends FaultTrigger {
  kind: 'concurrent-write';
  write: ConcurrentWriteKind;
  /** `flag-version`: the flag to bump (default: the flags of the target). */
  flag?: string;
  /** `patch`: the semantic-patch instructions the other writer sends to the target. */
  instructions?: unknown[];
}

export type FaultRule =
  StatusFault | ResetBeforeFault | ResetAfterCommitFault | SlowFault | ConflictFault | ConcurrentWriteFault;

export interface RateLimitWindow {
  /** Requests allowed per window. */
  limit: number;
  /** Default 10 000 (LaunchDarkly's ten seconds). */
  windowMs?: number;
}

export interface RouteRateLimit extends RateLimitWindow {
  /** Per-route limits that replace `limit`, keyed by route pattern (as in fault rules). */
  overrides?: Record<string, number>;
}

export interface RateLimitConditions {
  /** Per route (method + path template), as LaunchDarkly's route-level limits. */
  route?: RouteRateLimit;
  /** Across all routes, as LaunchDarkly's account-wide limit. */
  global?: RateLimitWindow;
}

export interface EmulatorConditions {
  /** Seed of the pseudo-random generators (rates, latency ranges). Default 1. */
  seed?: number;
  /** Delay before every request is processed: fixed, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number };
  /** List endpoints return at most this many items per page, whatever `limit` asks for. */
  pageSizeCap?: number;
  /** Enforced rate limits; without them the headers report nominal limits that never run out. */
  rateLimit?: RateLimitConditions;
  /** Checked in order for every authenticated request; the first that fires is injected. */
  faults?: FaultRule[];
}
