/** What apply reports: every step, in plan order, with its outcome. */
export type StepOutcome =
  /** `note`: how success was established when the answer was lost (read back). */
  | { status: 'ok'; stepId: string; httpStatus: number; note?: string }
  | { status: 'failed'; stepId: string; httpStatus: number; message: string; code?: string }
  /** Not sent: a step it depends on failed, or apply was interrupted before it started. */
  | { status: 'skipped'; stepId: string; reason: string }
  /** Sent, but apply was interrupted and stopped waiting before the response came: it may or may not have happened. */
  | { status: 'unknown'; stepId: string; reason: string };

export interface ApplyReport {
  planHash: string;
  outcomes: StepOutcome[];
  ok: number;
  failed: number;
  skipped: number;
  unknown: number;
  /** Apply was stopped (Ctrl-C, SIGTERM) before every step had its chance. */
  interrupted: boolean;
  /** Wall-clock milliseconds requests waited for LaunchDarkly's rate limit (set by the pipeline, which owns the client). */
  rateLimitWaitMs?: number;
}
