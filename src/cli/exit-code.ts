/** The one place where outcomes and errors become exit codes and final messages. */
import type { ApplyReport } from '../apply/types.js';
import { InterruptedError, LdexpError, ManifestError, UsageError, redact } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;
/** `ldexp drift`: LaunchDarkly was changed outside Git (the same code as changes present). */
export const EXIT_DRIFT = EXIT_CHANGES;
/** Usage errors exit like every other error: 2 is taken by plan --detailed-exitcode. */
export const EXIT_USAGE = EXIT_ERROR;
/** 128 + SIGINT, what shells report for a program stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export interface Failure {
  exitCode: number;
  message: string;
}

/** An apply that ran: 130 when interrupted, 1 when a step failed or its outcome is unknown, else 0. */
export function applyExitCode(report: ApplyReport): number {
  if (report.interrupted) return EXIT_INTERRUPTED;
  return report.failed > 0 || report.unknown > 0 ? EXIT_ERROR : EXIT_OK;
}

/**
 * Turn anything thrown into a message (token redacted) and exit code 1, or 130 for an interrupt.
 * A usage error points at the help of the command it is about: the error's own, else `command`.
 */
export function describeFailure(error: unknown, token: string | undefined, command?: string): Failure {
  if (error instanceof InterruptedError) return { exitCode: EXIT_INTERRUPTED, message: redact(error.message, token) };
  if (error instanceof ManifestError) return { exitCode: EXIT_ERROR, message: redact(error.message, token) };
  if (error instanceof UsageError) {
    const about = error.command ?? command;
    const help = about === undefined || about === 'help' ? 'ldexp --help' : `ldexp ${about} --help`;
    return {
      exitCode: EXIT_USAGE,
      message: redact(`Error [Usage]: ${error.message}\nRun ${help} for usage.`, token),
    };
  }
  if (error instanceof LdexpError) {
    const prefix = error.source === 'internal' ? 'Internal error (please report it)' : 'Error';
    return { exitCode: EXIT_ERROR, message: redact(`${prefix} [${error.code}]: ${error.message}`, token) };
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    exitCode: EXIT_ERROR,
    message: redact(`Internal error (please report it at https://github.com/ldexp/ldexp/issues):\n${text}`, token),
  };
}
