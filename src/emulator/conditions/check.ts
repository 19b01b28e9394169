/**
 * The rules of conditions that a JSON Schema cannot say clearly: which fields go with which fault
 * kind, one trigger per rule, route patterns that name real operations. Returns every problem.
 */
import { compileRoutePattern } from './route-pattern.js';
import type { EmulatorConditions, FaultKind, FaultRule } from './types.js';

/** Fields that only mean something for one kind of fault (`route`, `rate`… apply to all). */
const KIND_FIELDS: Record<string, FaultKind> = {
  status: 'status',
  retryAfter: 'status',
  resetInMs: 'status',
  body: 'status',
  commit: 'status',
  delayMs: 'slow',
  write: 'concurrent-write',
  flag: 'concurrent-write',
  instructions: 'concurrent-write',
};

const REQUIRED: Partial<Record<FaultKind, string>> = { status: 'status', slow: 'delayMs', 'concurrent-write': 'write' };

/** Problems as `path: message`, with paths under `prefix` (e.g. `conditions`). */
export function conditionProblems(conditions: EmulatorConditions, prefix: string): string[] {
  const at = (path: string) => (prefix === '' ? path : `${prefix}.${path}`);
  const problems: string[] = [];
  const latency = conditions.latencyMs;
  if (typeof latency === 'object' && latency.min > latency.max) {
    problems.push(`${at('latencyMs')}: min (${latency.min}) is greater than max (${latency.max})`);
  }
  for (const pattern of Object.keys(conditions.rateLimit?.route?.overrides ?? {})) {
    const problem = patternProblem(pattern);
    if (problem) problems.push(`${at('rateLimit.route.overrides')}: ${problem}`);
  }
  (conditions.faults ?? []).forEach((rule, index) => {
    problems.push(...faultProblems(rule).map((p) => `${at(`faults[${index}]`)}${p}`));
  });
  return problems;
}

function faultProblems(rule: FaultRule): string[] {
  const problems: string[] = [];
  const fields = rule as unknown as Record<string, unknown>;
  const triggers = ['rate', 'every', 'nth'].filter((t) => fields[t] !== undefined);
  if (triggers.length > 1) problems.push(`: use one of rate, every, nth (found ${triggers.join(', ')})`);
  for (const [field, kind] of Object.entries(KIND_FIELDS)) {
    if (fields[field] !== undefined && rule.kind !== kind) problems.push(`.${field}: only for kind ${kind}`);
  }
  const required = REQUIRED[rule.kind];
  if (required !== undefined && fields[required] === undefined) {
    problems.push(`: kind ${rule.kind} needs ${required}`);
  }
  if (rule.kind === 'conflict409' && rule.method !== undefined && rule.method !== 'PATCH') {
    problems.push(`.method: conflict409 answers PATCH requests only, not ${rule.method}`);
  }
  if (rule.kind === 'concurrent-write') {
    if (rule.write === 'patch' && rule.instructions === undefined) problems.push(': write patch needs instructions');
    if (rule.write !== 'patch' && rule.instructions !== undefined) problems.push('.instructions: only for write patch');
    if (rule.write !== 'flag-version' && rule.flag !== undefined) problems.push('.flag: only for write flag-version');
  }
  try {
    compileRoutePattern(rule.route, rule.method);
  } catch (error) {
    problems.push(`.route: ${(error as Error).message}`);
  }
  return problems;
}

function patternProblem(pattern: string): string | undefined {
  try {
    compileRoutePattern(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
