/**
 * The rule table: which part of a canonical experiment maps to which `updateExperimentFields`
 * field, and whether changing it is metadata (allowed while running or stopped) or design
 * (needs a draft, or a new iteration when running). Field names are the project's documented
 * choice for updateExperimentFields (ExperimentPost / IterationInput names).
 */

export type FieldCategory = 'metadata' | 'design' | 'holdout' | 'immutable';

export interface FieldRule {
  /** JSON pointer (prefix) in the canonical experiment. */
  pointer: string;
  /** The updateExperimentFields field; `primary` stands for primarySingleMetricKey / primaryFunnelKey. */
  field: string;
  category: FieldCategory;
  /** A running iteration accepts `add` for this set-like field, so growing it needs no new iteration. */
  addWhileRunning?: boolean;
}

export const EXPERIMENT_FIELD_RULES: readonly FieldRule[] = [
  { pointer: '/name', field: 'name', category: 'metadata' },
  { pointer: '/description', field: 'description', category: 'metadata' },
  { pointer: '/maintainerId', field: 'maintainerId', category: 'metadata' },
  { pointer: '/tags', field: 'tags', category: 'metadata' },
  // Experiment-level, but only mutable while not started: treated as design.
  { pointer: '/methodology', field: 'methodology', category: 'design' },
  { pointer: '/analysisConfig', field: 'analysisConfig', category: 'design' },
  { pointer: '/dataSource', field: 'dataSource', category: 'design' },
  // No instruction changes an experiment's type.
  { pointer: '/type', field: 'type', category: 'immutable' },
  // Joining happens only at creation; leaving is the holdout's removeExperiment.
  { pointer: '/holdout', field: 'holdoutId', category: 'holdout' },
  { pointer: '/iteration/hypothesis', field: 'hypothesis', category: 'design' },
  { pointer: '/iteration/randomizationUnit', field: 'randomizationUnit', category: 'design' },
  { pointer: '/iteration/attributes', field: 'attributes', category: 'design', addWhileRunning: true },
  { pointer: '/iteration/canReshuffleTraffic', field: 'canReshuffleTraffic', category: 'design' },
  { pointer: '/iteration/reallocationFrequencyMillis', field: 'reallocationFrequencyMillis', category: 'design' },
  { pointer: '/iteration/primary', field: 'primary', category: 'design' },
  { pointer: '/iteration/metrics', field: 'metrics', category: 'design', addWhileRunning: true },
  { pointer: '/iteration/flags', field: 'flags', category: 'design' },
  { pointer: '/iteration/treatments', field: 'treatments', category: 'design' },
];

/** The rule for a JSON-patch path: the entry whose pointer is the path or one of its prefixes. */
export function ruleFor(path: string): FieldRule | undefined {
  return EXPERIMENT_FIELD_RULES.find((r) => path === r.pointer || path.startsWith(`${r.pointer}/`));
}

/** Holdouts: only name and description can change after creation (LaunchDarkly has no other instruction). */
export const HOLDOUT_MUTABLE_FIELDS: readonly string[] = ['name', 'description'];
