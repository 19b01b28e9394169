import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';

import { parseManifestText } from '../../src/manifest/index.js';
import { readSchemas } from '../helpers/schemas.js';

const schemas = await readSchemas();

describe('published JSON Schemas', () => {
  test.each(Object.entries(schemas))('%s has an $id, a title and a description for editors', (name, schema) => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://ldexp.dev/schemas/v1/${name}.schema.json`,
      title: expect.any(String),
      description: expect.any(String),
    });
  });

  test('manifest.schema.json (the editor entry point) accepts every valid document and picks the kind', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema([schemas.experiment, schemas.holdout, schemas.config]);
    const validate = ajv.compile(schemas.manifest);
    const file = path.join(import.meta.dirname, 'fixtures', 'valid.yaml');
    const { documents } = parseManifestText('valid.yaml', readFileSync(file, 'utf8'));
    expect(documents.map((d) => validate(d.data))).toEqual([true, true, true, true, true]);
    expect(validate({ apiVersion: 'ldexp/v1', kind: 'Config', prunes: true })).toBe(false);
    expect(validate({ apiVersion: 'ldexp/v1', kind: 'Holdout' })).toBe(false);
  });

  test('every object schema closes its fields (additionalProperties is never left open)', () => {
    const open: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.additionalProperties === undefined) open.push(where);
      for (const [key, value] of Object.entries(record)) visit(value, `${where}/${key}`);
    };
    for (const [name, schema] of Object.entries(schemas)) visit(schema, name);
    expect(open).toEqual([]);
  });
});
