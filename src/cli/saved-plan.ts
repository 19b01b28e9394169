/**
 * Reading a plan file (`plan --out`) for `apply --plan` and `show`: it must parse, be of a format
 * version this ldexp reads, match the plan schema, and hash to the hash it carries; otherwise it is
 * refused before anything is sent. Every error names the file.
 */
import path from 'node:path';

import { assertPlanIntact } from '../apply/index.js';
import { LdexpError } from '../errors.js';
import { readUserText } from '../files.js';
import type { Plan } from '../plan/types.js';
import { parsePlanJson } from '../render/index.js';
import { COMMAND_LINE_ORIGIN, refusalReason, refusingList } from '../schema/allowed-targets.js';

/** `file` is relative to `cwd`; a missing, unreadable, non-file or non-UTF-8 path is a FileError naming it. */
export async function readSavedPlan(file: string, cwd: string): Promise<Plan> {
  const text = await readUserText(path.resolve(cwd, file), file);
  try {
    const saved = parsePlanJson(text);
    assertPlanIntact(saved);
    return saved;
  } catch (error) {
    if (!(error instanceof LdexpError)) throw error;
    throw new LdexpError(error.code, `${file}: ${error.message}`, error.source, { cause: error });
  }
}

/** A saved plan only goes to the LaunchDarkly instance it was planned against. */
export function assertSameTarget(saved: Plan, file: string, baseUrl: string): void {
  if (saved.target.baseUrl === baseUrl) return;
  throw new LdexpError(
    'PlanTargetMismatch',
    `${file} was planned against ${saved.target.baseUrl}, but LD_API_URL is ${baseUrl}. Nothing was sent. Point LD_API_URL at the instance the plan was made for, or make a new plan.`,
    'user',
  );
}

/**
 * `apply --plan --allow-target …`: every resource of the saved plan must be in the allow-list.
 * (The Config's own list was applied when the plan was made; a saved plan holds no Config.)
 */
export function assertPlanAllowed(saved: Plan, file: string, allowTargets: readonly string[] | undefined): void {
  if (allowTargets === undefined) return;
  const lists = [{ origin: COMMAND_LINE_ORIGIN, patterns: allowTargets }];
  const refused = new Set<string>();
  for (const resource of saved.resources) {
    const list = refusingList(resource, lists);
    if (list) refused.add(refusalReason(resource, list));
  }
  if (refused.size === 0) return;
  throw new LdexpError(
    'TargetNotAllowed',
    `${file} touches a target outside the allow-list: ${[...refused].sort().join('; ')}. Nothing was sent.`,
    'user',
  );
}
