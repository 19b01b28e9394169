/**
 * What each LaunchDarkly operation ldexp calls answers when it succeeds, from the official OpenAPI
 * document: the one documented status and the shape of the body. An answer that differs is not a
 * success, whatever its status (`verify.ts`). test/live/operations.test.ts checks this table
 * against the document.
 */

/** `list`: an object whose `itemsKey` is an array. `object`: a JSON object with these fields. */
export type BodyShape = { kind: 'list'; itemsKey: string } | { kind: 'object'; fields: readonly string[] };

export interface Operation {
  /** The OpenAPI `operationId`. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** The OpenAPI path template, e.g. `/api/v2/flags/{projectKey}`. */
  template: string;
  /** The documented success status. */
  status: number;
  body: BodyShape;
  /** What the body represents, for messages. */
  what: string;
  /** Sent with `LD-API-Version: beta` (see the README of this folder for why holdouts are). */
  beta?: true;
}

/** What a request to a route outside the table must at least answer. */
export interface Expectation {
  /** Undefined outside the table: any 2xx. */
  status: number | undefined;
  /** Undefined outside the table: any JSON. */
  body: BodyShape | undefined;
  what: string;
}

const ENV = '/api/v2/projects/{projectKey}/environments/{environmentKey}';
const list: BodyShape = { kind: 'list', itemsKey: 'items' };
/**
 * A few fields the documented representation requires and ldexp relies on: enough to tell an
 * experiment from an error page or another object, without rejecting a field LaunchDarkly adds.
 */
const experiment: BodyShape = { kind: 'object', fields: ['key'] };
const holdout: BodyShape = { kind: 'object', fields: ['_id', 'status'] };

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'getFeatureFlags',
    method: 'GET',
    template: '/api/v2/flags/{projectKey}',
    status: 200,
    body: list,
    what: 'a list of flags',
  },
  {
    id: 'getFeatureFlag',
    method: 'GET',
    template: '/api/v2/flags/{projectKey}/{featureFlagKey}',
    status: 200,
    body: { kind: 'object', fields: ['key', 'variations'] },
    what: 'a flag',
  },
  {
    id: 'getMetrics',
    method: 'GET',
    template: '/api/v2/metrics/{projectKey}',
    status: 200,
    body: list,
    what: 'a list of metrics',
  },
  {
    id: 'getMetricGroups',
    method: 'GET',
    template: '/api/v2/projects/{projectKey}/metric-groups',
    status: 200,
    body: list,
    what: 'a list of metric groups',
    beta: true,
  },
  {
    id: 'getContextKindsByProjectKey',
    method: 'GET',
    template: '/api/v2/projects/{projectKey}/context-kinds',
    status: 200,
    body: list,
    what: 'a list of context kinds',
  },
  {
    id: 'getEnvironmentsByProject',
    method: 'GET',
    template: '/api/v2/projects/{projectKey}/environments',
    status: 200,
    body: list,
    what: 'a list of environments',
  },
  {
    id: 'getExperimentationSettings',
    method: 'GET',
    template: '/api/v2/projects/{projectKey}/experimentation-settings',
    status: 200,
    body: { kind: 'object', fields: [] },
    what: 'experimentation settings',
  },
  {
    id: 'getExperiments',
    method: 'GET',
    template: `${ENV}/experiments`,
    status: 200,
    body: list,
    what: 'a list of experiments',
  },
  {
    id: 'getExperimentsAnyEnv',
    method: 'GET',
    template: '/api/v2/projects/{projectKey}/experiments',
    status: 200,
    body: list,
    what: 'a list of experiments',
  },
  {
    id: 'createExperiment',
    method: 'POST',
    template: `${ENV}/experiments`,
    status: 201,
    body: experiment,
    what: 'an experiment',
  },
  {
    id: 'getExperiment',
    method: 'GET',
    template: `${ENV}/experiments/{experimentKey}`,
    status: 200,
    body: experiment,
    what: 'an experiment',
  },
  {
    id: 'patchExperiment',
    method: 'PATCH',
    template: `${ENV}/experiments/{experimentKey}`,
    status: 200,
    body: experiment,
    what: 'an experiment',
  },
  {
    id: 'createIteration',
    method: 'POST',
    template: `${ENV}/experiments/{experimentKey}/iterations`,
    status: 200,
    body: { kind: 'object', fields: ['status'] },
    what: 'an iteration',
  },
  {
    id: 'getAllHoldouts',
    method: 'GET',
    template: `${ENV}/holdouts`,
    status: 200,
    body: list,
    what: 'a list of holdouts',
    beta: true,
  },
  {
    id: 'postHoldout',
    method: 'POST',
    template: `${ENV}/holdouts`,
    status: 201,
    body: holdout,
    what: 'a holdout',
    beta: true,
  },
  {
    id: 'getHoldout',
    method: 'GET',
    template: `${ENV}/holdouts/{holdoutKey}`,
    status: 200,
    body: holdout,
    what: 'a holdout',
    beta: true,
  },
  {
    id: 'patchHoldout',
    method: 'PATCH',
    template: `${ENV}/holdouts/{holdoutKey}`,
    status: 200,
    body: holdout,
    what: 'a holdout',
    beta: true,
  },
];

const MATCHERS = OPERATIONS.map((operation) => ({
  operation,
  // A parameter is one path segment; ldexp encodes keys with encodeURIComponent, so none holds a "/".
  pattern: new RegExp(`^${operation.template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The table entry for a request; `path` is without the query string. */
export function operationFor(method: string, path: string): Operation | undefined {
  return MATCHERS.find((m) => m.operation.method === method && m.pattern.test(path))?.operation;
}

/** What the answer to `method path` must be: the documented one, or any JSON 2xx outside the table. */
export function expectationFor(method: string, path: string): Expectation {
  const operation = operationFor(method, path);
  if (!operation) return { status: undefined, body: undefined, what: 'JSON' };
  return { status: operation.status, body: operation.body, what: operation.what };
}
