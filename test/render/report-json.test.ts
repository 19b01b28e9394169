/** The JSON documents scripts read: apply --json and validate --json, against their published schemas. */
import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import type { ApplyReport } from '../../src/apply/types.js';
import {
  applyReportSchema,
  renderApplyReportJson,
  renderValidateReportJson,
  validateReportSchema,
} from '../../src/render/index.js';
import type { Problem } from '../../src/types.js';
import { realisticPlan } from './plan-fixtures.js';

function published(name: string): object {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
}

const ajv = new Ajv({ strict: true, allErrors: true });
const validApplyReport = ajv.compile(published('apply-report.schema.json'));
const validValidateReport = ajv.compile(published('validate-report.schema.json'));

const PLAN = realisticPlan();

const PARTIAL: ApplyReport = {
  planHash: PLAN.hash,
  ok: 2,
  failed: 1,
  skipped: 1,
  unknown: 0,
  interrupted: false,
  outcomes: [
    { status: 'ok', stepId: 's1', httpStatus: 201 },
    { status: 'failed', stepId: 's2', httpStatus: 400, code: 'invalid_request', message: 'flag is off' },
    { status: 'ok', stepId: 's3', httpStatus: 200 },
    { status: 'skipped', stepId: 's5', reason: 'not run because step "s4" failed' },
  ],
};

describe('apply report JSON', () => {
  it('the published schema equals the schema in code', () => {
    expect(published('apply-report.schema.json')).toEqual(applyReportSchema);
  });

  it('gives every step what was sent and LaunchDarkly’s answer, in plan order', () => {
    const text = renderApplyReportJson(PARTIAL, PLAN);
    expect(text.endsWith('}\n')).toBe(true);
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(validApplyReport(report)).toBe(true);
    expect(report).toEqual({
      formatVersion: 1,
      planHash: PLAN.hash,
      result: 'failed',
      summary: 'Apply failed: 1 failed, 1 skipped, 2 succeeded.',
      ok: 2,
      failed: 1,
      skipped: 1,
      unknown: 0,
      interrupted: false,
      steps: [
        {
          number: 1,
          id: 's1',
          resource: 'experiment/web/production/checkout-button',
          kind: 'createExperiment',
          method: 'POST',
          path: '/api/v2/projects/web/experiments/production',
          instructions: [],
          impact: 'create',
          status: 'ok',
          httpStatus: 201,
        },
        {
          number: 2,
          id: 's2',
          resource: 'experiment/web/production/checkout-button',
          kind: 'patchExperiment',
          method: 'PATCH',
          path: '/api/v2/projects/web/experiments/production/checkout-button',
          instructions: ['startIteration'],
          impact: 'start',
          status: 'failed',
          httpStatus: 400,
          code: 'invalid_request',
          message: 'flag is off',
        },
        {
          number: 3,
          id: 's3',
          resource: 'experiment/web/production/pricing-copy',
          kind: 'patchExperiment',
          method: 'PATCH',
          path: '/api/v2/projects/web/experiments/production/pricing-copy',
          instructions: ['updateName', 'updateDescription'],
          impact: 'metadata',
          status: 'ok',
          httpStatus: 200,
        },
        {
          number: 5,
          id: 's5',
          resource: 'experiment/web/production/search-ranking',
          kind: 'patchExperiment',
          method: 'PATCH',
          path: '/api/v2/projects/web/experiments/production/search-ranking',
          instructions: ['startIteration'],
          impact: 'new-iteration',
          status: 'skipped',
          reason: 'not run because step "s4" failed',
        },
      ],
    });
  });

  it.each([
    [{ ...PARTIAL, failed: 0, skipped: 0, outcomes: PARTIAL.outcomes.slice(0, 1), ok: 1 }, 'applied'],
    [{ ...PARTIAL, failed: 0, ok: 0, outcomes: PARTIAL.outcomes.slice(3) }, 'incomplete'],
    [{ planHash: PLAN.hash, ok: 0, failed: 0, skipped: 0, unknown: 0, interrupted: false, outcomes: [] }, 'no-changes'],
    [
      {
        ...PARTIAL,
        failed: 0,
        ok: 1,
        skipped: 1,
        unknown: 1,
        interrupted: true,
        outcomes: [
          { status: 'ok', stepId: 's1', httpStatus: 201 },
          { status: 'unknown', stepId: 's2', reason: 'sent, but apply was interrupted before the answer came' },
          { status: 'skipped', stepId: 's3', reason: 'not started: apply was interrupted' },
        ],
      },
      'interrupted',
    ],
  ] as [ApplyReport, string][])('result %#: %s', (report, result) => {
    const parsed = JSON.parse(renderApplyReportJson(report, PLAN)) as { result: string };
    expect(validApplyReport(parsed)).toBe(true);
    expect(parsed.result).toBe(result);
  });

  it('a failure without LaunchDarkly’s code (network error) has status 0 and no code', () => {
    const report: ApplyReport = {
      planHash: PLAN.hash,
      ok: 0,
      failed: 1,
      skipped: 0,
      unknown: 0,
      interrupted: false,
      outcomes: [{ status: 'failed', stepId: 's3', httpStatus: 0, message: 'connect ECONNREFUSED 127.0.0.1:9' }],
    };
    const parsed = JSON.parse(renderApplyReportJson(report, PLAN)) as { steps: Record<string, unknown>[] };
    expect(validApplyReport(parsed)).toBe(true);
    expect(parsed.steps[0]).toMatchObject({ status: 'failed', httpStatus: 0 });
    expect(parsed.steps[0]).not.toHaveProperty('code');
  });
});

describe('validate report JSON', () => {
  const PROBLEMS: Problem[] = [
    {
      severity: 'error',
      code: 'SchemaEnum',
      message: 'spec.state: expected one of draft, running, stopped, archived, found string "paused"',
      position: { file: '/work/repo/bad/exp.yaml', line: 9, column: 10, endLine: 9, endColumn: 16 },
      pointer: '/spec/state',
      candidates: ['draft', 'running', 'stopped', 'archived'],
    },
    { severity: 'error', code: 'PathNotFound', message: 'path not found: typo' },
    {
      severity: 'warning',
      code: 'YamlWarning',
      message: 'YAML: Unresolved tag: !fancy',
      position: { file: 'other/x.yaml', line: 2, column: 1 },
    },
  ];

  it('the published schema equals the schema in code', () => {
    expect(published('validate-report.schema.json')).toEqual(validateReportSchema);
  });

  it('lists every problem flat, file:line:column first, paths relative to the working directory', () => {
    const parsed = JSON.parse(renderValidateReportJson(PROBLEMS, { files: 2, resources: 1 }, { cwd: '/work/repo' }));
    expect(validValidateReport(parsed)).toBe(true);
    expect(parsed).toEqual({
      formatVersion: 1,
      valid: false,
      files: 2,
      resources: 1,
      errors: 2,
      warnings: 1,
      problems: [
        {
          file: 'bad/exp.yaml',
          line: 9,
          column: 10,
          endLine: 9,
          endColumn: 16,
          severity: 'error',
          code: 'SchemaEnum',
          message: 'spec.state: expected one of draft, running, stopped, archived, found string "paused"',
          pointer: '/spec/state',
          candidates: ['draft', 'running', 'stopped', 'archived'],
        },
        { severity: 'error', code: 'PathNotFound', message: 'path not found: typo' },
        {
          file: 'other/x.yaml',
          line: 2,
          column: 1,
          severity: 'warning',
          code: 'YamlWarning',
          message: 'YAML: Unresolved tag: !fancy',
        },
      ],
    });
  });

  it('is valid with warnings only, and with no problems at all', () => {
    for (const problems of [PROBLEMS.slice(2), []]) {
      const parsed = JSON.parse(renderValidateReportJson(problems, { files: 1, resources: 1 })) as { valid: boolean };
      expect(validValidateReport(parsed)).toBe(true);
      expect(parsed.valid).toBe(true);
    }
  });
});
