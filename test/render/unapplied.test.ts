/** Differences that cannot be applied, notices and read bindings, in every output. */
import { describe, expect, it } from 'vitest';

import { hasChanges, hasSteps } from '../../src/plan/types.js';
import {
  parsePlanJson,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  summaryLine,
} from '../../src/render/index.js';
import { emptyPlan, partlyAppliedPlan, readBindingPlan, realisticPlan, unappliedPlan } from './plan-fixtures.js';

describe('what a plan says about differences that cannot be applied', () => {
  it.each([
    ['nothing differs', emptyPlan(), false, false, 'No changes. LaunchDarkly matches the manifests.'],
    [
      'only differences that cannot be applied',
      unappliedPlan(),
      false,
      true,
      'Nothing to apply, but 1 resource differs from LaunchDarkly in ways that cannot be applied.',
    ],
    [
      'steps and a difference left',
      partlyAppliedPlan(),
      true,
      true,
      'Plan: 0 to create, 1 to update, 1 step. Also, 1 resource differs from LaunchDarkly in ways that cannot be applied.',
    ],
  ])('%s', (_, plan, steps, changes, line) => {
    expect(hasSteps(plan)).toBe(steps);
    expect(hasChanges(plan)).toBe(changes);
    expect(summaryLine(plan)).toBe(line);
  });

  it('text: the resource is shown (though nothing is sent), each difference, why, and the notice', () => {
    expect(renderPlanText(unappliedPlan(), { color: false })).toBe(
      [
        'ldexp plan for https://app.launchdarkly.com  (projects: web; environments: production)',
        '',
        '! experiment web/production/exp-stopped (Stopped test)  differs: cannot be applied',
        '    not applied: iteration.hypothesis: Treatment converts better → A sharper hypothesis',
        '    why: experiment "exp-stopped" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
        '',
        'Notices:',
        '    PruneSkipped  Pruning skipped: this run sees only part of the managed set.',
        '',
        'Nothing to apply, but 1 resource differs from LaunchDarkly in ways that cannot be applied.',
        '',
      ].join('\n'),
    );
  });

  it('text: a resource with steps lists what is applied, then what is not', () => {
    const lines = renderPlanText(partlyAppliedPlan(), { color: false }).split('\n');
    expect(lines.slice(2, 7)).toEqual([
      '~ experiment web/production/exp-stopped (Stopped test)  update: metadata only',
      '    name: Old → Stopped test',
      '    1. PATCH /api/v2/projects/web/experiments/production/exp-stopped  updateExperimentFields  [metadata]  updates the name',
      '    not applied: iteration.hypothesis: Treatment converts better → A sharper hypothesis',
      '    why: experiment "exp-stopped" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
    ]);
  });

  it('Markdown: the summary never says "No changes", the notice sits in the header, the section shows both sides', () => {
    const markdown = renderPlanMarkdown(unappliedPlan());
    expect(markdown).not.toContain('No changes');
    expect(markdown).toContain(
      [
        '**Nothing to apply**, but 1 resource differs from LaunchDarkly in ways that cannot be applied.',
        '',
        '> [!NOTE]',
        '> <code>PruneSkipped</code>: Pruning skipped: this run sees only part of the managed set.',
      ].join('\n'),
    );
    expect(markdown).toContain(
      [
        '#### ⚠️ Keep experiment “Stopped test” · differs, cannot be applied',
        '',
        '<code>experiment/web/production/exp-stopped</code> · stopped → stopped',
        '',
        'Nothing is sent for it: LaunchDarkly keeps what it has.',
        '',
        '**Cannot be applied:** experiment &quot;exp-stopped&quot; is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
        '',
        '| Field | Manifest | LaunchDarkly |',
        '| --- | --- | --- |',
        '| iteration.hypothesis | A sharper hypothesis | Treatment converts better |',
      ].join('\n'),
    );
  });

  it('Markdown: a notice is kept when the detail is truncated', () => {
    const markdown = renderPlanMarkdown({ ...realisticPlan(), notices: unappliedPlan().notices }, { maxLength: 1200 });
    expect(markdown).toContain('> <code>PruneSkipped</code>');
    expect(markdown).toContain('not shown');
  });

  it('JSON: round-trips and validates, with the count in the summary', () => {
    for (const plan of [unappliedPlan(), partlyAppliedPlan(), readBindingPlan()]) {
      expect(parsePlanJson(renderPlanJson(plan))).toEqual(plan);
    }
    expect(unappliedPlan().summary.unapplied).toBe(1);
  });
});

describe('read bindings', () => {
  it('are shown with their GET when verbose', () => {
    const verbose = renderPlanText(readBindingPlan(), { color: false, verbose: true }).split('\n');
    const start = verbose.findIndex((line) => line.includes('2. PATCH'));
    expect(verbose.slice(start + 1, start + 3).map((line) => line.trim())).toEqual([
      'waits for step 1',
      '/instructions/0/value/flags/value/shared-flag/flagConfigVersion ← /environments/production/version of GET /api/v2/flags/web/shared-flag?env=production, read right before sending',
    ]);
  });

  it.each([
    ['both a step and a GET', { fromStep: 's1' }],
    ['a GET that is not an API path', { fromGet: 'https://elsewhere.example/flags' }],
  ])('a binding with %s is not a valid plan', (_, change) => {
    const value = JSON.parse(renderPlanJson(readBindingPlan())) as { steps: { bindings: object[] }[] };
    value.steps[1]!.bindings[0] = { ...value.steps[1]!.bindings[0], ...change };
    expect(() => parsePlanJson(JSON.stringify(value))).toThrow('The plan file is not a valid ldexp plan');
  });
});
