/** Allocation changes as text bars, which read well in a PR comment without images. */
import type { FieldChange } from '../plan/types.js';

const BAR_WIDTH = 20;

/** `iteration.treatments[Control].allocationPercent` → `Control`. */
const ALLOCATION_FIELD = /treatments\[(.*)\]\.allocationPercent$/;

export interface AllocationChange {
  treatment: string;
  from?: string;
  to?: string;
}

/** The allocation changes among a resource's changes, by treatment name. */
export function allocationChanges(changes: readonly FieldChange[]): AllocationChange[] {
  return changes.flatMap((change) => {
    const treatment = ALLOCATION_FIELD.exec(change.field)?.[1];
    if (treatment === undefined) return [];
    const entry: AllocationChange = { treatment };
    if (change.from !== undefined) entry.from = change.from;
    if (change.to !== undefined) entry.to = change.to;
    return [entry];
  });
}

export function isAllocationField(field: string): boolean {
  return ALLOCATION_FIELD.test(field);
}

/** `██████████░░░░░░░░░░ 50%`, or undefined when the value is not a percentage. */
export function allocationBar(value: string): string | undefined {
  const percent = Number(value.replace(/%$/, '').trim());
  if (value.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) return undefined;
  const filled = Math.round((percent / 100) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${String(percent)}%`;
}
