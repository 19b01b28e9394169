/** JSON Schema (draft-07) of the seed file; structure only, references are checked while building. */
import { conditionsSchema } from './conditions/schema.js';

const str = { type: 'string', minLength: 1 } as const;
const strings = { type: 'array', items: str } as const;
const scalar = { type: ['string', 'number', 'boolean'] } as const;
const percent = { type: ['string', 'number'] } as const;

function obj(properties: Record<string, unknown>, required: string[] = []): object {
  return { type: 'object', properties, required, additionalProperties: false };
}

const iteration = obj(
  {
    hypothesis: { type: 'string' },
    flag: str,
    rule: str,
    flags: {
      type: 'array',
      minItems: 1,
      items: obj({ flag: str, rule: str, notInExperimentVariation: scalar }, ['flag']),
    },
    randomizationUnit: str,
    primaryMetric: str,
    metrics: strings,
    attributes: strings,
    canReshuffleTraffic: { type: 'boolean' },
    treatments: {
      type: 'array',
      minItems: 1,
      items: obj(
        {
          name: str,
          variation: scalar,
          parameters: {
            type: 'array',
            minItems: 1,
            items: obj({ flag: str, variation: scalar }, ['flag', 'variation']),
          },
          allocation: percent,
          baseline: { type: 'boolean' },
        },
        ['allocation'],
      ),
    },
    winner: str,
    winningReason: { type: 'string' },
    reallocationFrequencyMillis: { type: 'integer', minimum: 1 },
  },
  ['treatments'],
);

const experiment = obj(
  {
    key: str,
    name: str,
    description: { type: 'string' },
    tags: strings,
    methodology: { enum: ['bayesian', 'frequentist', 'export_only'] },
    dataSource: { enum: ['launchdarkly', 'snowflake'] },
    type: { enum: ['experiment', 'mab'] },
    maintainerId: str,
    analysisConfig: obj({
      bayesianThreshold: str,
      significanceThreshold: str,
      testDirection: str,
      multipleComparisonCorrectionMethod: { enum: ['bonferroni', 'benjamini-hochberg'] },
      multipleComparisonCorrectionScope: { enum: ['variations', 'variations-and-metrics', 'metrics'] },
      sequentialTestingEnabled: { type: 'boolean' },
    }),
    holdout: str,
    state: { enum: ['draft', 'running', 'stopped', 'archived'] },
    iteration,
    previousIterations: { type: 'array', items: iteration },
    draftIteration: iteration,
  },
  ['key', 'state', 'iteration'],
);

const holdout = obj(
  {
    key: str,
    name: str,
    description: { type: 'string' },
    holdoutAmount: percent,
    randomizationUnit: str,
    primaryMetric: str,
    metrics: strings,
    attributes: strings,
    status: { enum: ['created', 'enabled', 'running', 'ended'] },
  },
  ['key', 'holdoutAmount'],
);

const flagEnv = obj({
  on: { type: 'boolean' },
  archived: { type: 'boolean' },
  version: { type: 'integer', minimum: 1 },
  rules: {
    type: 'array',
    items: obj({
      _id: str,
      ref: str,
      description: { type: 'string' },
      clauses: {
        type: 'array',
        items: obj(
          {
            attribute: str,
            op: str,
            values: { type: 'array' },
            contextKind: str,
            negate: { type: 'boolean' },
          },
          ['attribute', 'values'],
        ),
      },
      variation: scalar,
    }),
  },
  fallthrough: scalar,
  offVariation: scalar,
});

const flag = obj(
  {
    key: str,
    name: str,
    kind: { enum: ['boolean', 'multivariate'] },
    description: { type: 'string' },
    archived: { type: 'boolean' },
    tags: strings,
    variations: {
      type: 'array',
      minItems: 2,
      items: obj({ _id: str, value: {}, name: str, description: { type: 'string' } }, ['value']),
    },
    environments: { type: 'object', additionalProperties: flagEnv },
  },
  ['key'],
);

const project = obj(
  {
    key: str,
    name: str,
    contextKinds: {
      type: 'array',
      items: obj({ key: str, name: str, description: { type: 'string' } }, ['key']),
    },
    randomizationUnits: {
      type: 'array',
      items: obj({ randomizationUnit: str, default: { type: 'boolean' }, displayName: str }, ['randomizationUnit']),
    },
    environments: { ...strings, minItems: 1 },
    flags: { type: 'array', items: flag },
    metrics: {
      type: 'array',
      items: obj(
        {
          key: str,
          name: str,
          kind: { enum: ['pageview', 'click', 'custom'] },
          isNumeric: { type: 'boolean' },
          eventKey: str,
          unitAggregationType: { enum: ['sum', 'average'] },
          description: { type: 'string' },
          tags: strings,
        },
        ['key'],
      ),
    },
    metricGroups: {
      type: 'array',
      items: obj(
        {
          key: str,
          name: str,
          kind: { enum: ['funnel', 'standard'] },
          description: { type: 'string' },
          tags: strings,
          metrics: {
            type: 'array',
            minItems: 1,
            items: obj({ key: str, nameInGroup: str }, ['key']),
          },
        },
        ['key', 'kind', 'metrics'],
      ),
    },
    experiments: { type: 'object', additionalProperties: { type: 'array', items: experiment } },
    holdouts: { type: 'object', additionalProperties: { type: 'array', items: holdout } },
  },
  ['key', 'environments'],
);

/** The seed schema. */
export const seedSchema = obj({ projects: { type: 'array', items: project }, conditions: conditionsSchema }, [
  'projects',
]);
