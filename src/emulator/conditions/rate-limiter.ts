/**
 * LaunchDarkly-style rate limiting: fixed windows per route (method + path template) and across
 * all routes, reported in `X-Ratelimit-Route-Remaining`, `X-Ratelimit-Global-Remaining` and
 * `X-Ratelimit-Reset` (epoch milliseconds) on every authenticated response.
 */
import { compileRoutePattern, type RequestTarget, type RoutePattern } from './route-pattern.js';
import type { RateLimitConditions } from './types.js';

/** LaunchDarkly's windows are ten seconds long. */
export const DEFAULT_WINDOW_MS = 10_000;

/**
 * Choice: without `rateLimit` conditions the headers report these made-up limits (LaunchDarkly
 * publishes none) and nothing is refused. They are high because ldexp paces itself to the headers:
 * an ordinary run (a benchmark of 1,000 experiments included) must never wait for them.
 */
const NOMINAL = { route: { limit: 10_000 }, global: { limit: 50_000 } };

export interface RateDecision {
  headers: Record<string, string>;
  /** Set when the request is refused: which window ran out and when it ends. */
  limited?: { scope: 'route' | 'global'; resetAt: number };
}

class FixedWindow {
  private index = -1;
  private count = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Epoch-aligned windows: the count restarts when `now` enters a new one. */
  roll(now: number): this {
    const index = Math.floor(now / this.windowMs);
    if (index !== this.index) {
      this.index = index;
      this.count = 0;
    }
    return this;
  }

  take(): void {
    this.count += 1;
  }

  get exhausted(): boolean {
    return this.count >= this.limit;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.count);
  }

  get resetAt(): number {
    return (this.index + 1) * this.windowMs;
  }
}

export class RateLimiter {
  private readonly enforced: boolean;
  private readonly config: RateLimitConditions;
  private readonly overrides: [RoutePattern, number][];
  private readonly routes = new Map<string, FixedWindow>();
  private readonly global: FixedWindow | undefined;

  constructor(conditions: RateLimitConditions | undefined) {
    this.enforced = conditions !== undefined;
    this.config = conditions ?? NOMINAL;
    this.overrides = Object.entries(this.config.route?.overrides ?? {}).map(([pattern, limit]) => [
      compileRoutePattern(pattern),
      limit,
    ]);
    const global = this.config.global;
    this.global = global && new FixedWindow(global.limit, global.windowMs ?? DEFAULT_WINDOW_MS);
  }

  /** Count the request against its windows, or refuse it when one has run out (if enforced). */
  take(routeKey: string, target: RequestTarget, now: number): RateDecision {
    const route = this.routeWindow(routeKey, target)?.roll(now);
    const global = this.global?.roll(now);
    const exhausted = this.enforced ? [route, global].filter((w): w is FixedWindow => w?.exhausted === true) : [];
    // Choice: a refused request does not count against the windows (they stay at 0 remaining).
    if (exhausted.length === 0) {
      route?.take();
      global?.take();
    }
    const headers: Record<string, string> = {};
    if (route) headers['X-Ratelimit-Route-Remaining'] = String(route.remaining);
    if (global) headers['X-Ratelimit-Global-Remaining'] = String(global.remaining);
    // Refused: the reset of the window that ran out (the later one if both did).
    const resetAt = exhausted.length > 0 ? Math.max(...exhausted.map((w) => w.resetAt)) : (route ?? global)?.resetAt;
    if (resetAt !== undefined) headers['X-Ratelimit-Reset'] = String(resetAt);
    if (exhausted.length === 0 || resetAt === undefined) return { headers };
    headers['Retry-After'] = String(retryAfterSeconds(resetAt, now));
    return { headers, limited: { scope: exhausted[0] === route ? 'route' : 'global', resetAt } };
  }

  private routeWindow(routeKey: string, target: RequestTarget): FixedWindow | undefined {
    const config = this.config.route;
    if (!config) return undefined;
    let window = this.routes.get(routeKey);
    if (!window) {
      const limit = this.overrides.find(([matches]) => matches(target))?.[1] ?? config.limit;
      window = new FixedWindow(limit, config.windowMs ?? DEFAULT_WINDOW_MS);
      this.routes.set(routeKey, window);
    }
    return window;
  }
}

/** Whole seconds until `resetAt`, at least 1 (LaunchDarkly's `Retry-After` is in seconds). */
export function retryAfterSeconds(resetAt: number, now: number): number {
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}
