/**
 * How library code reports progress without touching the console: the CLI and the Action give it
 * a reporter that draws a live line on a TTY or plain lines in CI; tests give it a recording one.
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
  | { type: 'request'; method: string; path: string; status: number };

export interface Reporter {
  report(event: ProgressEvent): void;
}

export const silentReporter: Reporter = {
  report() {
    /* deliberately nothing */
  },
};

/** Keeps every event, for tests. */
export class RecordingReporter implements Reporter {
  readonly events: ProgressEvent[] = [];
  report(event: ProgressEvent): void {
    this.events.push(event);
  }
}
