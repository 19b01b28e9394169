/** `ldexp drift --format json`: exact documents, valid against the published schema. */
import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import { driftReport } from '../../src/origin/index.js';
import { driftReportSchema, renderDriftJson } from '../../src/render/index.js';
import { plan, resource } from './plan-fixtures.js';

const published = JSON.parse(
  readFileSync(new URL('../../schemas/drift-report.schema.json', import.meta.url), 'utf8'),
) as object;
const valid = new Ajv({ strict: true, allErrors: true }).compile(published);
const BASE = { ref: 'origin/main', commit: '0123456789abcdef0123456789abcdef01234567' };
const TARGET = { baseUrl: 'https://app.launchdarkly.com', projects: ['web'], environments: ['production'] };

function rendered(text: string): unknown {
  expect(text.endsWith('}\n')).toBe(true);
  const document = JSON.parse(text) as unknown;
  expect(valid(document), JSON.stringify(valid.errors)).toBe(true);
  return document;
}

describe('drift report JSON', () => {
  it('the published schema equals the schema in code', () => {
    expect(published).toEqual(driftReportSchema);
  });

  it('no drift: drifted false, and a resource LaunchDarkly lacks is listed as not created', () => {
    const source = { file: 'manifests/new.yaml', line: 1, column: 1 };
    const report = driftReport(
      plan({
        resources: [
          resource('same', { action: 'no-op' }),
          resource('new', { action: 'create', stateTo: 'draft', source, changes: [{ field: 'name', to: 'New' }] }),
        ],
      }),
    );
    expect(rendered(renderDriftJson(report))).toEqual({
      formatVersion: 1,
      drifted: false,
      summary: 'No drift: LaunchDarkly matches Git.',
      target: TARGET,
      drift: [],
      pending: [],
      notCreated: [
        {
          address: 'experiment/web/production/new',
          type: 'experiment',
          project: 'web',
          environment: 'production',
          key: 'new',
          name: 'new',
          source,
        },
      ],
    });
  });

  it("with a base: what LaunchDarkly has and Git says per field, Git's own changes pending, a state and an archive", () => {
    const report = driftReport({
      ...plan({
        resources: [
          resource('x', {
            stateFrom: 'stopped',
            stateTo: 'running',
            stateOrigin: 'drift',
            changes: [
              { field: 'name', from: 'UI name', to: 'Git name', origin: 'both' },
              { field: 'description', from: 'old', to: 'new', origin: 'git' },
              { field: 'tags', to: 'a, b', origin: 'drift' },
            ],
          }),
        ],
      }),
      base: BASE,
    });
    const entry = {
      address: 'experiment/web/production/x',
      type: 'experiment',
      project: 'web',
      environment: 'production',
      key: 'x',
      name: 'x',
      noManifest: false,
    };
    expect(rendered(renderDriftJson(report))).toEqual({
      formatVersion: 1,
      drifted: true,
      summary:
        'Drift in 1 resource: LaunchDarkly was changed outside Git, and applying the manifests would revert it. To keep what LaunchDarkly has, run ldexp pull: it writes it into the manifests.',
      target: TARGET,
      base: BASE,
      drift: [
        {
          ...entry,
          state: { live: 'stopped', git: 'running', origin: 'drift' },
          changes: [
            { field: 'name', from: 'UI name', to: 'Git name', origin: 'both' },
            { field: 'tags', to: 'a, b', origin: 'drift' },
          ],
        },
      ],
      pending: [{ ...entry, changes: [{ field: 'description', from: 'old', to: 'new', origin: 'git' }] }],
      notCreated: [],
    });
  });

  it('marks a managed resource no manifest describes (apply archives it)', () => {
    const report = driftReport(
      plan({
        resources: [resource('gone', { stateFrom: 'running', stateTo: 'archived' })],
        unmanaged: [{ address: 'experiment/web/production/gone', type: 'experiment', name: 'gone', status: 'running' }],
      }),
    );
    const [entry] = (rendered(renderDriftJson(report)) as { drift: Record<string, unknown>[] }).drift;
    expect(entry).toMatchObject({ key: 'gone', noManifest: true, state: { live: 'running', git: 'archived' } });
  });
});
