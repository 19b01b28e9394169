/**
 * One request through the emulator: latency, authentication, rate limits, the fault it draws,
 * routing and the handler. Returns what to deliver; the HTTP server does the sending.
 */
import type { IncomingMessage } from 'node:http';
import { concurrentWrite } from './conditions/concurrent-write.js';
import { conflictOutcome, rateLimitedOutcome, statusFaultOutcome } from './conditions/fault-response.js';
import { FaultPlan } from './conditions/faults.js';
import { between, randomStream, type Random } from './conditions/prng.js';
import { RateLimiter } from './conditions/rate-limiter.js';
import type { RequestTarget } from './conditions/route-pattern.js';
import type { ConcurrentWriteFault, EmulatorConditions, FaultRule } from './conditions/types.js';
import { HttpError } from './http-error.js';
import { errorOutcome, type Outcome } from './outcome.js';
import { apiVersion, readBody } from './request.js';
import type { RequestLogEntry } from './request-log.js';
import { matchRoute, type RequestContext, type RouteMatch } from './router.js';
import { ROUTES } from './routes.js';
import type { EmulatorStore } from './store.js';

export interface Delivery {
  /** What to answer; absent when the connection is reset before anything was processed. */
  outcome?: Outcome;
  /** Destroy the socket instead of answering. */
  reset: boolean;
  /** Wait this long after processing before answering (`slow` faults). */
  delayMs: number;
}

export interface ExchangeOptions {
  store: EmulatorStore;
  token?: string;
  conditions: EmulatorConditions;
  sleep: (ms: number) => Promise<void>;
}

/** The latency stream is numbered apart from the fault rules' streams (0, 1, …). */
const LATENCY_STREAM = -1;

const answer = (outcome: Outcome): Delivery => ({ outcome, reset: false, delayMs: 0 });

interface Parsed {
  req: IncomingMessage;
  text: string;
  url: URL;
  match: RouteMatch;
  /** The rate-limit headers every answer carries. */
  headers: Record<string, string>;
}

export class Exchange {
  private readonly limiter: RateLimiter;
  private readonly faults: FaultPlan;
  private readonly latency: Random;

  constructor(private readonly options: ExchangeOptions) {
    const { conditions } = options;
    const seed = conditions.seed ?? 1;
    this.limiter = new RateLimiter(conditions.rateLimit);
    this.faults = new FaultPlan(conditions.faults ?? [], seed);
    this.latency = randomStream(seed, LATENCY_STREAM);
  }

  async handle(req: IncomingMessage, text: string, entry: RequestLogEntry): Promise<Delivery> {
    await this.addLatency(entry);
    try {
      this.authenticate(req);
    } catch (error) {
      return answer(errorOutcome(error));
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const match = matchRoute(ROUTES, method, url.pathname);
    const target: RequestTarget = { method, pathname: url.pathname };
    if ('route' in match) {
      target.route = match.route;
      entry.route = match.route.template;
    }
    const now = this.options.store.now();
    const rate = this.limiter.take(`${method} ${entry.route ?? url.pathname}`, target, now);
    if (rate.limited) {
      entry.rateLimited = rate.limited.scope;
      return answer(rateLimitedOutcome(rate.headers));
    }
    const parsed: Parsed = { req, text, url, match, headers: rate.headers };
    const picked = this.faults.pick(target);
    if (!picked) return answer(this.process(parsed).outcome);
    const { delivery, detail } = this.inject(picked.rule, parsed, now);
    entry.fault = { rule: picked.index, kind: picked.rule.kind, detail };
    return delivery;
  }

  private inject(rule: FaultRule, parsed: Parsed, now: number): { delivery: Delivery; detail: string } {
    switch (rule.kind) {
      case 'reset-before':
        return { delivery: { reset: true, delayMs: 0 }, detail: 'connection reset before the request was processed' };
      case 'reset-after-commit': {
        const { outcome } = this.process(parsed);
        const detail = `processed (${outcome.status}), then the connection was reset`;
        return { delivery: { outcome, reset: true, delayMs: 0 }, detail };
      }
      case 'slow': {
        const { outcome } = this.process(parsed);
        return {
          delivery: { outcome, reset: false, delayMs: rule.delayMs },
          detail: `answered after ${rule.delayMs} ms`,
        };
      }
      case 'conflict409':
        return {
          delivery: answer(conflictOutcome(parsed.headers)),
          detail: '409 optimistic_locking_error, not processed',
        };
      case 'concurrent-write': {
        const { outcome, wrote } = this.process(parsed, rule);
        return { delivery: answer(outcome), detail: wrote ?? `${rule.write}: skipped: the request was refused first` };
      }
      default: {
        const processed = rule.commit === true ? `processed (${this.process(parsed).outcome.status}), ` : '';
        return {
          delivery: answer(statusFaultOutcome(rule, parsed.headers, now)),
          detail: `${processed}answered ${rule.status}`,
        };
      }
    }
  }

  /**
   * Route, check and run the handler; errors become `{code, message}` answers. A concurrent
   * writer acts once the request has passed its checks, right before the handler.
   */
  private process(parsed: Parsed, writer?: ConcurrentWriteFault): { outcome: Outcome; wrote?: string } {
    const { match, url, req, text, headers } = parsed;
    let wrote: string | undefined;
    try {
      if (!('route' in match)) throw routingError(match, req.method ?? 'GET', url.pathname);
      const { route, params } = match;
      if (route.beta && apiVersion(req.headers['ld-api-version']) !== 'beta') {
        throw new HttpError(403, 'forbidden', 'This beta resource requires the header LD-API-Version: beta');
      }
      const ctx: RequestContext = {
        store: this.options.store,
        params,
        query: url.searchParams,
        body: readBody(route.body, req.headers['content-type'], text),
        headers: req.headers,
      };
      const cap = this.options.conditions.pageSizeCap;
      if (cap !== undefined) ctx.pageSizeCap = cap;
      if (writer) wrote = concurrentWrite(writer, ctx, route);
      return { outcome: { ...route.handle(ctx), headers }, ...(wrote !== undefined ? { wrote } : {}) };
    } catch (error) {
      const outcome = errorOutcome(error);
      return {
        outcome: { ...outcome, headers: { ...headers, ...outcome.headers } },
        ...(wrote !== undefined ? { wrote } : {}),
      };
    }
  }

  private authenticate(req: IncomingMessage): void {
    const auth = req.headers.authorization;
    if (!auth?.trim()) throw new HttpError(401, 'unauthorized', 'Invalid access token: missing Authorization header');
    if (this.options.token !== undefined && auth !== this.options.token) {
      throw new HttpError(401, 'unauthorized', 'Invalid access token');
    }
  }

  private async addLatency(entry: RequestLogEntry): Promise<void> {
    const latency = this.options.conditions.latencyMs;
    if (latency === undefined) return;
    const ms = typeof latency === 'number' ? latency : between(this.latency, latency.min, latency.max);
    if (ms <= 0) return;
    entry.latencyMs = ms;
    await this.options.sleep(ms);
  }
}

function routingError(match: { status: 404 | 405; allowed: string[] }, method: string, pathname: string): HttpError {
  if (match.status === 405) {
    return new HttpError(405, 'method_not_allowed', `Method ${method} not allowed`, {
      Allow: match.allowed.join(', '),
    });
  }
  return new HttpError(404, 'not_found', `Unknown resource ${pathname}`);
}
