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
  /**
   * The most one window has allowed, as far as answers showed (remaining + 1 at best): a window
   * that just ended is assumed to start this full, not unlimited, until its first answer says.
   * Unknown before the first answer, which is therefore sent alone: a burst into an unknown
   * window is how a fresh client meets 429s. Infinite once an answer came without the header.
   */
  limit?: number;
  inFlight: number;
}

/** How long to wait before looking again when a new window's first answers are still out. */
const POLL_MS = 100;

export class RateBudget {
  private readonly routes = new Map<string, Scope>();
  private readonly global: Scope = { inFlight: 0 };
  private waiting = 0;
  private waitStartedAt = 0;
  private waitedMs = 0;

  constructor(private readonly now: () => number) {}

  /**
   * Milliseconds to hold a request to `route` before sending it, or 0 to send it now. A window
   * that ended is assumed to start as full as the largest one seen. A hold longer than
   * `maxHoldMs` means a reset nobody should believe; the request goes and the server decides.
   */
  holdMs(route: string, maxHoldMs: number): number {
    const holds = [this.scope(route), this.global].map((scope) => this.scopeHoldMs(scope));
    const holdMs = Math.max(...holds);
    return holdMs > 0 && holdMs <= maxHoldMs ? holdMs : 0;
  }

  private scopeHoldMs(scope: Scope): number {
    const now = this.now();
    const current = scope.window && scope.window.resetAt > now ? scope.window : undefined;
    const remaining = current ? current.remaining : (scope.limit ?? 1);
    if (remaining - scope.inFlight > 0) return 0;
    return current ? current.resetAt - now : POLL_MS;
  }

  /** A request to `route` is being sent: it counts against both windows until `settle`. */
  take(route: string): void {
    for (const scope of [this.scope(route), this.global]) scope.inFlight += 1;
  }

  /** The answer (or failure) to a request `take` counted; its headers update the windows. */
  settle(route: string, headers: ResponseHeaders | undefined): void {
    const scopes: [Scope, string][] = [
      [this.scope(route), 'x-ratelimit-route-remaining'],
      [this.global, 'x-ratelimit-global-remaining'],
    ];
    const resetAt = headerNumber(headers, 'x-ratelimit-reset');
    for (const [scope, name] of scopes) {
      scope.inFlight = Math.max(0, scope.inFlight - 1);
      const remaining = headerNumber(headers, name);
      if (remaining === undefined || resetAt === undefined) {
        // An answer without the header: this server does not limit that scope (or says nothing of it).
        if (headers !== undefined) scope.limit ??= Number.POSITIVE_INFINITY;
        continue;
      }
      const known = scope.limit === Number.POSITIVE_INFINITY ? 0 : (scope.limit ?? 0);
      scope.limit = Math.max(known, remaining + 1);
      // Answers arrive out of order: within one window the smallest remaining is the newest.
      const same = scope.window?.resetAt === resetAt;
      scope.window = {
        remaining: same ? Math.min(remaining, scope.window?.remaining ?? remaining) : remaining,
        resetAt,
      };
    }
  }

  /**
   * Requests the account-wide window has room for beyond those in flight, as the last answer
   * said; undefined before any answer said, or once its window has ended.
   */
  globalRoom(): number | undefined {
    const window = this.global.window;
    if (window === undefined || window.resetAt <= this.now()) return undefined;
    return window.remaining - this.global.inFlight;
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
