/**
 * ldexp validates manifests with validators generated at build time (ajv standalone code), so the
 * schemas are neither read nor compiled on each run. These tests keep the generated module equal
 * to what the schemas give, and its answers equal to an in-process compile.
 */
import { describe, expect, test } from 'vitest';

import { compileSchemas, standaloneValidators } from '../../src/schema/compile.js';
import { manifestValidators } from '../../src/schema/validators.js';
import { readSchemas } from '../helpers/schemas.js';

const schemas = await readSchemas();

describe('the generated manifest validators', () => {
  test('are what schemas/*.schema.json give (refresh with -u after editing a schema)', async () => {
    await expect(standaloneValidators(schemas)).toMatchFileSnapshot('../../src/schema/generated/validators.ts');
  });

  test('import the runtime helpers as ES modules: `require` does not exist in ESM', () => {
    const code = standaloneValidators(schemas);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).toMatch(/= ajvRuntime\(ajvRuntime_equal\);$/m);
    expect(code).toMatch(/^import ajvRuntime_\w+ from "ajv\/dist\/runtime\/\w+\.js";$/m);
  });

  const cases: [kind: 'Experiment' | 'Holdout' | 'Config', data: unknown][] = [
    ['Config', { apiVersion: 'ldexp/v1', kind: 'Config', project: 'p', prune: 'yes' }],
    ['Config', { apiVersion: 'ldexp/v1', kind: 'Config', allowedTargets: ['p/e'] }],
    ['Holdout', { apiVersion: 'ldexp/v1', kind: 'Holdout', metadata: { key: 'h' }, spec: { holdoutAmount: 200 } }],
    ['Experiment', { apiVersion: 'ldexp/v1', kind: 'Experiment', metadata: { key: 'Bad Key!' }, spec: {} }],
    ['Experiment', { apiVersion: 'ldexp/v1', kind: 'Experiment', metadata: { key: 'e', extra: 1 }, spec: [] }],
    // minLength runs ajv's ucs2length helper, the generated module's imported runtime.
    ['Experiment', { apiVersion: 'ldexp/v1', kind: 'Experiment', metadata: { key: 'e' }, spec: { name: '' } }],
  ];
  const compiled = compileSchemas(schemas);

  test.each(cases)('%s: same verdict and errors as the schemas compiled in-process (%j)', (kind, data) => {
    const generated = manifestValidators[kind];
    const reference = compiled[kind];
    expect(generated(data)).toBe(reference(data));
    expect(generated.errors ?? null).toEqual(reference.errors ?? null);
  });

  test('errors carry the failing data and parent schema (verbose), which messages quote', () => {
    const validate = manifestValidators.Config;
    expect(validate({ apiVersion: 'ldexp/v1', kind: 'Config', prune: 'yes' })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/prune',
        keyword: 'type',
        data: 'yes',
        parentSchema: expect.anything(),
      }),
    );
  });
});
