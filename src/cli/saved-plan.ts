/**
 * Reading a plan file (`plan --out`) for `apply --plan` and `show`: it must parse, be of a format
 * version this ldexp reads, match the plan schema, and hash to the hash it carries; otherwise it is
 * refused before anything is sent. Every error names the file.
 */
import { readFile } from 'node:fs/promises';

import { assertPlanIntact } from '../apply/index.js';
import { LdexpError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { parsePlanJson } from '../render/index.js';

export async function readSavedPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LdexpError('PlanFileUnreadable', `Cannot read the plan file ${file}: ${reason}`, 'user', {
      cause: error,
    });
  }
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
