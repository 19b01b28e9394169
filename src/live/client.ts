/**
 * The one place ldexp talks HTTP to LaunchDarkly. Every outcome becomes a parsed response or a
 * RemoteError; headers, retries and pagination are decided here and nowhere else.
 */
import { request as undiciRequest, type Dispatcher } from 'undici';

import { RemoteError, UsageError, redact } from '../errors.js';
import { silentReporter, type Reporter } from '../reporter.js';
import { checkBaseUrl } from './base-url.js';
import type { LdErrorBody } from './ld-types.js';
import { readAllPages } from './paginate.js';
import { queryString, type Query } from './query.js';
import { DEFAULT_RETRY, isRetryable, retryDelayMs, type AttemptOutcome, type RetryOptions } from './retry.js';
import { LDEXP_VERSION } from './version.js';

export type { Query, QueryValue } from './query.js';
export type { RetryOptions } from './retry.js';

/** The dated API version ldexp is written against. */
export const LD_API_VERSION = '20240415';
export const SEMANTIC_PATCH_CONTENT_TYPE = 'application/json; domain-model=launchdarkly.semanticpatch';

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
  /** One request (retried where safe); status ≥ 400 and network failures throw RemoteError. */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<LdResponse<T>>;
  /** Every item of a paginated collection. */
  getAllPages<T>(path: string, query?: Query, itemsKey?: string, options?: { beta?: boolean }): Promise<T[]>;
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  userAgent?: string;
  dispatcher?: Dispatcher;
  reporter?: Reporter;
  retry?: RetryOptions;
  /** Injected so tests never wait; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

type Attempt =
  { kind: 'response'; status: number; headers: ResponseHeaders; text: string } | { kind: 'network'; error: unknown };

/** Build the LaunchDarkly client; rejects non-https base URLs (loopback excepted) and unusable tokens. */
export function createClient(options: ClientOptions): LdClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  checkToken(options.token);
  const settings = {
    baseUrl,
    token: options.token,
    userAgent: options.userAgent ?? `ldexp/${LDEXP_VERSION}`,
    dispatcher: options.dispatcher,
    reporter: options.reporter ?? silentReporter,
    retry: options.retry ?? DEFAULT_RETRY,
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
  const client: LdClient = {
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
  };
  return client;
}

type Settings = Required<Omit<ClientOptions, 'dispatcher'>> & { dispatcher: Dispatcher | undefined };

async function send<T>(s: Settings, method: HttpMethod, path: string, options: RequestOptions): Promise<LdResponse<T>> {
  if (!path.startsWith('/')) throw new UsageError(`API paths start with "/": ${path}`);
  const target = path + queryString(options.query);
  const shownTarget = redact(target, s.token);
  for (let retry = 0; ; retry++) {
    const attempt = await attemptOnce(s, method, target, options);
    const status = attempt.kind === 'response' ? attempt.status : 0;
    s.reporter.report({ type: 'request', method, path: shownTarget, status });
    if (attempt.kind === 'response' && attempt.status < 400) {
      return { status: attempt.status, body: parseBody(attempt.text) as T, headers: attempt.headers };
    }
    const outcome = retryOutcome(attempt);
    if (retry < s.retry.maxRetries && isRetryable(method, outcome)) {
      await s.sleep(retryDelayMs(retry + 1, outcome, s.retry, s.now(), s.random()));
      continue;
    }
    throw toRemoteError(attempt, method, shownTarget, s.token);
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
  try {
    const response = await undiciRequest(s.baseUrl + target, {
      method,
      headers,
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      ...(s.dispatcher ? { dispatcher: s.dispatcher } : {}),
    });
    const text = await response.body.text();
    return { kind: 'response', status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    return { kind: 'network', error };
  }
}

function retryOutcome(attempt: Attempt): AttemptOutcome {
  if (attempt.kind === 'network') return { kind: 'network' };
  return { kind: 'response', status: attempt.status, ldCode: errorBody(attempt.text).code, headers: attempt.headers };
}

function toRemoteError(attempt: Attempt, method: string, shownTarget: string, token: string): RemoteError {
  if (attempt.kind === 'network') {
    const cause = sanitizedCause(attempt.error, token);
    return new RemoteError(0, method, shownTarget, cause.code, cause.message, { cause });
  }
  const { code, message } = errorBody(attempt.text);
  const shownCode = code === undefined ? undefined : redact(code, token);
  const shownMessage = message === undefined ? undefined : redact(message, token);
  return new RemoteError(attempt.status, method, shownTarget, shownCode, shownMessage);
}

/** LaunchDarkly's `{code, message}`; anything else keeps a short excerpt so the user sees something. */
function errorBody(text: string): { code: string | undefined; message: string | undefined } {
  const body = parseBody(text);
  if (typeof body === 'object' && body !== null) {
    const { code, message } = body as Partial<LdErrorBody>;
    return {
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : undefined,
    };
  }
  const excerpt = text.trim().slice(0, 200);
  return { code: undefined, message: excerpt === '' ? undefined : excerpt };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type CleanCause = Error & { code?: string };

/**
 * fetch-style callers wrap the real failure in `TypeError('fetch failed')` with it as `cause`
 * (undici lib/web/fetch/index.js); take the innermost one. The copy keeps name, message and code
 * only, with the token redacted, so no chain of causes can carry the token into a log.
 */
function sanitizedCause(error: unknown, token: string): CleanCause {
  let inner = error;
  while (inner instanceof TypeError && inner.cause !== undefined) inner = inner.cause;
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

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
