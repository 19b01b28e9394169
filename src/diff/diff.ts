/** Diff a canonical desired/live pair into a typed ResourceDiff. */
import jsonpatch, { type Operation } from 'fast-json-patch';

import type { CanonicalExperiment, CanonicalHoldout } from '../normalize/types.js';
import type { NameBook } from '../resolve/names.js';
import { fieldChanges, flattenExperiment, flattenHoldout, IDENTITY_NAMES } from './display.js';
import { EXPERIMENT_FIELD_RULES, HOLDOUT_MUTABLE_FIELDS, ruleFor, type FieldRule } from './rules.js';
import type { ResourceDiff } from './types.js';

function compare<T extends object>(desired: T | undefined, live: T | undefined): Operation[] {
  if (!desired || !live) return [];
  // compare() reads its arguments only; the canonical values are already copies.
  return jsonpatch.compare(live, desired);
}

type Shell<T> = Omit<ResourceDiff<T>, 'metadataOps' | 'designOps' | 'fields' | 'changes'>;

function shell<T>(desired: T | undefined, live: T | undefined, ops: Operation[]): Shell<T> {
  const out: Shell<T> = {
    isCreate: desired !== undefined && live === undefined,
    isDelete: desired === undefined && live !== undefined,
    isUpdate: desired !== undefined && live !== undefined && ops.length > 0,
    isEmpty: (desired === undefined) === (live === undefined) && ops.length === 0,
    ops,
  };
  if (desired !== undefined) out.desired = desired;
  if (live !== undefined) out.live = live;
  return out;
}

/** Diff two canonical experiments (either may be absent); `names` turns IDs into names for `changes`. */
export function diffResource(
  desired: CanonicalExperiment | undefined,
  live: CanonicalExperiment | undefined,
  names: NameBook = IDENTITY_NAMES,
): ResourceDiff<CanonicalExperiment> {
  const ops = compare(desired, live);
  const rules = ops.map((op) => ruleFor(op.path));
  const byCategory = (category: string): Operation[] => ops.filter((_, i) => rules[i]?.category === category);
  return {
    ...shell(desired, live, ops),
    metadataOps: byCategory('metadata'),
    designOps: byCategory('design'),
    fields: EXPERIMENT_FIELD_RULES.filter((r) => rules.includes(r)),
    changes: fieldChanges(
      desired ? flattenExperiment(desired, names) : new Map<string, string>(),
      live ? flattenExperiment(live, names) : new Map<string, string>(),
    ),
  };
}

// Holdout fields in manifest order, so instructions and errors come out in a stable order.
const HOLDOUT_FIELD_ORDER = [
  'name',
  'description',
  'randomizationUnit',
  'attributes',
  'holdoutAmount',
  'primaryMetric',
  'metrics',
  'maintainerId',
];

/** Diff two canonical holdouts; every changed field is listed in `fields` as name/description or immutable. */
export function diffHoldout(
  desired: CanonicalHoldout | undefined,
  live: CanonicalHoldout | undefined,
): ResourceDiff<CanonicalHoldout> {
  const ops = compare(desired, live);
  const fields: FieldRule[] = [];
  for (const op of ops) {
    const field = op.path.split('/')[1] ?? '';
    if (fields.some((f) => f.field === field)) continue;
    const category = HOLDOUT_MUTABLE_FIELDS.includes(field) ? 'metadata' : 'immutable';
    fields.push({ pointer: `/${field}`, field, category });
  }
  fields.sort((a, b) => HOLDOUT_FIELD_ORDER.indexOf(a.field) - HOLDOUT_FIELD_ORDER.indexOf(b.field));
  return {
    ...shell(desired, live, ops),
    metadataOps: ops.filter((op) => HOLDOUT_MUTABLE_FIELDS.includes(op.path.split('/')[1] ?? '')),
    designOps: [],
    fields,
    changes: fieldChanges(
      desired ? flattenHoldout(desired) : new Map<string, string>(),
      live ? flattenHoldout(live) : new Map<string, string>(),
    ),
  };
}
