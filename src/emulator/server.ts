/**
 * The HTTP front of the emulator: loopback only, LaunchDarkly-style authentication, rate-limit
 * headers, content-type rules, JSON errors and a log of every exchange.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from './http-error.js';
import type { Json } from './json.js';
import { matchRoute, type Route } from './router.js';
import { ROUTES } from './routes.js';
import { apiVersion, parseForLog, readBody, readText } from './request.js';
import { buildStore } from './seed-build.js';
import type { EmulatorSeed } from './seed-types.js';
import type { EmulatorStore } from './store.js';

export interface EmulatorOptions {
  seed: EmulatorSeed;
  /** Default 0: any free port. */
  port?: number;
  /** When set, only this exact `Authorization` value is accepted; otherwise any non-empty one. */
  token?: string;
  /** Force `429 rate_limited` on every Nth authenticated request (for retry tests). */
  rateLimit?: { failEvery?: number; retryAfterSeconds?: number };
  /** Clock for timestamps and rate-limit windows; default `Date.now`. */
  now?: () => number;
  /**
   * For tests of interrupted applies: answer every write (any method but GET) this many
   * milliseconds late. The change is made and logged at once; only the response waits.
   */
  writeLatencyMs?: number;
}

/** One request/response exchange, in arrival order. */
export interface RequestLogEntry {
  method: string;
  /** Path with query string. */
  path: string;
  /** The OpenAPI path template of the matched operation, if any. */
  route?: string;
  status: number;
  /** Parsed JSON request body (raw text when it was not JSON). */
  body?: unknown;
  contentType?: string;
  /** The `LD-API-Version` the emulator honoured. */
  apiVersion?: string;
  responseBody?: unknown;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: RequestLogEntry[];
  store: EmulatorStore;
  close(): Promise<void>;
}

interface Outcome {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

/**
 * LaunchDarkly's ten-second rate-limit window. Choice: the numbers (100 per route, 500 overall)
 * are made up, since LaunchDarkly does not publish them; only the headers are emulated.
 */
const WINDOW_MS = 10_000;
const ROUTE_LIMIT = 100;
const GLOBAL_LIMIT = 500;

class Exchange {
  private authenticated = 0;
  private window = -1;
  private readonly routeCounts = new Map<string, number>();
  private globalCount = 0;

  constructor(
    private readonly options: EmulatorOptions,
    private readonly store: EmulatorStore,
  ) {}

  handle(req: IncomingMessage, text: string, entry: RequestLogEntry): Outcome {
    const auth = req.headers.authorization;
    if (!auth?.trim()) throw new HttpError(401, 'unauthorized', 'Invalid access token: missing Authorization header');
    if (this.options.token !== undefined && auth !== this.options.token) {
      throw new HttpError(401, 'unauthorized', 'Invalid access token');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const match = matchRoute(ROUTES, method, url.pathname);
    const limitHeaders = this.countRate(`${method} ${'route' in match ? match.route.template : url.pathname}`);
    this.authenticated += 1;
    const failEvery = this.options.rateLimit?.failEvery;
    if (failEvery && this.authenticated % failEvery === 0) {
      const retryAfter = String(this.options.rateLimit?.retryAfterSeconds ?? 1);
      throw new HttpError(429, 'rate_limited', "You've exceeded the API rate limit. Try again later.", {
        ...limitHeaders,
        'X-Ratelimit-Route-Remaining': '0',
        'Retry-After': retryAfter,
      });
    }
    if (!('route' in match)) {
      if (match.status === 405) {
        throw new HttpError(405, 'method_not_allowed', `Method ${method} not allowed`, {
          Allow: match.allowed.join(', '),
        });
      }
      throw new HttpError(404, 'not_found', `Unknown resource ${url.pathname}`);
    }
    entry.route = match.route.template;
    return { ...this.run(match.route, match.params, url, req, text), headers: limitHeaders };
  }

  private run(route: Route, params: Record<string, string>, url: URL, req: IncomingMessage, text: string) {
    if (route.beta && apiVersion(req.headers['ld-api-version']) !== 'beta') {
      throw new HttpError(403, 'forbidden', 'This beta resource requires the header LD-API-Version: beta');
    }
    const body = readBody(route.body, req.headers['content-type'], text);
    return route.handle({ store: this.store, params, query: url.searchParams, body, headers: req.headers });
  }

  /** Route and global counters per ten-second window, for the `X-Ratelimit-*` headers. */
  private countRate(routeKey: string): Record<string, string> {
    const now = this.store.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.routeCounts.clear();
      this.globalCount = 0;
    }
    const count = (this.routeCounts.get(routeKey) ?? 0) + 1;
    this.routeCounts.set(routeKey, count);
    this.globalCount += 1;
    return {
      'X-Ratelimit-Route-Remaining': String(Math.max(0, ROUTE_LIMIT - count)),
      'X-Ratelimit-Global-Remaining': String(Math.max(0, GLOBAL_LIMIT - this.globalCount)),
      'X-Ratelimit-Reset': String((window + 1) * WINDOW_MS),
    };
  }
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof HttpError) {
    return { status: error.status, body: { code: error.code, message: error.message }, headers: { ...error.headers } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { code: 'internal_error', message }, headers: {} };
}

async function respond(
  exchange: Exchange,
  requests: RequestLogEntry[],
  req: IncomingMessage,
  res: ServerResponse,
  writeLatencyMs: number,
) {
  const text = await readText(req);
  const entry: RequestLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
  const body = parseForLog(text);
  if (body !== undefined) entry.body = body;
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) entry.contentType = contentType;
  const version = apiVersion(req.headers['ld-api-version']);
  if (version !== undefined) entry.apiVersion = version;
  let outcome: Outcome;
  try {
    outcome = exchange.handle(req, text, entry);
  } catch (error) {
    outcome = errorOutcome(error);
  }
  entry.status = outcome.status;
  entry.responseBody = outcome.body;
  requests.push(entry);
  if (writeLatencyMs > 0 && entry.method !== 'GET') {
    await new Promise((resolve) => setTimeout(resolve, writeLatencyMs));
    // The client gave up (or the emulator closed) meanwhile: nobody is left to answer.
    if (res.destroyed) return;
  }
  const payload = JSON.stringify(outcome.body);
  res.writeHead(outcome.status, {
    ...outcome.headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

/** Start the emulator on 127.0.0.1 with a fresh store built from the seed. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = buildStore(options.seed, options.now ?? Date.now);
  const requests: RequestLogEntry[] = [];
  const exchange = new Exchange(options, store);
  const server = createServer((req, res) => {
    respond(exchange, requests, req, res, options.writeLatencyMs ?? 0).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
