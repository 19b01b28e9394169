/**
 * The one place ldexp talks HTTP to LaunchDarkly. Every outcome becomes a verified response or a
 * RemoteError; headers, timeouts, retries and pagination are decided here and nowhere else.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request as undiciRequest, type Dispatcher } from './undici.js';

import { UsageError, redact } from '../errors.js';
import { silentReporter, type Reporter } from '../reporter.js';
import { checkBaseUrl } from './base-url.js';
import {
  failedAttemptError,
  failureText,
  firstHeader,
  ldError,
  networkFailure,
  unexpectedAnswer,
  type Answered,
  type Attempt,
  type RequestShown,
  type ResponseHeaders,
} from './failures.js';
import { DEFAULT_READ_CONCURRENCY, ROOM_TO_WIDEN_READS, WIDE_READ_CONCURRENCY } from './defaults.js';
import { expectationFor, operationFor } from './operations.js';
import { readAllPages } from './paginate.js';
import { queryString, type Query } from './query.js';
import { RateBudget } from './rate-budget.js';
import {
  DEFAULT_RETRY,
  fitsBudget,
  isRetryable,
  retryDelayMs,
  type AttemptOutcome,
  type RetryOptions,
} from './retry.js';
import { verifyAnswer } from './verify.js';
import { LDEXP_VERSION } from './version.js';

export { DEFAULT_READ_CONCURRENCY } from './defaults.js';
export type { ResponseHeaders } from './failures.js';
export type { Query, QueryValue } from './query.js';
export type { RetryOptions } from './retry.js';

/** The dated API version ldexp is written against. */
export const LD_API_VERSION = '20240415';
export const SEMANTIC_PATCH_CONTENT_TYPE = 'application/json; domain-model=launchdarkly.semanticpatch';
/** The longest one attempt may take by default: a stalled server is reported within a minute. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Connecting takes milliseconds when the server is up; an address that swallows packets is reported sooner. */
const MAX_CONNECT_TIMEOUT_MS = 10_000;
/** Node fires longer timers at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/** Spread requests held for the same window end, so they do not all arrive in its first millisecond. */
const HOLD_JITTER_MS = 50;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the body as a semantic patch; LaunchDarkly reads it as a JSON patch otherwise. */
  semanticPatch?: boolean;
  /**
   * `LD-API-Version: beta`, needed by beta resources such as metric groups. Operations the table
   * marks beta (operations.ts) get it without asking.
   */
  beta?: boolean;
}

export interface LdResponse<T> {
  status: number;
  body: T;
  headers: ResponseHeaders;
}

/** What the rest of ldexp sees of LaunchDarkly. */
export interface LdClient {
  readonly baseUrl: string;
  /**
   * One request (retried where safe). Only the documented status with a body of the documented
   * shape is returned (operations.ts); anything else, and every network failure, throws RemoteError.
   */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<LdResponse<T>>;
  /** Every item of a paginated collection. */
  getAllPages<T>(path: string, options?: PageOptions): Promise<T[]>;
}

export interface PageOptions {
  /** Parameters of the first page (`limit`, `expand`…); kept on every later page. */
  query?: Query;
  /** The array of items in each page's body (default `items`). */
  itemsKey?: string;
  /** Send `LD-API-Version: beta` even where the operation table does not say so. */
  beta?: boolean;
}

/** The client createClient returns: it owns its connections. */
export interface ClosableLdClient extends LdClient {
  /**
   * Abort what is still in flight, so a run that already failed need not wait for its other
   * requests to time out, and free the sockets. Later requests fail with code `Cancelled`.
   */
  close(): Promise<void>;
  /** Wall-clock milliseconds requests have waited for LaunchDarkly's rate limit so far. */
  rateLimitWaitMs(): number;
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  userAgent?: string;
  /** Injected transport, for tests; its connect timeout is its own. */
  dispatcher?: Dispatcher;
  reporter?: Reporter;
  retry?: RetryOptions;
  /** The longest one attempt may take: connecting (at most 10 s of it), sending, the whole answer. */
  timeoutMs?: number;
  /** GET requests in flight at once (default 10); writes are bounded by their caller. */
  readConcurrency?: number;
  /** Injected so tests never wait; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** Build the LaunchDarkly client; rejects non-https base URLs (loopback excepted) and unusable tokens. */
export function createClient(options: ClientOptions): ClosableLdClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  checkToken(options.token);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const connectTimeoutMs = Math.min(MAX_CONNECT_TIMEOUT_MS, timeoutMs);
  // undici sets the connect timeout per dispatcher, not per request, hence an agent of our own.
  const dispatcher = options.dispatcher ?? new Agent({ connect: { timeout: connectTimeoutMs } });
  const ownsDispatcher = dispatcher !== options.dispatcher;
  const closing = new AbortController();
  const now = options.now ?? Date.now;
  const readConcurrency = checkConcurrency(options.readConcurrency ?? DEFAULT_READ_CONCURRENCY);
  const settings: Settings = {
    baseUrl,
    token: options.token,
    userAgent: options.userAgent ?? `ldexp/${LDEXP_VERSION}`,
    dispatcher,
    reporter: options.reporter ?? silentReporter,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs,
    connectTimeoutMs,
    sleep: options.sleep ?? defaultSleep,
    now,
    random: options.random ?? Math.random,
    closing: closing.signal,
    readConcurrency,
    reads: pLimit(readConcurrency),
    adaptiveReads: options.readConcurrency === undefined,
    budget: new RateBudget(now),
  };
  const client: ClosableLdClient = {
    baseUrl,
    request: (method, path, requestOptions = {}) => send(settings, method, path, requestOptions),
    getAllPages: async <T>(path: string, pageOptions: PageOptions = {}) =>
      readAllPages<T>(
        async (pagePath, pageQuery) => {
          const options: RequestOptions = { query: pageQuery };
          if (pageOptions.beta) options.beta = true;
          return (await client.request<unknown>('GET', pagePath, options)).body;
        },
        { baseUrl, path, query: pageOptions.query ?? {}, itemsKey: pageOptions.itemsKey ?? 'items' },
      ),
    rateLimitWaitMs: () => settings.budget.waited,
    close: async () => {
      if (closing.signal.aborted) return;
      closing.abort();
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
  return client;
}

type Settings = Required<Omit<ClientOptions, 'dispatcher'>> & {
  dispatcher: Dispatcher;
  connectTimeoutMs: number;
  closing: AbortSignal;
  reads: LimitFunction;
  /** Reads widen and narrow with the rate-limit headers: no `readConcurrency` was given. */
  adaptiveReads: boolean;
  budget: RateBudget;
};

async function send<T>(s: Settings, method: HttpMethod, path: string, options: RequestOptions): Promise<LdResponse<T>> {
  if (!path.startsWith('/')) throw new UsageError(`API paths start with "/": ${path}`);
  const target = path + queryString(options.query);
  const shown: RequestShown = {
    method,
    target: redact(target, s.token),
    baseUrl: s.baseUrl,
    token: s.token,
    timeoutMs: s.timeoutMs,
    connectTimeoutMs: s.connectTimeoutMs,
    expected: expectationFor(method, path),
  };
  // Time spent sending and backing off, not queued behind the read concurrency or a rate-limit
  // hold: a request waiting its turn has not started to use its retry budget.
  let spentMs = 0;
  const operation = operationFor(method, path);
  // LaunchDarkly's route is the method and the URL pattern; unknown paths count on their own.
  const route = `${method} ${operation?.template ?? path}`;
  const sent: RequestOptions = operation?.beta ? { ...options, beta: true } : options;
  let wasLimited = false;
  for (let attempt = 1; ; attempt++) {
    // A retry after a 429 has already waited for the window it was refused by.
    const { result, durationMs } = await pacedAttempt(s, { route, hold: !wasLimited }, method, target, sent);
    spentMs += durationMs;
    const status = result.kind === 'response' ? result.status : 0;
    s.reporter.report({ type: 'request', method, path: shown.target, status });
    if (result.kind === 'response' && result.status < 400) return accepted<T>(result, shown);
    const delayMs = retryDelay(s, method, result, attempt, spentMs);
    if (delayMs === undefined) throw failedAttemptError(result, shown);
    const limited = result.kind === 'response' && result.status === 429;
    wasLimited = limited;
    // Every request to this route (and the rest, for the global window) waits with this one.
    if (limited) s.budget.exhaust(route, s.now() + delayMs);
    s.reporter.report({
      type: 'retry',
      method,
      path: shown.target,
      failure: failureText(result, s.token),
      delayMs,
      attempt: attempt + 1,
      attempts: s.retry.maxRetries + 1,
    });
    if (limited) s.budget.startWaiting();
    try {
      await s.sleep(delayMs);
    } finally {
      if (limited) s.budget.stopWaiting();
    }
    spentMs += delayMs;
  }
}

/**
 * One attempt within the read concurrency (GETs) and the rate budget: held until the window it
 * needs has room, counted in flight while sent, and its answer's headers update the budget.
 */
async function pacedAttempt(
  s: Settings,
  pacing: { route: string; hold: boolean },
  method: HttpMethod,
  target: string,
  options: RequestOptions,
): Promise<{ result: Attempt; durationMs: number }> {
  const { route } = pacing;
  const paced = async (): Promise<{ result: Attempt; durationMs: number }> => {
    if (pacing.hold) await holdForBudget(s, route);
    s.budget.take(route);
    let result: Attempt | undefined;
    const sentAt = s.now();
    try {
      result = await attemptOnce(s, method, target, options);
      return { result, durationMs: s.now() - sentAt };
    } finally {
      s.budget.settle(route, result?.kind === 'response' ? result.headers : undefined);
      if (s.adaptiveReads) adaptReadConcurrency(s);
    }
  };
  return method === 'GET' ? s.reads(paced) : paced();
}

/**
 * The default read concurrency, widened while the account's window has ample room: page fetches
 * and detail reads then take fewer round trips. The budget still holds any request the window
 * has no room for, so widening never costs a 429.
 */
function adaptReadConcurrency(s: Settings): void {
  const room = s.budget.globalRoom();
  const wanted = room !== undefined && room >= ROOM_TO_WIDEN_READS ? WIDE_READ_CONCURRENCY : DEFAULT_READ_CONCURRENCY;
  if (s.reads.concurrency !== wanted) s.reads.concurrency = wanted;
}

async function holdForBudget(s: Settings, route: string): Promise<void> {
  for (;;) {
    // A reset further away than the longest retry delay is not believed: the server will say 429 if it meant it.
    const holdMs = s.budget.holdMs(route, s.retry.maxDelayMs);
    if (holdMs === 0) return;
    const until = s.now() + holdMs;
    s.budget.startWaiting();
    try {
      await s.sleep(holdMs + Math.floor(s.random() * HOLD_JITTER_MS));
    } finally {
      s.budget.stopWaiting();
    }
    // A clock that did not move (an injected one) would hold forever: the window is over by now.
    if (s.now() < until) return;
  }
}

/** How long to wait before sending attempt `number + 1`, or undefined when this failure is final. */
function retryDelay(s: Settings, method: string, result: Attempt, number: number, spentMs: number): number | undefined {
  const outcome = retryOutcome(result);
  if (number > s.retry.maxRetries || !isRetryable(method, outcome)) return undefined;
  const delayMs = retryDelayMs(number, outcome, s.retry, s.now(), s.random());
  return fitsBudget(spentMs, delayMs, s.timeoutMs) ? delayMs : undefined;
}

async function attemptOnce(s: Settings, method: HttpMethod, target: string, options: RequestOptions): Promise<Attempt> {
  const headers: Record<string, string> = {
    authorization: s.token,
    // Exactly one version header: LaunchDarkly honours the first of several, so beta must replace it.
    'ld-api-version': options.beta ? 'beta' : LD_API_VERSION,
    'user-agent': s.userAgent,
    accept: 'application/json',
  };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['content-type'] = options.semanticPatch ? SEMANTIC_PATCH_CONTENT_TYPE : 'application/json';
  // One deadline for the whole attempt: undici's own header and body timeouts restart on every chunk.
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort();
  }, s.timeoutMs);
  try {
    // undici.request never follows redirects (that is an opt-in interceptor): a 3xx comes back as is.
    const response = await undiciRequest(s.baseUrl + target, {
      method,
      headers,
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      dispatcher: s.dispatcher,
      signal: AbortSignal.any([s.closing, deadline.signal]),
    });
    const text = await response.body.text();
    return { kind: 'response', status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    const failure = s.closing.aborted ? 'cancelled' : deadline.signal.aborted ? 'timeout' : networkFailure(error);
    return { kind: 'network', failure, error };
  } finally {
    clearTimeout(timer);
  }
}

/** A documented answer, parsed; anything else throws UnexpectedResponseError. */
function accepted<T>(attempt: Answered, shown: RequestShown): LdResponse<T> {
  const verdict = verifyAnswer(
    {
      status: attempt.status,
      contentType: firstHeader(attempt.headers, 'content-type'),
      location: firstHeader(attempt.headers, 'location'),
      text: attempt.text,
    },
    shown.expected,
  );
  if (!verdict.ok) throw unexpectedAnswer(attempt, verdict.problem, shown);
  return { status: attempt.status, body: verdict.body as T, headers: attempt.headers };
}

function retryOutcome(attempt: Attempt): AttemptOutcome {
  if (attempt.kind === 'network') return { kind: 'network', failure: attempt.failure };
  return { kind: 'response', status: attempt.status, ldCode: ldError(attempt.text).code, headers: attempt.headers };
}

function checkToken(token: string): void {
  if (token === '') throw new UsageError('A LaunchDarkly API token is required (LD_API_TOKEN)');
  // eslint-disable-next-line no-control-regex -- a header value with control characters would be rejected or split
  if (/[\u0000-\u001f\u007f]/.test(token)) {
    throw new UsageError('The LaunchDarkly API token contains control characters (a stray newline?)');
  }
}

function checkConcurrency(count: number): number {
  if (!Number.isInteger(count) || count < 1) {
    throw new UsageError(`The read concurrency must be a positive integer, got ${String(count)}`);
  }
  return count;
}

function checkTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new UsageError(`The request timeout must be a positive number of milliseconds, got ${String(ms)}`);
  }
  return ms;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
