/** The log of every exchange, and the per-route counters derived from it. */
import type { FaultKind } from './conditions/types.js';

/** A fault the conditions injected into one exchange. */
export interface InjectedFault {
  /** Index of the rule in `conditions.faults`. */
  rule: number;
  kind: FaultKind;
  /** What was done, e.g. `503`, `flag-version: new-checkout → version 4, production 13`. */
  detail: string;
}

/** One request/response exchange, in the order requests were processed. */
export interface RequestLogEntry {
  method: string;
  /** Path with query string. */
  path: string;
  /** The OpenAPI path template of the matched operation, if any. */
  route?: string;
  /** Response status; 0 when the connection was reset before anything was processed. */
  status: number;
  /** Parsed JSON request body (raw text when it was not JSON). */
  body?: unknown;
  contentType?: string;
  /** The `LD-API-Version` the emulator honoured. */
  apiVersion?: string;
  /** The response body (for `reset-after-commit`, the one that was never delivered). */
  responseBody?: unknown;
  /** Latency added by the `latencyMs` condition. */
  latencyMs?: number;
  /** Which window refused the request (`rateLimit` conditions). */
  rateLimited?: 'route' | 'global';
  fault?: InjectedFault;
}

export interface RouteStats {
  requests: number;
  /** Delivered responses by status. */
  statuses: Record<string, number>;
  rateLimited: number;
  faults: number;
}

export interface EmulatorStats {
  requests: number;
  /** 429s sent by the rate limiter (not injected ones). */
  rateLimited: number;
  faults: Partial<Record<FaultKind, number>>;
  /** Keyed `METHOD template` (`METHOD path` for requests that matched no operation). */
  routes: Record<string, RouteStats>;
}

const UNDELIVERED: readonly (FaultKind | undefined)[] = ['reset-before', 'reset-after-commit'];

/** Counters per route, rate-limited requests and faults, from the request log. */
export function requestStats(entries: readonly RequestLogEntry[]): EmulatorStats {
  const stats: EmulatorStats = { requests: entries.length, rateLimited: 0, faults: {}, routes: {} };
  for (const entry of entries) {
    const key = `${entry.method} ${entry.route ?? entry.path.split('?')[0] ?? ''}`;
    const route = (stats.routes[key] ??= { requests: 0, statuses: {}, rateLimited: 0, faults: 0 });
    route.requests += 1;
    if (!UNDELIVERED.includes(entry.fault?.kind)) {
      route.statuses[entry.status] = (route.statuses[entry.status] ?? 0) + 1;
    }
    if (entry.rateLimited) {
      route.rateLimited += 1;
      stats.rateLimited += 1;
    }
    if (entry.fault) {
      route.faults += 1;
      stats.faults[entry.fault.kind] = (stats.faults[entry.fault.kind] ?? 0) + 1;
    }
  }
  return stats;
}
