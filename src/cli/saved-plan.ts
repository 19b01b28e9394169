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
