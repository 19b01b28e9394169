/** The typed diff of one resource, and what the diff stage hands the planner. */
import type {
  CanonicalExperiment,
  CanonicalHoldout,
  NormalizedExperiment,
  NormalizedHoldout,
} from '../normalize/types.js';
import type { FieldCategory, FieldRule } from './rules.js';

// The planner receives resolved values through the diff stage and never imports resolve/.
export type { ResolvedExperiment, ResolvedHoldout } from '../resolve/types.js';

/** One human-readable change, with names rather than IDs. */
export interface FieldChange {
  /** Dotted, human path, e.g. `iteration.treatments[Control].allocationPercent`. */
  field: string;
  from?: string;
  to?: string;
}

/**
 * What differs between the desired and live canonical values. The planner decides from its
 * answers (`touches`, `fieldsIn`, `changesIn`), never from field names of its own.
 */
export interface ResourceDiff<T> {
  readonly desired?: T;
  readonly live?: T;
  /** The rules of the fields that differ, in rule-table order, each once (none unless both sides exist). */
  readonly fields: readonly FieldRule[];
  /** Every difference for people: names, not IDs (with one side absent, all of that side's fields). */
  readonly changes: FieldChange[];
  /** Whether a field of one of these categories differs. */
  touches(...categories: FieldCategory[]): boolean;
  /** The rules of the differing fields of these categories, in rule-table order. */
  fieldsIn(...categories: FieldCategory[]): FieldRule[];
  /** The changes for people of fields in these categories. */
  changesIn(...categories: FieldCategory[]): FieldChange[];
}

/** One experiment as the planner receives it: resolved, both canonical sides, and their diff. */
export interface ExperimentDiff extends NormalizedExperiment {
  diff: ResourceDiff<CanonicalExperiment>;
}

/** One holdout as the planner receives it; its diff compares only what both sides state. */
export interface HoldoutDiff extends NormalizedHoldout {
  diff: ResourceDiff<CanonicalHoldout>;
}

/** The diff stage's output: every resolved resource with its diff. */
export interface Diffs {
  experiments: ExperimentDiff[];
  holdouts: HoldoutDiff[];
}
