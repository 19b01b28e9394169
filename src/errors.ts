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
  override readonly name = 'RemoteError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly ldCode: string | undefined,
    readonly ldMessage: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      status === 0 ? 'NetworkError' : 'RemoteError',
      `${method} ${path} → ${status === 0 ? 'network error' : String(status)}${ldCode ? ` ${ldCode}` : ''}${ldMessage ? `: ${ldMessage}` : ''}`,
      'remote',
      options,
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
  constructor(message: string) {
    super('Usage', message, 'user');
  }
}

/** Replace every occurrence of the secret with a marker; used on anything that may be shown. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('[REDACTED]');
}
