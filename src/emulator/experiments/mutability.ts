/**
 * Which fields `updateExperimentFields` may change, per status of the iteration being edited. The
 * document only says this depends on the status and is exposed as `mutableFieldsByStatus`.
 * Choice (following LaunchDarkly's own agent tooling): a draft can change everything; a running
 * iteration only metadata plus appended metrics/attributes; a stopped one only metadata.
 * Field names are those of ExperimentPost / IterationInput.
 */
import type { IterationStatus } from '../state.js';

export type FieldAction = 'add' | 'update' | 'remove';

const ARRAY: FieldAction[] = ['add', 'update', 'remove'];
const SET: FieldAction[] = ['update'];
const OPTIONAL: FieldAction[] = ['update', 'remove'];

/** Fields that live on the experiment rather than on an iteration. */
export const EXPERIMENT_FIELDS = [
  'name',
  'description',
  'maintainerId',
  'tags',
  'methodology',
  'analysisConfig',
  'dataSource',
] as const;

export const MUTABLE_FIELDS: Record<IterationStatus, Record<string, FieldAction[]>> = {
  not_started: {
    name: SET,
    description: OPTIONAL,
    maintainerId: SET,
    tags: ARRAY,
    methodology: SET,
    analysisConfig: OPTIONAL,
    dataSource: SET,
    hypothesis: SET,
    canReshuffleTraffic: SET,
    metrics: ARRAY,
    primarySingleMetricKey: OPTIONAL,
    primaryFunnelKey: OPTIONAL,
    treatments: ARRAY,
    flags: SET,
    randomizationUnit: OPTIONAL,
    reallocationFrequencyMillis: OPTIONAL,
    attributes: ARRAY,
  },
  running: {
    name: SET,
    description: SET,
    maintainerId: SET,
    tags: ARRAY,
    metrics: ['add'],
    attributes: ['add'],
  },
  stopped: {
    name: SET,
    description: SET,
    maintainerId: SET,
    tags: ARRAY,
  },
};
