/** The table of documented answers agrees with LaunchDarkly's OpenAPI document, entry by entry. */
import { describe, expect, it } from 'vitest';

import { OPERATIONS, expectationFor, operationFor } from '../../src/live/operations.js';
import { loadOpenApiDocument, resolveOpenApiPath } from '../emulator/openapi-validator.js';

type Obj = Record<string, unknown>;

const doc = loadOpenApiDocument(resolveOpenApiPath());

function resolve(node: unknown): Obj {
  let current = node as Obj;
  while (typeof current['$ref'] === 'string') {
    const [, , kind = '', name = ''] = current['$ref'].split('/');
    current = ((doc['components'] as Obj)[kind] as Obj)[name] as Obj;
  }
  return current;
}

function documented(method: string, template: string): Obj {
  const operation = ((doc['paths'] as Obj)[template] as Obj | undefined)?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`${method} ${template} is not in the OpenAPI document`);
  return operation as Obj;
}

describe.each(OPERATIONS)('$method $template', (operation) => {
  const spec = documented(operation.method, operation.template);
  const responses = spec['responses'] as Obj;

  it('has the operationId and the one success status the document gives', () => {
    expect(spec['operationId']).toBe(operation.id);
    expect(Object.keys(responses).filter((status) => status.startsWith('2'))).toEqual([String(operation.status)]);
  });

  it('checks only what the documented JSON representation promises', () => {
    const content = resolve(responses[String(operation.status)])['content'] as Obj;
    const schema = resolve((content['application/json'] as Obj)['schema']);
    expect(schema['type'] ?? 'object').toBe('object');
    const properties = schema['properties'] as Obj;
    if (operation.body.kind === 'list') {
      expect(resolve(properties[operation.body.itemsKey])['type']).toBe('array');
    } else {
      expect(schema['required'] ?? []).toEqual(expect.arrayContaining([...operation.body.fields]));
    }
  });
});

describe('operationFor', () => {
  const env = '/api/v2/projects/web/environments/production';
  it.each([
    ['GET', '/api/v2/flags/web', 'getFeatureFlags'],
    ['GET', '/api/v2/flags/web/new%2Fflag', 'getFeatureFlag'],
    ['GET', '/api/v2/metrics/web', 'getMetrics'],
    ['GET', '/api/v2/projects/web/metric-groups', 'getMetricGroups'],
    ['GET', '/api/v2/projects/web/context-kinds', 'getContextKindsByProjectKey'],
    ['GET', '/api/v2/projects/web/experimentation-settings', 'getExperimentationSettings'],
    ['GET', '/api/v2/projects/web/environments', 'getEnvironmentsByProject'],
    ['GET', `${env}/experiments`, 'getExperiments'],
    ['POST', `${env}/experiments`, 'createExperiment'],
    ['GET', `${env}/experiments/exp`, 'getExperiment'],
    ['PATCH', `${env}/experiments/exp`, 'patchExperiment'],
    ['POST', `${env}/experiments/exp/iterations`, 'createIteration'],
    ['GET', `${env}/holdouts`, 'getAllHoldouts'],
    ['POST', `${env}/holdouts`, 'postHoldout'],
    ['GET', `${env}/holdouts/h`, 'getHoldout'],
    ['PATCH', `${env}/holdouts/h`, 'patchHoldout'],
    ['DELETE', `${env}/experiments/exp`, undefined],
    ['GET', `${env}/holdouts/id/abc`, undefined],
    ['GET', `${env}/experiments/exp/extra`, undefined],
    ['GET', '/api/v2/flags/web/', undefined],
    ['GET', '/x', undefined],
  ])('%s %s → %s', (method, path, id) => {
    expect(operationFor(method, path)?.id).toBe(id);
  });

  it('expects any JSON 2xx outside the table', () => {
    expect(expectationFor('GET', '/x')).toEqual({ status: undefined, body: undefined, what: 'JSON' });
  });
});
