/** Shared value types that cross pipeline stages. */

/** A place in a manifest file; lines and columns are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A notice is information only (a document that is not ldexp's, skipped); it never fails a run. */
export type Severity = 'error' | 'warning' | 'notice';

/**
 * One finding about the input: a manifest that is invalid, a reference that does not resolve, a
 * lifecycle change LaunchDarkly cannot make. Problems are collected, never thrown one by one.
 */
export interface Problem {
  severity: Severity;
  /** Stable PascalCase code, e.g. `AllocationSum`; see docs in src/problems.ts. */
  code: string;
  message: string;
  position?: SourcePosition;
  /** JSON pointer inside the document, when the problem is about one value. */
  pointer?: string;
  /** What would have been valid, e.g. a list of candidate variation names. */
  candidates?: string[];
}

/** Whether any problem stops the run (warnings do not). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Where a resource lives in LaunchDarkly. */
export interface Target {
  project: string;
  environment: string;
}

export type ResourceType = 'experiment' | 'holdout';

/** `experiment/<project>/<env>/<key>` or `holdout/<project>/<env>/<key>`. */
export function resourceAddress(type: ResourceType, target: Target, key: string): string {
  return `${type}/${target.project}/${target.environment}/${key}`;
}
