/**
 * The field-rule tables: which part of a canonical experiment (or holdout) maps to which
 * `updateExperimentFields` field, and what kind of change it is. Every field list the planner
 * needs (metadata, design, experiment-level, immutable) is a question asked of these tables.
 * Field names are the project's documented choice for updateExperimentFields (ExperimentPost /
 * IterationInput names).
 */

/**
 * `metadata`: allowed while running or stopped. `design`: needs a draft, or a new iteration when
 * running. `holdout`: membership, changed only at creation or by leaving. `immutable`: no
 * instruction changes it.
 */
export type FieldCategory = 'metadata' | 'design' | 'holdout' | 'immutable';

export interface FieldRule {
  /** JSON pointer (prefix) in the canonical value. */
  readonly pointer: string;
  /** The updateExperimentFields field; `primary` stands for primarySingleMetricKey / primaryFunnelKey. */
  readonly field: string;
  readonly category: FieldCategory;
  /** Part of the iteration (IterationInput), not of the experiment itself. */
  readonly inIteration: boolean;
  /** A running iteration accepts `add` for this set-like field, so growing it needs no new iteration. */
  readonly addWhileRunning?: boolean;
}

function rule(pointer: string, field: string, category: FieldCategory, addWhileRunning?: true): FieldRule {
  const out: FieldRule = { pointer, field, category, inIteration: pointer.startsWith('/iteration/') };
  return addWhileRunning ? { ...out, addWhileRunning } : out;
}

export const EXPERIMENT_FIELD_RULES: readonly FieldRule[] = [
  rule('/name', 'name', 'metadata'),
  rule('/description', 'description', 'metadata'),
  rule('/maintainerId', 'maintainerId', 'metadata'),
  rule('/tags', 'tags', 'metadata'),
  // Experiment-level, but only mutable while not started: treated as design.
  rule('/methodology', 'methodology', 'design'),
  rule('/analysisConfig', 'analysisConfig', 'design'),
  rule('/dataSource', 'dataSource', 'design'),
  // No instruction changes an experiment's type.
  rule('/type', 'type', 'immutable'),
  // Joining happens only at creation; leaving is the holdout's removeExperiment.
  rule('/holdout', 'holdoutId', 'holdout'),
  rule('/iteration/hypothesis', 'hypothesis', 'design'),
  rule('/iteration/randomizationUnit', 'randomizationUnit', 'design'),
  rule('/iteration/attributes', 'attributes', 'design', true),
  rule('/iteration/canReshuffleTraffic', 'canReshuffleTraffic', 'design'),
  rule('/iteration/reallocationFrequencyMillis', 'reallocationFrequencyMillis', 'design'),
  rule('/iteration/primary', 'primary', 'design'),
  rule('/iteration/metrics', 'metrics', 'design', true),
  rule('/iteration/flags', 'flags', 'design'),
  rule('/iteration/treatments', 'treatments', 'design'),
];

/**
 * Holdouts, in manifest order (so instructions and errors come out in a stable order): only name
 * and description can change after creation; LaunchDarkly has no instruction for the others.
 */
export const HOLDOUT_FIELD_RULES: readonly FieldRule[] = [
  rule('/name', 'name', 'metadata'),
  rule('/description', 'description', 'metadata'),
  rule('/randomizationUnit', 'randomizationUnit', 'immutable'),
  rule('/attributes', 'attributes', 'immutable'),
  rule('/holdoutAmount', 'holdoutAmount', 'immutable'),
  rule('/primaryMetric', 'primaryMetric', 'immutable'),
  rule('/metrics', 'metrics', 'immutable'),
  rule('/maintainerId', 'maintainerId', 'immutable'),
];

/** The rule for a JSON-patch path: the entry whose pointer is the path or one of its prefixes. */
export function ruleFor(path: string, rules: readonly FieldRule[] = EXPERIMENT_FIELD_RULES): FieldRule | undefined {
  return rules.find((r) => path === r.pointer || path.startsWith(`${r.pointer}/`));
}
