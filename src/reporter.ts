/**
 * How library code reports progress without touching the console: the CLI and the Action give it
 * a reporter that draws a live line on a TTY or plain lines in CI; tests give it a recording one
 * (test/helpers/recording-reporter.ts).
 */
export type ProgressEvent =
  | { type: 'phase'; message: string }
  /** `description` names the step for people: `Starting iteration of x (web/production)`. */
  | { type: 'step-start'; stepId: string; description: string; index: number; total: number }
  | {
      type: 'step-end';
      stepId: string;
      description: string;
      status: 'ok' | 'failed' | 'skipped';
      message?: string;
      index: number;
      total: number;
    }
  | { type: 'request'; method: string; path: string; status: number }
  | RetryEvent;

/** A request failed and will be sent again: shown in every output, not only with --verbose. */
export interface RetryEvent {
  type: 'retry';
  method: string;
  path: string;
  /** What failed: `503`, `429 rate_limited`, `connection reset (ECONNRESET)`. */
  failure: string;
  delayMs: number;
  /** The attempt about to be made (2 for the first retry) and the most there will be. */
  attempt: number;
  attempts: number;
}

/** `GET /api/v2/… → 503; retrying in 2.0 s (attempt 2 of 5)`: the same line on a terminal and in CI. */
export function describeRetry(event: RetryEvent): string {
  const seconds = (event.delayMs / 1000).toFixed(1);
  return `${event.method} ${event.path} → ${event.failure}; retrying in ${seconds} s (attempt ${String(event.attempt)} of ${String(event.attempts)})`;
}

export interface Reporter {
  report(event: ProgressEvent): void;
}

export const silentReporter: Reporter = {
  report() {
    /* deliberately nothing */
  },
};
