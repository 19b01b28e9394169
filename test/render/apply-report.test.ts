import { describe, expect, it } from 'vitest';

import type { ApplyReport } from '../../src/apply/types.js';
import { renderApplyReportMarkdown, renderApplyReportText } from '../../src/render/index.js';
import { realisticPlan } from './plan-fixtures.js';

const PLAN = realisticPlan();

const FAILED: ApplyReport = {
  planHash: PLAN.hash,
  ok: 3,
  failed: 1,
  skipped: 2,
  unknown: 0,
  interrupted: false,
  outcomes: [
    { status: 'ok', stepId: 's1', httpStatus: 201 },
    { status: 'failed', stepId: 's2', httpStatus: 400, code: 'invalid_request', message: 'flag is off' },
    { status: 'ok', stepId: 's3', httpStatus: 200 },
    { status: 'ok', stepId: 's4', httpStatus: 201 },
    { status: 'skipped', stepId: 's5', reason: 'apply stopped after a failure' },
    { status: 'skipped', stepId: 'gone', reason: 'not in the plan' },
  ],
};

const INTERRUPTED: ApplyReport = {
  planHash: PLAN.hash,
  ok: 1,
  failed: 0,
  skipped: 1,
  unknown: 1,
  interrupted: true,
  outcomes: [
    { status: 'ok', stepId: 's1', httpStatus: 201 },
    { status: 'unknown', stepId: 's2', reason: 'no answer before apply stopped waiting' },
    { status: 'skipped', stepId: 's3', reason: 'not started: apply was interrupted' },
  ],
};

function succeeded(count: number): ApplyReport {
  const outcomes = PLAN.steps.slice(0, count).map((s) => ({ status: 'ok' as const, stepId: s.id, httpStatus: 200 }));
  return { planHash: PLAN.hash, ok: count, failed: 0, skipped: 0, unknown: 0, interrupted: false, outcomes };
}

describe('apply report', () => {
  it('renders each step with its outcome, then the summary', () => {
    expect(renderApplyReportText(FAILED, PLAN, { color: false })).toMatchInlineSnapshot(`
      "✓ 1. createExperiment  experiment web/production/checkout-button  201
      ✗ 2. startIteration  experiment web/production/checkout-button  400 invalid_request: flag is off
      ✓ 3. updateName, updateDescription  experiment web/production/pricing-copy  200
      ✓ 4. createIteration  experiment web/production/search-ranking  201
      - 5. startIteration  experiment web/production/search-ranking  skipped: apply stopped after a failure
      - ?. step gone  skipped: not in the plan

      Apply failed: 1 failed, 2 skipped, 3 succeeded.
      "
    `);
  });

  it.each([
    [succeeded(5), 'Apply complete: 5 steps succeeded.'],
    [succeeded(1), 'Apply complete: 1 step succeeded.'],
    [succeeded(0), 'Apply complete: nothing to do.'],
    [FAILED, 'Apply failed: 1 failed, 2 skipped, 3 succeeded.'],
    [{ ...succeeded(2), skipped: 1 }, 'Apply incomplete: 1 skipped, 2 succeeded.'],
    [
      INTERRUPTED,
      'Apply interrupted: 1 succeeded, 1 outcome unknown, 1 not started. Run ldexp plan to see what remains.',
    ],
    [
      { ...FAILED, interrupted: true },
      'Apply interrupted: 3 succeeded, 1 failed, 2 skipped or not started. Run ldexp plan to see what remains.',
    ],
    [{ ...succeeded(0), interrupted: true }, 'Apply interrupted: nothing started. Run ldexp plan to see what remains.'],
  ])('ends with the summary line (%#)', (report, line) => {
    expect(renderApplyReportText(report, PLAN, { color: false }).trimEnd().split('\n').at(-1)).toBe(line);
  });

  it('marks a step whose outcome is unknown with "?", in text and Markdown', () => {
    expect(renderApplyReportText(INTERRUPTED, PLAN, { color: false }).split('\n').slice(0, 3)).toEqual([
      '✓ 1. createExperiment  experiment web/production/checkout-button  201',
      '? 2. startIteration  experiment web/production/checkout-button  outcome unknown: no answer before apply stopped waiting',
      '- 3. updateName, updateDescription  experiment web/production/pricing-copy  skipped: not started: apply was interrupted',
    ]);
    expect(renderApplyReportMarkdown(INTERRUPTED, PLAN)).toContain(
      '| ❓ | 2 | <code>startIteration</code> | <code>experiment/web/production/checkout-button</code> | outcome unknown: no answer before apply stopped waiting |',
    );
  });

  it('colors only when asked', () => {
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes
    expect(renderApplyReportText(FAILED, PLAN, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderApplyReportText(FAILED, PLAN, { color: true })).toContain('\u001b[31m✗\u001b[39m');
  });

  it('renders a Markdown table', () => {
    expect(renderApplyReportMarkdown(FAILED, PLAN)).toMatchInlineSnapshot(`
      "### ldexp apply

      **Apply failed: 1 failed, 2 skipped, 3 succeeded.**

      | | # | Step | Resource | Result |
      | --- | --- | --- | --- | --- |
      | ✅ | 1 | <code>createExperiment</code> | <code>experiment/web/production/checkout-button</code> | 201 |
      | ❌ | 2 | <code>startIteration</code> | <code>experiment/web/production/checkout-button</code> | 400 invalid\\_request: flag is off |
      | ✅ | 3 | <code>updateName, updateDescription</code> | <code>experiment/web/production/pricing-copy</code> | 200 |
      | ✅ | 4 | <code>createIteration</code> | <code>experiment/web/production/search-ranking</code> | 201 |
      | ⏭️ | 5 | <code>startIteration</code> | <code>experiment/web/production/search-ranking</code> | skipped: apply stopped after a failure |
      | ⏭️ | ? | gone | — | skipped: not in the plan |
      "
    `);
  });
});
