/** Every operation the emulator implements, by its OpenAPI method and path template. */
import { createExperiment, createIteration } from './experiments/create.js';
import { getExperiment } from './experiments/get.js';
import { listExperiments } from './experiments/list.js';
import { patchExperiment } from './experiments/patch.js';
import { listEnvironments } from './environments.js';
import { getFlag } from './flags.js';
import { listFlags } from './flags-list.js';
import { createHoldout, getHoldout, getHoldoutById, listHoldouts, patchHoldout } from './holdouts.js';
import {
  getExperimentationSettings,
  getMetric,
  getMetricGroup,
  listContextKinds,
  listMetricGroups,
  listMetrics,
} from './metrics.js';
import type { Route } from './router.js';

const ENV = '/api/v2/projects/{projectKey}/environments/{environmentKey}';
const EXPERIMENT = `${ENV}/experiments/{experimentKey}`;

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    operationId: 'getExperiments',
    template: `${ENV}/experiments`,
    body: 'none',
    handle: listExperiments,
  },
  {
    method: 'POST',
    operationId: 'createExperiment',
    template: `${ENV}/experiments`,
    body: 'json',
    handle: createExperiment,
  },
  { method: 'GET', operationId: 'getExperiment', template: EXPERIMENT, body: 'none', handle: getExperiment },
  {
    method: 'PATCH',
    operationId: 'patchExperiment',
    template: EXPERIMENT,
    body: 'semanticPatch',
    handle: patchExperiment,
  },
  {
    method: 'POST',
    operationId: 'createIteration',
    template: `${EXPERIMENT}/iterations`,
    body: 'json',
    handle: createIteration,
  },
  {
    method: 'GET',
    operationId: 'getExperimentsAnyEnv',
    template: '/api/v2/projects/{projectKey}/experiments',
    body: 'none',
    handle: listExperiments,
  },
  {
    method: 'GET',
    operationId: 'getExperimentationSettings',
    template: '/api/v2/projects/{projectKey}/experimentation-settings',
    body: 'none',
    handle: getExperimentationSettings,
  },
  { method: 'GET', operationId: 'getAllHoldouts', template: `${ENV}/holdouts`, body: 'none', handle: listHoldouts },
  { method: 'POST', operationId: 'postHoldout', template: `${ENV}/holdouts`, body: 'json', handle: createHoldout },
  {
    method: 'GET',
    operationId: 'getHoldoutById',
    template: `${ENV}/holdouts/id/{holdoutId}`,
    body: 'none',
    handle: getHoldoutById,
  },
  {
    method: 'GET',
    operationId: 'getHoldout',
    template: `${ENV}/holdouts/{holdoutKey}`,
    body: 'none',
    handle: getHoldout,
  },
  {
    method: 'PATCH',
    operationId: 'patchHoldout',
    template: `${ENV}/holdouts/{holdoutKey}`,
    body: 'semanticPatch',
    handle: patchHoldout,
  },
  {
    method: 'GET',
    operationId: 'getFeatureFlags',
    template: '/api/v2/flags/{projectKey}',
    body: 'none',
    handle: listFlags,
  },
  {
    method: 'GET',
    operationId: 'getFeatureFlag',
    template: '/api/v2/flags/{projectKey}/{featureFlagKey}',
    body: 'none',
    handle: getFlag,
  },
  {
    method: 'GET',
    operationId: 'getMetrics',
    template: '/api/v2/metrics/{projectKey}',
    body: 'none',
    handle: listMetrics,
  },
  {
    method: 'GET',
    operationId: 'getMetric',
    template: '/api/v2/metrics/{projectKey}/{metricKey}',
    body: 'none',
    handle: getMetric,
  },
  {
    method: 'GET',
    operationId: 'getMetricGroups',
    template: '/api/v2/projects/{projectKey}/metric-groups',
    body: 'none',
    beta: true,
    handle: listMetricGroups,
  },
  {
    method: 'GET',
    operationId: 'getMetricGroup',
    template: '/api/v2/projects/{projectKey}/metric-groups/{metricGroupKey}',
    body: 'none',
    beta: true,
    handle: getMetricGroup,
  },
  {
    method: 'GET',
    operationId: 'getContextKindsByProjectKey',
    template: '/api/v2/projects/{projectKey}/context-kinds',
    body: 'none',
    handle: listContextKinds,
  },
  {
    method: 'GET',
    operationId: 'getEnvironmentsByProject',
    template: '/api/v2/projects/{projectKey}/environments',
    body: 'none',
    handle: listEnvironments,
  },
];
