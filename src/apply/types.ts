/** What apply reports: every step, in plan order, with its outcome. */
export type StepOutcome =
  | { status: 'ok'; stepId: string; httpStatus: number }
  | { status: 'failed'; stepId: string; httpStatus: number; message: string; code?: string }
  | { status: 'skipped'; stepId: string; reason: string };

export interface ApplyReport {
  planHash: string;
  outcomes: StepOutcome[];
  ok: number;
  failed: number;
  skipped: number;
}
