/**
 * The one place ldexp talks HTTP to LaunchDarkly. Every outcome becomes a verified response or a
 * RemoteError; headers, timeouts, retries and pagination are decided here and nowhere else.
 */
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';

import {
  NetworkError,
  RemoteError,
  UnexpectedResponseError,
  UsageError,
  redact,
  type NetworkFailure,
} from '../errors.js';
import { silentReporter, type Reporter } from '../reporter.js';
import { checkBaseUrl } from './base-url.js';
import type { LdErrorBody } from './ld-types.js';
import { expectationFor, type Expectation } from './operations.js';
import { readAllPages } from './paginate.js';
import { queryString, type Query } from './query.js';
import {
  DEFAULT_RETRY,
  fitsBudget,
  isRetryable,
  retryDelayMs,
  type AttemptOutcome,
  type RetryOptions,
} from './retry.js';
import { describeExpectation, verifyAnswer } from './verify.js';
import { LDEXP_VERSION } from './version.js';

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
/** How much of an unexpected body an error shows. */
const BODY_EXCERPT_CHARS = 200;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the body as a semantic patch; LaunchDarkly reads it as a JSON patch otherwise. */
  semanticPatch?: boolean;
  /** `LD-API-Version: beta`, needed by beta resources such as metric groups. */
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
  getAllPages<T>(path: string, query?: Query, itemsKey?: string, options?: { beta?: boolean }): Promise<T[]>;
}

/** The client createClient returns: it owns its connections. */
export interface ClosableLdClient extends LdClient {
  /**
   * Abort what is still in flight, so a run that already failed need not wait for its other
   * requests to time out, and free the sockets. Later requests fail with code `Cancelled`.
   */
  close(): Promise<void>;
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
  /** Injected so tests never wait; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

type Attempt =
  | { kind: 'response'; status: number; headers: ResponseHeaders; text: string }
  | { kind: 'network'; failure: NetworkFailure; error: unknown };

/** Build the LaunchDarkly client; rejects non-https base URLs (loopback excepted) and unusable tokens. */
export function createClient(options: ClientOptions): ClosableLdClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  checkToken(options.token);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // undici sets the connect timeout per dispatcher, not per request, hence an agent of our own.
  const dispatcher =
    options.dispatcher ?? new Agent({ connect: { timeout: Math.min(MAX_CONNECT_TIMEOUT_MS, timeoutMs) } });
  const ownsDispatcher = dispatcher !== options.dispatcher;
  const closing = new AbortController();
  const settings: Settings = {
    baseUrl,
    token: options.token,
    userAgent: options.userAgent ?? `ldexp/${LDEXP_VERSION}`,
    dispatcher,
    reporter: options.reporter ?? silentReporter,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs,
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    closing: closing.signal,
  };
  const client: ClosableLdClient = {
    baseUrl,
    request: (method, path, requestOptions = {}) => send(settings, method, path, requestOptions),
    getAllPages: async <T>(path: string, query: Query = {}, itemsKey = 'items', pageOptions: { beta?: boolean } = {}) =>
      readAllPages<T>(
        async (pagePath, pageQuery) => {
          const options: RequestOptions = { query: pageQuery };
          if (pageOptions.beta) options.beta = true;
          return (await client.request<unknown>('GET', pagePath, options)).body;
        },
        baseUrl,
        path,
        query,
        itemsKey,
      ),
    close: async () => {
      if (closing.signal.aborted) return;
      closing.abort();
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
  return client;
}

type Settings = Required<Omit<ClientOptions, 'dispatcher'>> & { dispatcher: Dispatcher; closing: AbortSignal };

async function send<T>(s: Settings, method: HttpMethod, path: string, options: RequestOptions): Promise<LdResponse<T>> {
  if (!path.startsWith('/')) throw new UsageError(`API paths start with "/": ${path}`);
  const target = path + queryString(options.query);
  const shownTarget = redact(target, s.token);
  const expected = expectationFor(method, path);
  const started = s.now();
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(s, method, target, options);
    const status = result.kind === 'response' ? result.status : 0;
    s.reporter.report({ type: 'request', method, path: shownTarget, status });
    if (result.kind === 'response' && result.status < 400) return accepted<T>(s, result, method, shownTarget, expected);
    const outcome = retryOutcome(result);
    if (attempt <= s.retry.maxRetries && isRetryable(method, outcome)) {
      const delayMs = retryDelayMs(attempt, outcome, s.retry, s.now(), s.random());
      if (fitsBudget(s.now() - started, delayMs, s.timeoutMs)) {
        const failure = failureText(result, s.token);
        const attempts = s.retry.maxRetries + 1;
        s.reporter.report({
          type: 'retry',
          method,
          path: shownTarget,
          failure,
          delayMs,
          attempt: attempt + 1,
          attempts,
        });
        await s.sleep(delayMs);
        continue;
      }
    }
    throw toRemoteError(s, result, method, shownTarget, expected);
  }
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
function accepted<T>(
  s: Settings,
  attempt: Attempt & { kind: 'response' },
  method: string,
  shownTarget: string,
  expected: Expectation,
): LdResponse<T> {
  const verdict = verifyAnswer(
    {
      status: attempt.status,
      contentType: firstHeader(attempt.headers, 'content-type'),
      location: firstHeader(attempt.headers, 'location'),
      text: attempt.text,
    },
    expected,
  );
  if (!verdict.ok) throw unexpected(s, attempt, method, shownTarget, verdict.problem, expected);
  return { status: attempt.status, body: verdict.body as T, headers: attempt.headers };
}

function retryOutcome(attempt: Attempt): AttemptOutcome {
  if (attempt.kind === 'network') return { kind: 'network', failure: attempt.failure };
  return { kind: 'response', status: attempt.status, ldCode: ldError(attempt.text).code, headers: attempt.headers };
}

/** For the retry line: `503`, `429 rate_limited`, `network error (ECONNRESET)`. */
function failureText(attempt: Attempt, token: string): string {
  if (attempt.kind === 'response') {
    const { code } = ldError(attempt.text);
    return redact(`${String(attempt.status)}${code ? ` ${code}` : ''}`, token);
  }
  const cause = sanitizedCause(attempt.error, token);
  return `network error (${cause.code ?? cause.message})`;
}

function toRemoteError(
  s: Settings,
  attempt: Attempt,
  method: string,
  shownTarget: string,
  expected: Expectation,
): RemoteError {
  if (attempt.kind === 'network') return networkError(s, attempt, method, shownTarget);
  const { code, message } = ldError(attempt.text);
  if (code === undefined && message === undefined) {
    return unexpected(s, attempt, method, shownTarget, "an error that is not LaunchDarkly's JSON error", expected);
  }
  const shownCode = code === undefined ? undefined : redact(code, s.token);
  const shownMessage = message === undefined ? undefined : redact(message, s.token);
  return new RemoteError(attempt.status, method, shownTarget, shownCode, shownMessage);
}

function unexpected(
  s: Settings,
  attempt: Attempt & { kind: 'response' },
  method: string,
  shownTarget: string,
  problem: string,
  expected: Expectation,
): UnexpectedResponseError {
  const contentType = firstHeader(attempt.headers, 'content-type');
  const location = firstHeader(attempt.headers, 'location');
  // Redact before cutting, so that no prefix of the token survives at the cut.
  const bodyStart = redact(attempt.text, s.token).trim().slice(0, BODY_EXCERPT_CHARS);
  return new UnexpectedResponseError(method, shownTarget, redact(problem, s.token), describeExpectation(expected), {
    status: attempt.status,
    contentType: contentType === undefined ? undefined : redact(contentType, s.token),
    bodyStart,
    ...(location === undefined ? {} : { location: redact(location, s.token) }),
  });
}

function networkError(
  s: Settings,
  attempt: Attempt & { kind: 'network' },
  method: string,
  shownTarget: string,
): NetworkError {
  const cause = sanitizedCause(attempt.error, s.token);
  const url = s.baseUrl + shownTarget;
  return new NetworkError(method, shownTarget, url, attempt.failure, networkDetail(s, attempt.failure, cause), {
    cause,
  });
}

function networkDetail(s: Settings, failure: NetworkFailure, cause: CleanCause): string {
  const origin = new URL(s.baseUrl).origin;
  switch (failure) {
    case 'refused':
      return `connection refused: nothing accepts connections at ${origin}; check the API URL`;
    case 'unresolved':
      return `host not found (${cause.code ?? cause.message}); check the API URL`;
    case 'connect-timeout':
      return `could not connect to ${origin} within ${seconds(Math.min(MAX_CONNECT_TIMEOUT_MS, s.timeoutMs))}`;
    case 'timeout':
      return `no complete answer within ${seconds(s.timeoutMs)} (the request timeout)`;
    case 'cancelled':
      return 'cancelled: the run stopped before this request finished';
    case 'other':
      return `network error: ${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ''}`;
  }
}

/** Which kind of network failure undici (or Node underneath) reported. */
function networkFailure(error: unknown): NetworkFailure {
  const { code } = innermost(error) as { code?: unknown };
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND') return 'unresolved';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  return 'other';
}

/** LaunchDarkly's `{code, message}`, when the body is that. */
function ldError(text: string): { code: string | undefined; message: string | undefined } {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { code: undefined, message: undefined };
  }
  if (typeof body !== 'object' || body === null) return { code: undefined, message: undefined };
  const { code, message } = body as Partial<LdErrorBody>;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

function firstHeader(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

type CleanCause = Error & { code?: string };

/**
 * fetch-style callers wrap the real failure in `TypeError('fetch failed')` with it as `cause`
 * (undici lib/web/fetch/index.js); take the innermost one.
 */
function innermost(error: unknown): unknown {
  let inner = error;
  while (inner instanceof TypeError && inner.cause !== undefined) inner = inner.cause;
  return inner;
}

/**
 * A copy of the innermost failure with name, message and code only, the token redacted, so no
 * chain of causes can carry the token into a log.
 */
function sanitizedCause(error: unknown, token: string): CleanCause {
  const inner = innermost(error);
  const source = inner instanceof Error ? inner : new Error(String(inner));
  const clean: CleanCause = new Error(redact(source.message, token));
  clean.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') clean.code = redact(code, token);
  return clean;
}

function checkToken(token: string): void {
  if (token === '') throw new UsageError('A LaunchDarkly API token is required (LD_API_TOKEN)');
  // eslint-disable-next-line no-control-regex -- a header value with control characters would be rejected or split
  if (/[\u0000-\u001f\u007f]/.test(token)) {
    throw new UsageError('The LaunchDarkly API token contains control characters (a stray newline?)');
  }
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
