/** Diff a canonical desired/live pair into a ResourceDiff the planner asks questions of. */
import jsonpatch from 'fast-json-patch';

import type { LiveState } from '../live/types.js';
import type { CanonicalExperiment, CanonicalHoldout, Normalized } from '../normalize/types.js';
import { nameBook, type NameBook } from '../resolve/names.js';
import { fieldChanges, flattenExperiment, flattenHoldout, IDENTITY_NAMES, type Shown } from './display.js';
import { EXPERIMENT_FIELD_RULES, HOLDOUT_FIELD_RULES, ruleFor, type FieldCategory, type FieldRule } from './rules.js';
import type { Diffs, FieldChange, ResourceDiff } from './types.js';

function resourceDiff<T extends object>(
  desired: T | undefined,
  live: T | undefined,
  table: readonly FieldRule[],
  flatten: (value: T) => Map<string, Shown>,
): ResourceDiff<T> {
  // compare() reads its arguments only; the canonical values are already copies.
  const ops = desired && live ? jsonpatch.compare(live, desired) : [];
  const changed = new Set(ops.map((op) => ruleFor(op.path, table)));
  const fields = table.filter((r) => changed.has(r));
  // Equal sides show no change, so most resources (those in sync) are not flattened at all.
  const shown = desired && live && ops.length === 0 ? noChanges() : shownChanges(desired, live, table, flatten);
  const inAny = (categories: readonly FieldCategory[], category: FieldCategory | undefined): boolean =>
    category !== undefined && categories.includes(category);
  const { changes, categories } = shown;
  return {
    ...(desired !== undefined ? { desired } : {}),
    ...(live !== undefined ? { live } : {}),
    fields,
    changes,
    touches: (...wanted) => fields.some((r) => inAny(wanted, r.category)),
    fieldsIn: (...wanted) => fields.filter((r) => inAny(wanted, r.category)),
    changesIn: (...wanted) => changes.filter((_, i) => inAny(wanted, categories[i])),
  };
}

/** The changes for people, each with the category of the field rule that governs it. */
interface ShownChanges {
  changes: FieldChange[];
  categories: (FieldCategory | undefined)[];
}

function noChanges(): ShownChanges {
  return { changes: [], categories: [] };
}

function shownChanges<T>(
  desired: T | undefined,
  live: T | undefined,
  table: readonly FieldRule[],
  flatten: (value: T) => Map<string, Shown>,
): ShownChanges {
  const shownDesired = desired ? flatten(desired) : new Map<string, Shown>();
  const shownLive = live ? flatten(live) : new Map<string, Shown>();
  const changes = fieldChanges(shownDesired, shownLive);
  const categories = changes.map((c) => {
    const pointer = (shownDesired.get(c.field) ?? shownLive.get(c.field))?.pointer;
    return pointer === undefined ? undefined : ruleFor(pointer, table)?.category;
  });
  return { changes, categories };
}

/** Diff two canonical experiments (either may be absent); `names` turns IDs into names for `changes`. */
export function diffExperiment(
  desired: CanonicalExperiment | undefined,
  live: CanonicalExperiment | undefined,
  names: NameBook = IDENTITY_NAMES,
): ResourceDiff<CanonicalExperiment> {
  return resourceDiff(desired, live, EXPERIMENT_FIELD_RULES, (e) => flattenExperiment(e, names));
}

/** Diff two canonical holdouts (either may be absent). */
export function diffHoldout(
  desired: CanonicalHoldout | undefined,
  live: CanonicalHoldout | undefined,
): ResourceDiff<CanonicalHoldout> {
  return resourceDiff(desired, live, HOLDOUT_FIELD_RULES, flattenHoldout);
}

/** The diff stage: each normalized resource with the diff of its two sides; IDs shown by name. */
export function diffAll(normalized: Normalized, live: LiveState): Diffs {
  return {
    experiments: normalized.experiments.map((e) => ({
      ...e,
      diff: diffExperiment(e.desired, e.liveCanonical, nameBook(live, e.resolved.manifest)),
    })),
    holdouts: normalized.holdouts.map((h) => ({ ...h, diff: diffHoldout(h.desired, h.liveCanonical) })),
  };
}
