/**
 * What went wrong with one attempt, as the typed error the user sees: LaunchDarkly's own error,
 * an answer that is not the documented one, or no answer at all. Every text that came from the
 * server or the network has the token redacted here, before it can reach a message.
 */
import { NetworkError, RemoteError, UnexpectedResponseError, redact, type NetworkFailure } from '../errors.js';
import type { LdErrorBody } from './ld-types.js';
import type { Expectation } from './operations.js';
import { describeExpectation } from './verify.js';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One attempt's outcome: an answer of any status, or the reason there was none. */
export type Attempt =
  | { kind: 'response'; status: number; headers: ResponseHeaders; text: string }
  | { kind: 'network'; failure: NetworkFailure; error: unknown };

export type Answered = Attempt & { kind: 'response' };

/** The request an attempt belonged to, as far as an error may show it. */
export interface RequestShown {
  method: string;
  /** Path and query, token redacted. */
  target: string;
  baseUrl: string;
  token: string;
  timeoutMs: number;
  connectTimeoutMs: number;
  expected: Expectation;
}

/** How much of an unexpected body an error shows. */
const BODY_EXCERPT_CHARS = 200;

/** The error for an attempt that was not accepted: a status ≥ 400, or no answer. */
export function failedAttemptError(attempt: Attempt, shown: RequestShown): RemoteError {
  if (attempt.kind === 'network') return networkError(attempt, shown);
  const { code, message } = ldError(attempt.text);
  if (code === undefined && message === undefined) {
    return unexpectedAnswer(attempt, "an error that is not LaunchDarkly's JSON error", shown);
  }
  const shownCode = code === undefined ? undefined : redact(code, shown.token);
  const shownMessage = message === undefined ? undefined : redact(message, shown.token);
  return new RemoteError(attempt.status, shown.method, shown.target, shownCode, shownMessage);
}

/** An answer that is not the documented one (`problem` says how). */
export function unexpectedAnswer(attempt: Answered, problem: string, shown: RequestShown): UnexpectedResponseError {
  const contentType = firstHeader(attempt.headers, 'content-type');
  const location = firstHeader(attempt.headers, 'location');
  // Redact before cutting, so that no prefix of the token survives at the cut.
  const bodyStart = redact(attempt.text, shown.token).trim().slice(0, BODY_EXCERPT_CHARS);
  return new UnexpectedResponseError(
    shown.method,
    shown.target,
    redact(problem, shown.token),
    describeExpectation(shown.expected),
    {
      status: attempt.status,
      contentType: contentType === undefined ? undefined : redact(contentType, shown.token),
      bodyStart,
      ...(location === undefined ? {} : { location: redact(location, shown.token) }),
    },
  );
}

/** For the retry line: `503`, `429 rate_limited`, `network error (ECONNRESET)`. */
export function failureText(attempt: Attempt, token: string): string {
  if (attempt.kind === 'response') {
    const { code } = ldError(attempt.text);
    return redact(`${String(attempt.status)}${code ? ` ${code}` : ''}`, token);
  }
  const cause = sanitizedCause(attempt.error, token);
  return `network error (${cause.code ?? cause.message})`;
}

/** Which kind of network failure undici (or Node underneath) reported. */
export function networkFailure(error: unknown): NetworkFailure {
  const { code } = innermost(error) as { code?: unknown };
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND') return 'unresolved';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  return 'other';
}

/** LaunchDarkly's `{code, message}`, when the body is that. */
export function ldError(text: string): { code: string | undefined; message: string | undefined } {
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

export function firstHeader(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function networkError(attempt: Attempt & { kind: 'network' }, shown: RequestShown): NetworkError {
  const cause = sanitizedCause(attempt.error, shown.token);
  const url = shown.baseUrl + shown.target;
  const detail = networkDetail(attempt.failure, cause, shown);
  return new NetworkError(shown.method, shown.target, url, attempt.failure, detail, { cause });
}

function networkDetail(failure: NetworkFailure, cause: CleanCause, shown: RequestShown): string {
  const origin = new URL(shown.baseUrl).origin;
  switch (failure) {
    case 'refused':
      return `connection refused: nothing accepts connections at ${origin}; check the API URL`;
    case 'unresolved':
      return `host not found (${cause.code ?? cause.message}); check the API URL`;
    case 'connect-timeout':
      return `could not connect to ${origin} within ${seconds(shown.connectTimeoutMs)}`;
    case 'timeout':
      return `no complete answer within ${seconds(shown.timeoutMs)} (the request timeout)`;
    case 'cancelled':
      return 'cancelled: the run stopped before this request finished';
    case 'other':
      return `network error: ${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ''}`;
  }
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
