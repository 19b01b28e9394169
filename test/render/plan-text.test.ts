import { describe, expect, it } from 'vitest';

import { renderPlanText } from '../../src/render/index.js';
import { emptyPlan, plan, realisticPlan, resource, step } from './plan-fixtures.js';

// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
const ANSI = /\u001b\[/;

describe('renderPlanText', () => {
  it('renders a realistic plan', () => {
    expect(renderPlanText(realisticPlan(), { color: false })).toMatchInlineSnapshot(`
      "ldexp plan for https://app.launchdarkly.com  (projects: web; environments: production)

      + experiment web/production/checkout-button (Checkout button placement)  create, then start
          absent → running
          name: Checkout button placement
          iteration.hypothesis: Moving the button above the fold increases conversion
          treatment Control: 50%
          treatment Above the fold: 50%
          1. POST /api/v2/projects/web/experiments/production  createExperiment  [create]  Create the experiment with its first iteration as a draft
          2. PATCH /api/v2/projects/web/experiments/production/checkout-button  startIteration  [start]  Start the first iteration

      ~ experiment web/production/pricing-copy (Pricing page copy)  update: metadata only
          name: Pricing copy → Pricing page copy
          description: (unset) → Does plain language sell more plans?
          3. PATCH /api/v2/projects/web/experiments/production/pricing-copy  updateName, updateDescription  [metadata]  Rename and describe the experiment

      ~ experiment web/production/search-ranking (Search ranking v2)  ⚠ update: new iteration: results restart from zero
          iteration.treatments[Control].allocationPercent: 50 → 80
          iteration.treatments[Ranked].allocationPercent: 50 → 20
          4. POST /api/v2/projects/web/experiments/production/search-ranking/iterations  createIteration  ⚠ [new-iteration]  The allocation changed: save a new iteration
          5. PATCH /api/v2/projects/web/experiments/production/search-ranking  startIteration  ⚠ [new-iteration]  Start the new iteration (justification: Rebalance after bug fix)

      ~ experiment web/production/onboarding-tour (Onboarding tour length)  update: stops the experiment
          running → stopped
          stop.winner: (unset) → Short tour
          6. PATCH /api/v2/projects/web/experiments/production/onboarding-tour  stopIteration  [stop]  Stop with winner Short tour: shorter tour won

      ~ experiment web/production/old-banner (Old banner)  update: archives
          stopped → archived
          7. PATCH /api/v2/projects/web/experiments/production/old-banner  archiveExperiment  [archive]  The manifest says archived

      ~ holdout web/production/q3-holdout (Q3 global holdout)  ⚠ update: irreversible: cannot be undone
          active → ended
          8. PATCH /api/v2/projects/web/environments/production/holdouts/q3-holdout  endHoldout  ⚠ [irreversible]  The manifest says ended

      Left alone (not in the manifests):
          experiment web/production/legacy-test (Legacy test)  running

      Warnings:
          experiments/checkout.yaml:12:15  warning  UnknownDataSource  dataSource "bigquery" is not known; sent as written

      ⚠ Results restart from zero: experiment web/production/search-ranking (Search ranking v2), steps 4, 5
      ⚠ Cannot be undone: holdout web/production/q3-holdout (Q3 global holdout), step 8

      Plan: 1 to create, 5 to update, 8 steps (1 start, 1 new iteration, 1 stop, 1 archive, 1 irreversible change).
      "
    `);
  });

  it('says exactly that nothing changes when there are no steps', () => {
    const lines = renderPlanText(emptyPlan(), { color: false }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('No changes. LaunchDarkly matches the manifests.');
  });

  it('shows no-op resources, dependencies and bodies only when verbose', () => {
    const quiet = renderPlanText(realisticPlan(), { color: false });
    const verbose = renderPlanText(realisticPlan(), { color: false, verbose: true });
    expect(quiet).not.toContain('homepage-hero');
    expect(verbose).toContain('experiment web/production/homepage-hero (Homepage hero)  unchanged');
    expect(verbose).toContain('after step 1');
    expect(verbose).toContain('"kind": "startIteration"');
    expect(verbose).toContain('from experiments/checkout.yaml:1:1');
  });

  it('says which steps a step waits for (after) when verbose', () => {
    const p = realisticPlan();
    p.steps[5] = { ...p.steps[5]!, after: ['s1', 's3'] };
    expect(renderPlanText(p, { color: false })).not.toContain('waits for');
    const verbose = renderPlanText(p, { color: false, verbose: true }).split('\n');
    const stop = verbose.findIndex((line) => line.includes('stopIteration'));
    expect(verbose[stop + 1]?.trim()).toBe('waits for step 1, 3');
  });

  it('has no ANSI escape without color and has them with color', () => {
    expect(renderPlanText(realisticPlan(), { color: false })).not.toMatch(ANSI);
    expect(renderPlanText(realisticPlan(), { color: false, verbose: true })).not.toMatch(ANSI);
    expect(renderPlanText(realisticPlan(), { color: true })).toMatch(ANSI);
  });

  it('makes results-reset and irreversible the loudest (bold red, ⚠), stop and archive yellow, creates green', () => {
    const colored = renderPlanText(realisticPlan(), { color: true });
    const loud = (text: string) => `\u001b[1m\u001b[31m⚠ ${text}\u001b[39m\u001b[22m`;
    expect(colored).toContain(loud('[new-iteration]'));
    expect(colored).toContain(loud('update: new iteration: results restart from zero'));
    expect(colored).toContain(loud('[irreversible]'));
    expect(colored).toContain(
      loud('Results restart from zero: experiment web/production/search-ranking (Search ranking v2), steps 4, 5'),
    );
    expect(colored).toContain('\u001b[33m[stop]\u001b[39m');
    expect(colored).toContain('\u001b[33m[archive]\u001b[39m');
    expect(colored).not.toContain('\u001b[31m[archive]');
    expect(colored).toContain('\u001b[32m+\u001b[39m');
    expect(colored).toContain('\u001b[33m~\u001b[39m');
  });

  it('prints step numbers in order: resources follow their first step, not their address', () => {
    // As planned for an experiment joining a holdout created in the same run: the holdout's
    // create (step 2) must come first, yet "experiment/…" sorts before "holdout/…".
    const p = plan({
      resources: [
        resource('a-exp', { action: 'create', impact: 'start', stepIds: ['s3', 's4'] }),
        resource('b-exp', { stepIds: ['s1'] }),
        resource('h', { type: 'holdout', action: 'create', impact: 'create', stepIds: ['s2'] }),
        resource('c-exp', { action: 'no-op', impact: 'none' }),
      ],
      steps: [
        step('s1', 'experiment/web/production/b-exp'),
        step('s2', 'holdout/web/production/h', { kind: 'createHoldout', method: 'POST', impact: 'create' }),
        step('s3', 'experiment/web/production/a-exp', { kind: 'createExperiment', method: 'POST', impact: 'create' }),
        step('s4', 'experiment/web/production/a-exp', { instructions: ['startIteration'], impact: 'start' }),
      ],
    });
    for (const verbose of [false, true]) {
      const text = renderPlanText(p, { color: false, verbose });
      const numbers = [...text.matchAll(/^ {4}(\d+)\. /gm)].map((match) => Number(match[1]));
      expect(numbers).toEqual([1, 2, 3, 4]);
    }
    expect(renderPlanText(p, { color: false, verbose: true }).trimEnd().split('\n\n').at(-2)).toBe(
      '  experiment web/production/c-exp (c-exp)  unchanged',
    );
  });

  it('repeats nothing above the summary when no change resets results or is irreversible', () => {
    const p = plan({
      resources: [resource('old', { impact: 'archive', stepIds: ['s1'] })],
      steps: [step('s1', 'experiment/web/production/old', { impact: 'archive', instructions: ['archiveExperiment'] })],
    });
    expect(renderPlanText(p, { color: false })).not.toContain('⚠');
  });
});
