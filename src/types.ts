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

/** Which LaunchDarkly object a step, fingerprint or resource plan is about. */
export interface ResourceRef extends Target {
  kind: ResourceType;
  key: string;
}

export function resourceRef(kind: ResourceType, target: Target, key: string): ResourceRef {
  return { kind, project: target.project, environment: target.environment, key };
}

/** `experiment/<project>/<env>/<key>` or `holdout/<project>/<env>/<key>`: the one address format. */
export function formatAddress(ref: ResourceRef): string {
  return `${ref.kind}/${ref.project}/${ref.environment}/${ref.key}`;
}

/** The address of `key` of `type` in `target`. */
export function resourceAddress(type: ResourceType, target: Target, key: string): string {
  return formatAddress(resourceRef(type, target, key));
}

/**
 * The reference an address names, for addresses read back from a plan file (where a step's
 * resource is a string); undefined for anything formatAddress does not write.
 */
export function parseAddress(address: string): ResourceRef | undefined {
  const [kind, project, environment, ...rest] = address.split('/');
  if ((kind !== 'experiment' && kind !== 'holdout') || project === undefined || environment === undefined) {
    return undefined;
  }
  return { kind, project, environment, key: rest.join('/') };
}

/** One string per project + environment (NUL cannot appear in a key), for maps and sets of targets. */
export function targetId(target: Target): string {
  return `${target.project}\u0000${target.environment}`;
}

/** The distinct targets of `items` (anything with a project and environment), first seen first, as plain targets. */
export function uniqueTargets(items: Iterable<Target>): Target[] {
  const out = new Map<string, Target>();
  for (const { project, environment } of items) {
    const id = targetId({ project, environment });
    if (!out.has(id)) out.set(id, { project, environment });
  }
  return [...out.values()];
}
