/** The bad-manifest table, shared by the in-process validator test and the CLI exit-code test. */
import path from 'node:path';

import type { Severity } from '../../src/types.js';

export const BAD_MANIFESTS_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'bad-manifests');

/** [code, file, line, column, part of the message, severity (default error)] */
export type Expected = [string, string, number, number, string, Severity?];

/**
 * [fixture, its problems, how many resources the model still holds]. Whatever is wrong with a
 * document keeps it out of the model (0, the default); a warning does not, and of two documents
 * defining the same resource the first one stays.
 */
export type BadCase = [fixture: string, expected: Expected[], kept?: number];

// Each fixture is a valid manifest with one defect (see the file); positions are 1-based.
export const EXPERIMENT_CASES: BadCase[] = [
  ['yaml-syntax.yaml', [['YamlSyntax', 'yaml-syntax.yaml', 15, 5, 'Flow map in block collection']]],
  [
    'duplicate-yaml-key.yaml',
    [['DuplicateYamlKey', 'duplicate-yaml-key.yaml', 9, 3, 'duplicate key "name" in a mapping (first at line 8)']],
  ],
  [
    'wrong-type-allocation.yaml',
    [
      [
        'SchemaType',
        'wrong-type-allocation.yaml',
        17,
        39,
        'spec.iteration.treatments[1].allocationPercent: expected number, found string "fifty"',
      ],
    ],
  ],
  [
    'wrong-type-tags.yaml',
    [['SchemaType', 'wrong-type-tags.yaml', 9, 9, 'spec.tags: expected array, found string "checkout"']],
  ],
  [
    'unknown-field.yaml',
    [
      [
        'SchemaUnknownField',
        'unknown-field.yaml',
        9,
        3,
        'spec: unknown field "owner"; allowed fields: name, description, maintainerId',
      ],
    ],
  ],
  [
    'missing-state.yaml',
    [
      [
        'SchemaRequired',
        'missing-state.yaml',
        8,
        3,
        'spec: missing required field "state" (draft | running | stopped | archived)',
      ],
    ],
  ],
  [
    'bad-state.yaml',
    [
      [
        'SchemaEnum',
        'bad-state.yaml',
        9,
        10,
        'spec.state: expected one of draft, running, stopped, archived, found string "paused"',
      ],
    ],
  ],
  [
    'bad-methodology.yaml',
    [['SchemaEnum', 'bad-methodology.yaml', 9, 16, 'expected one of bayesian, frequentist, export_only']],
  ],
  ['two-baselines.yaml', [['BaselineCount', 'two-baselines.yaml', 17, 30, 'treatments[1] "B" is a second baseline']]],
  [
    'no-baseline.yaml',
    [['BaselineCount', 'no-baseline.yaml', 16, 7, 'no treatment has baseline: true; mark exactly one of A, B']],
  ],
  [
    'duplicate-treatment-names.yaml',
    [['DuplicateTreatmentName', 'duplicate-treatment-names.yaml', 17, 17, '"A" is already the name of treatments[0]']],
  ],
  [
    'allocation-sum.yaml',
    [['AllocationSum', 'allocation-sum.yaml', 16, 7, 'sum to 90 (50 + 40); they must sum to 100']],
  ],
  [
    'allocation-all-zero.yaml',
    [['AllocationAllZero', 'allocation-all-zero.yaml', 16, 7, 'every allocationPercent is 0']],
  ],
  [
    'allocation-over-100.yaml',
    [
      [
        'SchemaRange',
        'allocation-over-100.yaml',
        16,
        55,
        'treatments[0].allocationPercent: expected a number <= 100, found number 150',
      ],
      [
        'SchemaRange',
        'allocation-over-100.yaml',
        17,
        39,
        'treatments[1].allocationPercent: expected a number >= 0, found number -50',
      ],
    ],
  ],
  [
    'unknown-winner.yaml',
    [['UnknownWinner', 'unknown-winner.yaml', 19, 13, '"C" is not a treatment; expected one of A, B']],
  ],
  [
    'stopped-without-stop.yaml',
    [['MissingStop', 'stopped-without-stop.yaml', 9, 10, 'spec.stop: required when state is stopped']],
  ],
  [
    'shorthand-two-flags.yaml',
    [
      [
        'VariationShorthand',
        'shorthand-two-flags.yaml',
        17,
        70,
        'treatment "A": the variation shorthand needs exactly one flag, but the iteration has 2 (f, g)',
      ],
      ['VariationShorthand', 'shorthand-two-flags.yaml', 18, 54, 'treatment "B"'],
    ],
  ],
  [
    'variation-and-variations.yaml',
    [['VariationShorthand', 'variation-and-variations.yaml', 17, 54, 'set variation or variations, not both']],
  ],
  [
    'treatment-missing-flag.yaml',
    [['TreatmentFlagMismatch', 'treatment-missing-flag.yaml', 18, 55, 'treatment "B" names no variation for flag "g"']],
  ],
  [
    'treatment-unknown-flag.yaml',
    [
      [
        'TreatmentFlagMismatch',
        'treatment-unknown-flag.yaml',
        17,
        63,
        'treatment "B" names flag "h", which is not in spec.iteration.flags (f)',
      ],
    ],
  ],
  [
    'bad-variation-ref.yaml',
    [['SchemaType', 'bad-variation-ref.yaml', 17, 54, 'treatments[1].variation: expected a variation reference']],
  ],
  [
    'both-primaries.yaml',
    [['PrimaryMetricChoice', 'both-primaries.yaml', 13, 5, 'exactly one of primaryMetric or primaryFunnel, not both']],
  ],
  ['no-primary.yaml', [['PrimaryMetricChoice', 'no-primary.yaml', 11, 5, 'no primary metric; set primaryMetric']]],
  [
    'bad-key.yaml',
    [
      [
        'SchemaPattern',
        'bad-key.yaml',
        4,
        8,
        `metadata.key: expected a key of letters, digits, '.', '_' or '-', found string "checkout button"`,
      ],
    ],
  ],
  [
    'bad-flag-key.yaml',
    [['SchemaPattern', 'bad-flag-key.yaml', 14, 7, 'spec.iteration.flags: key "my flag" is not valid']],
  ],
  [
    'duplicate-keys',
    [
      [
        'DuplicateKey',
        'duplicate-keys/b.yaml',
        5,
        8,
        'Experiment "exp" in web/production is already defined at duplicate-keys/a.yaml:4:8',
      ],
    ],
    1,
  ],
  ['realloc-without-mab.yaml', [['MabOnlyField', 'realloc-without-mab.yaml', 13, 5, 'only valid with spec.type: mab']]],
  [
    'empty-holdout.yaml',
    [['EmptyHoldout', 'empty-holdout.yaml', 9, 3, 'spec.holdout: empty value; write `holdout: null` to remove']],
  ],
  [
    'holdout-number.yaml',
    [
      [
        'SchemaType',
        'holdout-number.yaml',
        9,
        12,
        "spec.holdout: expected a holdout key (letters, digits, '.', '_' or '-'), or null to remove the experiment from its holdout, found number 7",
      ],
    ],
  ],
  [
    'replaces-iteration-zero.yaml',
    [
      [
        'SchemaRange',
        'replaces-iteration-zero.yaml',
        19,
        24,
        'spec.iteration.replacesIteration: expected a number >= 1, found number 0',
      ],
    ],
  ],
  [
    'too-many-attributes.yaml',
    [
      [
        'SchemaMaxItems',
        'too-many-attributes.yaml',
        13,
        17,
        'spec.iteration.attributes: expected at most 5 items, found 6',
      ],
    ],
  ],
  [
    'empty-treatments.yaml',
    [['SchemaMinItems', 'empty-treatments.yaml', 15, 17, 'expected at least 1 item(s), found 0']],
  ],
  [
    'unknown-api-version.yaml',
    [
      [
        'UnsupportedApiVersion',
        'unknown-api-version.yaml',
        1,
        13,
        'expected ldexp/v1 (the only supported version), found string "ldexp/v2"',
      ],
    ],
  ],
  [
    'unknown-kind.yaml',
    [
      [
        'UnknownKind',
        'unknown-kind.yaml',
        2,
        7,
        'expected one of Experiment, Holdout, Config, found string "Experimnt"',
      ],
    ],
  ],
  ['missing-project.yaml', [['MissingTarget', 'missing-project.yaml', 4, 3, 'Experiment "exp": no project']]],
  [
    'two-configs.yaml',
    [['MultipleConfigs', 'two-configs.yaml', 6, 7, 'only one is allowed per run (first at two-configs.yaml:1:1)']],
  ],
  [
    'config-unknown-field.yaml',
    [
      [
        'SchemaUnknownField',
        'config-unknown-field.yaml',
        4,
        1,
        'unknown field "prunes"; allowed fields: apiVersion, kind, project, environment, prune, managedTag',
      ],
    ],
  ],
  [
    'environment-and-environments.yaml',
    [['EnvironmentConflict', 'environment-and-environments.yaml', 7, 3, 'set environment or environments, not both']],
  ],
  [
    'duplicate-environments.yaml',
    [['SchemaUniqueItems', 'duplicate-environments.yaml', 6, 39, 'metadata.environments: items 0 and 2 are equal']],
  ],
  [
    'unknown-data-source.yaml',
    [
      [
        'UnknownDataSource',
        'unknown-data-source.yaml',
        9,
        15,
        '"bigquery" is not a data source ldexp knows',
        'warning',
      ],
    ],
    1,
  ],
  [
    'not-a-mapping.yaml',
    [['SchemaType', 'not-a-mapping.yaml', 1, 1, 'document: expected a mapping with apiVersion and kind, found array']],
  ],
  [
    'empty-flags.yaml',
    [['SchemaMinProperties', 'empty-flags.yaml', 13, 12, 'spec.iteration.flags: expected at least 1 entry, found 0']],
  ],
  [
    'empty-name.yaml',
    [['SchemaMinLength', 'empty-name.yaml', 8, 9, 'spec.name: expected a non-empty string, found string ""']],
  ],
  [
    'integer-reallocation.yaml',
    [
      [
        'SchemaType',
        'integer-reallocation.yaml',
        14,
        34,
        'reallocationFrequencyMillis: expected integer, found number 1.5',
      ],
    ],
  ],
  ['yaml-unknown-tag.yaml', [['YamlWarning', 'yaml-unknown-tag.yaml', 8, 9, 'Unresolved tag: !fancy', 'warning']], 1],
];

export const HOLDOUT_CASES: BadCase[] = [
  [
    'holdout-amount-zero.yaml',
    [['SchemaRange', 'holdout-amount-zero.yaml', 9, 18, 'spec.holdoutAmount: expected a number > 0, found number 0']],
  ],
  [
    'holdout-amount-100.yaml',
    [
      [
        'SchemaRange',
        'holdout-amount-100.yaml',
        9,
        18,
        'spec.holdoutAmount: expected a number < 100, found number 100',
      ],
    ],
  ],
  [
    'holdout-amount-negative.yaml',
    [['SchemaRange', 'holdout-amount-negative.yaml', 9, 18, 'expected a number > 0, found number -5']],
  ],
  [
    'holdout-amount-string.yaml',
    [['SchemaType', 'holdout-amount-string.yaml', 9, 18, 'spec.holdoutAmount: expected number, found string "5%"']],
  ],
  [
    'holdout-missing-state.yaml',
    [['SchemaRequired', 'holdout-missing-state.yaml', 8, 3, 'spec: missing required field "state" (active | ended)']],
  ],
  [
    'holdout-bad-state.yaml',
    [
      [
        'SchemaEnum',
        'holdout-bad-state.yaml',
        12,
        10,
        'spec.state: expected one of active, ended, found string "running"',
      ],
    ],
  ],
  [
    'holdout-unknown-field.yaml',
    [
      [
        'SchemaUnknownField',
        'holdout-unknown-field.yaml',
        9,
        3,
        'spec: unknown field "amount"; allowed fields: name, description, randomizationUnit',
      ],
    ],
  ],
  [
    'holdout-bad-key.yaml',
    [['SchemaPattern', 'holdout-bad-key.yaml', 4, 8, 'metadata.key: expected a key of letters']],
  ],
  [
    'holdout-primary-not-in-metrics.yaml',
    [
      [
        'HoldoutPrimaryNotInMetrics',
        'holdout-primary-not-in-metrics.yaml',
        10,
        18,
        '"revenue" is not in spec.metrics (clicks, funnel)',
      ],
    ],
  ],
  [
    'holdout-missing-name.yaml',
    [['SchemaRequired', 'holdout-missing-name.yaml', 8, 3, 'spec: missing required field "name"']],
  ],
  [
    'holdout-missing-metrics.yaml',
    [['SchemaRequired', 'holdout-missing-metrics.yaml', 8, 3, 'spec: missing required field "metrics"']],
  ],
  [
    'holdout-duplicate-key.yaml',
    [
      [
        'DuplicateKey',
        'holdout-duplicate-key.yaml',
        17,
        8,
        'Holdout "hold" in web/production is already defined at holdout-duplicate-key.yaml:4:8',
      ],
    ],
    1,
  ],
  [
    'holdout-environments.yaml',
    [
      [
        'SchemaUnknownField',
        'holdout-environments.yaml',
        6,
        3,
        'metadata: unknown field "environments"; allowed fields: key, project, environment',
      ],
    ],
  ],
  [
    'holdout-too-many-attributes.yaml',
    [
      [
        'SchemaMaxItems',
        'holdout-too-many-attributes.yaml',
        9,
        15,
        'spec.attributes: expected at most 5 items, found 6',
      ],
    ],
  ],
];
