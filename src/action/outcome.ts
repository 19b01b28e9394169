/** What one Action run produced; `main.ts` turns it into outputs, annotations, a summary and a status. */
import type { Problem } from '../types.js';

/** The `failure-reason` output: stable words a workflow can branch on. */
export type FailureReason =
  | 'invalid-inputs'
  | 'invalid-manifests'
  | 'plan-changed'
  | 'no-reviewed-plan'
  | 'apply-failed'
  | 'api-error'
  | 'stale-plan'
  | 'base-unavailable'
  | 'drift'
  | 'internal-error';

export interface ActionOutputs {
  changes?: boolean;
  planHash?: string;
  /** JSON counts: the plan summary, plus `applied` after an apply. */
  summary?: string;
  failureReason?: FailureReason;
}

export interface ActionOutcome {
  outputs: ActionOutputs;
  /** Markdown sections for `$GITHUB_STEP_SUMMARY`, in order. */
  stepSummary: string[];
  /** Become `::error file=…` / `::warning file=…` annotations. */
  problems: Problem[];
  /** Shown as notices in the run log and on the run page. */
  notices: string[];
  /** Set when the step must fail; the message is what `setFailed` prints. */
  failure?: string;
}

export function emptyOutcome(): ActionOutcome {
  return { outputs: {}, stepSummary: [], problems: [], notices: [] };
}

/** Mark the run failed with a reason; the first failure wins. */
export function fail(outcome: ActionOutcome, reason: FailureReason, message: string): void {
  if (outcome.failure !== undefined) return;
  outcome.outputs.failureReason = reason;
  outcome.failure = message;
}
