/**
 * The one error module. Every error ldexp raises is an `LdexpError` with a stable code and a
 * source that says whose fault it is; `src/cli/exit-code.ts` is the only place that turns them
 * into exit codes.
 */
import type { Problem } from './types.js';

export type ErrorSource = 'user' | 'remote' | 'internal';

export class LdexpError extends Error {
  override readonly name: string = 'LdexpError';
  constructor(
    readonly code: string,
    message: string,
    readonly source: ErrorSource,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input: manifests, flags, a plan file. Carries every problem found, not just the first. */
export class ManifestError extends LdexpError {
  override readonly name = 'ManifestError';
  constructor(
    readonly problems: readonly Problem[],
    message = `${String(problems.filter((p) => p.severity === 'error').length)} problem(s) found in the manifests`,
  ) {
    super('InvalidManifests', message, 'user');
  }
}

/** LaunchDarkly (or the network) answered with a failure. The token is never part of it. */
export class RemoteError extends LdexpError {
  override readonly name: string = 'RemoteError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly ldCode: string | undefined,
    readonly ldMessage: string | undefined,
    /** For the subclasses below, which describe failures LaunchDarkly's `{code, message}` cannot. */
    options?: { cause?: unknown; code?: string; message?: string },
  ) {
    super(
      options?.code ?? (status === 0 ? 'NetworkError' : 'RemoteError'),
      options?.message ??
        `${method} ${path} → ${status === 0 ? 'network error' : String(status)}${ldCode ? ` ${ldCode}` : ''}${ldMessage ? `: ${ldMessage}` : ''}`,
      'remote',
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/** What came back, as far as a message may show it; the client redacts the token from every field. */
export interface ResponseSample {
  status: number;
  contentType: string | undefined;
  /** The first characters of the body. */
  bodyStart: string;
  /** Where a redirect pointed. */
  location?: string;
}

/**
 * The server answered, but not as the operation documents: another status (a redirect included),
 * a body that is not JSON, JSON of another shape, or an error that is not LaunchDarkly's
 * `{code, message}`. Nothing in such an answer can be trusted, so it is never taken for success.
 */
export class UnexpectedResponseError extends RemoteError {
  override readonly name = 'UnexpectedResponseError';
  constructor(
    method: string,
    path: string,
    /** What is wrong with the answer, e.g. `a text/html body, not JSON`. */
    readonly problem: string,
    /** What the operation documents, e.g. `201 and an experiment as JSON`. */
    readonly expected: string,
    readonly response: ResponseSample,
  ) {
    const body = response.bodyStart === '' ? '(empty)' : JSON.stringify(response.bodyStart);
    super(response.status, method, path, undefined, undefined, {
      code: 'UnexpectedResponse',
      message:
        `${method} ${path} → ${String(response.status)}: ${problem}; expected ${expected}. ` +
        `Content type: ${response.contentType ?? '(none)'}; body: ${body}`,
    });
  }
}

/** Why no answer came: each has its own code, and only `other` is worth retrying. */
export type NetworkFailure = 'refused' | 'unresolved' | 'connect-timeout' | 'timeout' | 'cancelled' | 'other';

const NETWORK_CODES: Record<NetworkFailure, string> = {
  refused: 'ConnectionRefused',
  unresolved: 'HostNotFound',
  'connect-timeout': 'ConnectTimeout',
  timeout: 'Timeout',
  cancelled: 'Cancelled',
  other: 'NetworkError',
};

/** No answer at all. Names the full URL, since the usual cause is a wrong API URL or a dead server. */
export class NetworkError extends RemoteError {
  override readonly name = 'NetworkError';
  constructor(
    method: string,
    path: string,
    readonly url: string,
    readonly failure: NetworkFailure,
    /** What happened, e.g. `no complete response within 30.0 s`. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(0, method, path, undefined, undefined, {
      ...options,
      code: NETWORK_CODES[failure],
      message: `${method} ${url} → ${detail}`,
    });
  }
}

/**
 * A GitHub API call of the Action failed (status 0: no answer). The message names the call and
 * GitHub's message, never the token; a 403 usually means the workflow lacks a permission.
 */
export class GitHubError extends LdexpError {
  override readonly name = 'GitHubError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(
      'GitHubError',
      `GitHub API ${method} ${path} → ${status === 0 ? 'network error' : String(status)}: ${detail}`,
      'remote',
    );
  }
}

/** A saved plan no longer matches live state, or was made by another format version. */
export class StalePlanError extends LdexpError {
  override readonly name = 'StalePlanError';
  constructor(
    message: string,
    readonly movedResources: readonly string[],
  ) {
    super('StalePlan', message, 'user');
  }
}

/** The stable codes of `FileError`, one per way a path the user gave can be unusable. */
export const FILE_ERROR_CODES = [
  'FileNotFound',
  'FileUnreadable',
  'FileUnwritable',
  'NotAFile',
  'NotUtf8',
  'SymlinkLoop',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/**
 * A file the user named cannot be used: missing, unreadable, unwritable, a folder or FIFO where a
 * file was expected, not UTF-8, or a symlink loop. `line`/`column` (1-based) say where a
 * decoding error is.
 */
export class FileError extends LdexpError {
  override readonly name = 'FileError';
  constructor(
    code: FileErrorCode,
    readonly path: string,
    message: string,
    readonly position?: { line: number; column: number },
    options?: { cause?: unknown },
  ) {
    super(code, message, 'user', options);
  }
}

/** The stable codes of `GitError`, one per way `--base` cannot be read from Git. */
export const GIT_ERROR_CODES = [
  'GitUnavailable',
  'NotAGitRepository',
  'GitRefNotFound',
  'GitShallowClone',
  'PathOutsideRepository',
  'GitFailed',
] as const;
export type GitErrorCode = (typeof GIT_ERROR_CODES)[number];

/** The manifests at a Git base (`plan --base`, `drift --base`) cannot be read; the message says what to do. */
export class GitError extends LdexpError {
  override readonly name = 'GitError';
  constructor(code: GitErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, 'user', options);
  }
}

/** The user stopped ldexp (Ctrl-C, Ctrl-D at a prompt, SIGTERM); the message says what was left as it was. */
export class InterruptedError extends LdexpError {
  override readonly name = 'InterruptedError';
  constructor(message: string) {
    super('Interrupted', message, 'user');
  }
}

/** A usage error on the command line or in the Action inputs. */
export class UsageError extends LdexpError {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The CLI command whose `--help` explains the mistake, when known. */
    readonly command?: string,
  ) {
    super('Usage', message, 'user');
  }
}

/**
 * Below this length a secret is redacted only where it stands alone: a one-letter token would
 * otherwise turn every word containing that letter into `lde[REDACTED]p`. Such a token is no
 * real LaunchDarkly token (those are `api-` plus 36 characters), so nothing worth hiding is lost.
 */
export const SHORT_SECRET_LENGTH = 8;

/** Replace every occurrence of the secret with a marker; used on anything that may be shown. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  if (secret.length >= SHORT_SECRET_LENGTH) return text.split(secret).join('[REDACTED]');
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'g'), '[REDACTED]');
}
