/**
 * What the plan hash covers: every part of a saved plan that apply acts on or that a reviewer is
 * shown. Each row edits one thing in a copy of a plan; the hash must change (or, for the list of
 * unmanaged resources, must not).
 */
import { describe, expect, it } from 'vitest';

import { computePlanHash } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/types.js';
import { realisticPlan } from '../render/plan-fixtures.js';

type Unhashed = Omit<Plan, 'hash'>;

function unhashed(): Unhashed {
  const plan: Partial<Plan> = realisticPlan();
  delete plan.hash;
  return plan as Unhashed;
}

function body(plan: Unhashed, index: number): Record<string, unknown> {
  return plan.steps[index]!.body as Record<string, unknown>;
}

const COVERED: [string, (plan: Unhashed) => void][] = [
  ['a request body', (p) => (body(p, 0)['name'] = 'Edited')],
  ['a body nested value', (p) => (body(p, 2)['instructions'] = [{ kind: 'updateName', value: 'x' }])],
  ['the step order', (p) => p.steps.reverse()],
  ['a step method', (p) => (p.steps[0]!.method = 'PATCH')],
  ['a step path', (p) => (p.steps[2]!.path = '/api/v2/projects/web/experiments/production/other')],
  ['a step dependsOn', (p) => (p.steps[1]!.dependsOn = [])],
  ['a step after', (p) => (p.steps[2]!.after = ['s1'])],
  [
    'a step binding',
    (p) => (p.steps[1]!.bindings = [{ bodyPointer: '/holdoutId', fromStep: 's1', responsePointer: '/_id' }]),
  ],
  ['a step impact', (p) => (p.steps[6]!.impact = 'metadata')],
  ['a step reason', (p) => (p.steps[0]!.reason = 'Harmless')],
  ['the target base URL', (p) => (p.target.baseUrl = 'https://app.eu.launchdarkly.com')],
  ['the target environments', (p) => (p.target.environments = ['staging'])],
  ['the format version', (p) => ((p as { formatVersion: number }).formatVersion = 2)],
  ['a shown change', (p) => (p.resources[1]!.changes[0]!.to = 'Something else')],
  ['a resource impact', (p) => (p.resources[5]!.impact = 'none')],
  ['the summary counts', (p) => (p.summary.create = 0)],
  ['a warning', (p) => (p.warnings = [])],
  ['a fingerprint', (p) => (p.fingerprints['experiment/web/production/pricing-copy'] = 'sha256:moved')],
];

describe('computePlanHash', () => {
  const baseline = computePlanHash(unhashed());

  it('is a sha256 hex digest, the same for equal plans', () => {
    expect(baseline).toMatch(/^[0-9a-f]{64}$/);
    expect(computePlanHash(unhashed())).toBe(baseline);
  });

  it('does not depend on key order (the plan file sorts keys)', () => {
    const plan = unhashed();
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as Unhashed;
    expect(computePlanHash(reordered)).toBe(baseline);
  });

  it.each(COVERED)('covers %s', (_what, edit) => {
    const plan = unhashed();
    edit(plan);
    expect(computePlanHash(plan)).not.toBe(baseline);
  });

  it('leaves out the unmanaged resources and their count, which change with unrelated experiments', () => {
    const plan = unhashed();
    plan.unmanaged = [];
    plan.summary.unmanaged = 0;
    expect(computePlanHash(plan)).toBe(baseline);
  });

  it('ignores a hash field passed in, so a plan can be checked against its own hash', () => {
    const plan = realisticPlan();
    expect(computePlanHash(plan)).toBe(baseline);
  });
});
