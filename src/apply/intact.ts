import { LdexpError } from '../errors.js';
import { computePlanHash } from '../plan/fingerprint.js';
import type { Plan } from '../plan/types.js';

/**
 * Refuse a saved plan whose content no longer matches its hash: something (a person, a merge
 * tool, a script) edited the requests or what the plan shows about them after it was made.
 * Nothing may be sent then, because the display could differ from what apply would send.
 */
export function assertPlanIntact(saved: Plan): void {
  const actual = computePlanHash(saved);
  if (actual === saved.hash) return;
  throw new LdexpError(
    'PlanTampered',
    `The saved plan was modified after it was made: its content hashes to ${actual.slice(0, 12)}…, but the plan says ${saved.hash.slice(0, 12)}…. Nothing was sent. Make the plan again with ldexp plan --out and review it.`,
    'user',
  );
}
