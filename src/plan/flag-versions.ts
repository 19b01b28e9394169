/**
 * Ordering for flag versions (ld-api-notes §9 #19). Starting, stopping or restarting an iteration
 * changes its flags' environment version, and LaunchDarkly rejects a `flagConfigVersion` that is
 * not current. The plan sends plan-time versions on purpose (they guard against foreign flag
 * changes between plan and apply), so instead of re-reading flags, every step that sends a
 * version for a flag runs before the steps of the same apply that move that flag's version.
 */
import type { DraftStep } from './draft.js';

const ENVIRONMENT_PATH = /^\/api\/v2\/projects\/[^/]+\/environments\/[^/]+/;

/** `project + environment` of a step, from its path: flag versions are per environment. */
function scopeOf(step: DraftStep): string {
  return ENVIRONMENT_PATH.exec(step.path)?.[0] ?? step.path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flags a body sends a `flagConfigVersion` for: every map entry whose value carries one, wherever
 * it sits (ExperimentPost `iteration.flags`, IterationInput `flags`, `updateExperimentFields` and
 * `saveAndStartNewIteration` values), so a new body shape cannot slip past.
 */
export function flagVersionsSent(body: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (isRecord(child) && 'flagConfigVersion' in child) found.add(key);
      walk(child);
    }
  };
  walk(body);
  return [...found].sort();
}

/** Step keys that follow each key: dependsOn, bindings and the order of one resource's steps. */
function successors(steps: readonly DraftStep[]): Map<string, Set<string>> {
  const next = new Map(steps.map((s) => [s.key, new Set<string>()]));
  const lastOfResource = new Map<string, string>();
  for (const step of steps) {
    const before = [...step.dependsOn, ...step.bindings.map((b) => b.fromStep), ...(step.after ?? [])];
    const previous = lastOfResource.get(step.resource);
    if (previous !== undefined) before.push(previous);
    for (const key of before) next.get(key)?.add(step.key);
    lastOfResource.set(step.resource, step.key);
  }
  return next;
}

function reaches(next: ReadonlyMap<string, ReadonlySet<string>>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const stack = [from];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    if (key === to) return true;
    for (const k of next.get(key) ?? []) {
      if (!seen.has(k)) {
        seen.add(k);
        stack.push(k);
      }
    }
  }
  return false;
}

interface FlagSteps {
  senders: DraftStep[];
  movers: DraftStep[];
}

/** Senders and movers per `scope + flag`, in step creation order (the input order). */
function byFlag(steps: readonly DraftStep[]): Map<string, FlagSteps> {
  const out = new Map<string, FlagSteps>();
  const entry = (step: DraftStep, flag: string): FlagSteps => {
    const id = `${scopeOf(step)}\u0000${flag}`;
    const found = out.get(id) ?? { senders: [], movers: [] };
    out.set(id, found);
    return found;
  };
  for (const step of steps) {
    for (const flag of flagVersionsSent(step.body)) entry(step, flag).senders.push(step);
    for (const flag of step.movesFlagVersions ?? []) entry(step, flag).movers.push(step);
  }
  return out;
}

/**
 * Copies of `steps` where each step that moves a flag's version has `after` on every other step
 * sending a version for that flag in the same project + environment. An edge already implied by
 * the existing order is left out (create → start of one experiment), and so is one that would close
 * a cycle: within one resource a sender never follows a mover, so that takes steps of two
 * experiments that both send and move one flag (two restarts whose new iterations configure it),
 * which no order can satisfy; the second is then rejected as stale, as without this ordering.
 */
export function orderFlagVersions(steps: readonly DraftStep[]): {
  steps: DraftStep[];
  conflicts: FlagVersionConflict[];
} {
  const next = successors(steps);
  const after = new Map<string, string[]>();
  const conflicts: FlagVersionConflict[] = [];
  const groups = [...byFlag(steps).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [flag, { senders, movers }] of groups) {
    for (const mover of movers) {
      for (const sender of senders) {
        if (sender.key === mover.key || reaches(next, sender.key, mover.key)) continue;
        if (reaches(next, mover.key, sender.key)) {
          conflicts.push({ flag: flag.split('\u0000')[1] ?? flag, first: mover.resource, second: sender.resource });
          continue;
        }
        next.get(sender.key)?.add(mover.key);
        after.set(mover.key, [...(after.get(mover.key) ?? []), sender.key]);
      }
    }
  }
  const ordered = steps.map((s) => {
    const keys = after.get(s.key);
    return keys ? { ...s, after: [...new Set([...(s.after ?? []), ...keys])] } : s;
  });
  return { steps: ordered, conflicts };
}

/** Two steps no order can reconcile: `second` sends a version of `flag` that `first` will have moved. */
export interface FlagVersionConflict {
  /** The flag key (both resources are in one project and environment). */
  flag: string;
  first: string;
  second: string;
}
