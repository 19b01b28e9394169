/**
 * Client-side pacing from LaunchDarkly's rate-limit headers. LaunchDarkly counts requests per
 * route (method + URL pattern) and per account in fixed windows and reports what is left in
 * `X-Ratelimit-Route-Remaining` / `X-Ratelimit-Global-Remaining` and when the window ends in
 * `X-Ratelimit-Reset` (epoch ms). A request is sent only while the last answer's budget, less the
 * requests already in flight, leaves room for it; otherwise it waits for the reset. Reads and
 * writes share the budget, as they share LaunchDarkly's global window. Pure apart from the
 * injected clock: the client owns the sleeping.
 */
import { firstHeader, type ResponseHeaders } from './failures.js';

/** What the last answer said about one window. */
interface Window {
  remaining: number;
  resetAt: number;
}

/** A window's remaining budget and the requests sent since that answer. */
interface Scope {
  window?: Window;
  inFlight: number;
}

export class RateBudget {
  private readonly routes = new Map<string, Scope>();
  private readonly global: Scope = { inFlight: 0 };
  private waiting = 0;
  private waitStartedAt = 0;
  private waitedMs = 0;

  constructor(private readonly now: () => number) {}

  /**
   * Milliseconds to hold a request to `route` before sending it, or 0 to send now (and count it
   * in flight). Expired windows are forgotten: a new window starts full. A hold longer than
   * `maxHoldMs` means a reset nobody should believe; the request goes and the server decides.
   */
  holdMs(route: string, maxHoldMs: number): number {
    const now = this.now();
    const scopes = [this.scope(route), this.global];
    const spent = scopes.flatMap((s) =>
      s.window && s.window.resetAt > now && s.window.remaining - s.inFlight <= 0 ? [s.window] : [],
    );
    const holdMs = spent.length > 0 ? Math.max(...spent.map((w) => w.resetAt)) - now : 0;
    if (holdMs > 0 && holdMs <= maxHoldMs) return holdMs;
    for (const scope of scopes) scope.inFlight += 1;
    return 0;
  }

  /** The answer (or failure) to a request `holdMs` let through; its headers update the windows. */
  settle(route: string, headers: ResponseHeaders | undefined): void {
    const scopes: [Scope, string][] = [
      [this.scope(route), 'x-ratelimit-route-remaining'],
      [this.global, 'x-ratelimit-global-remaining'],
    ];
    const resetAt = headerNumber(headers, 'x-ratelimit-reset');
    for (const [scope, name] of scopes) {
      scope.inFlight = Math.max(0, scope.inFlight - 1);
      const remaining = headerNumber(headers, name);
      if (remaining === undefined || resetAt === undefined) continue;
      // Answers arrive out of order: within one window the smallest remaining is the newest.
      const same = scope.window?.resetAt === resetAt;
      scope.window = {
        remaining: same ? Math.min(remaining, scope.window?.remaining ?? remaining) : remaining,
        resetAt,
      };
    }
  }

  /** A 429: whatever the headers say, the window that refused us is spent until `until`. */
  exhaust(route: string, until: number): void {
    for (const scope of [this.scope(route), this.global]) {
      if (scope.window === undefined || scope.window.resetAt < until) scope.window = { remaining: 0, resetAt: until };
      else scope.window.remaining = 0;
    }
  }

  /** Brackets a wait for the rate limit; overlapping waits count once (wall-clock time). */
  startWaiting(): void {
    if (this.waiting++ === 0) this.waitStartedAt = this.now();
  }

  stopWaiting(): void {
    if (--this.waiting === 0) this.waitedMs += this.now() - this.waitStartedAt;
  }

  /** Wall-clock milliseconds during which some request waited for the rate limit. */
  get waited(): number {
    return this.waitedMs + (this.waiting > 0 ? this.now() - this.waitStartedAt : 0);
  }

  private scope(route: string): Scope {
    let scope = this.routes.get(route);
    if (!scope) {
      scope = { inFlight: 0 };
      this.routes.set(route, scope);
    }
    return scope;
  }
}

function headerNumber(headers: ResponseHeaders | undefined, name: string): number | undefined {
  const text = headers ? firstHeader(headers, name) : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
