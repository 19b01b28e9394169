/** Shared assertions for plan tests. */
import { expect } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import type { ManifestSet } from '../../src/manifest/types.js';
import { buildPlan } from '../../src/pipeline.js';
import type { Plan, PlanStep } from '../../src/plan/types.js';
import type { Problem } from '../../src/types.js';

/** Plan and insist there is no error. */
export function planOf(desired: ManifestSet, live: LiveState): Plan {
  const { plan, problems } = buildPlan(desired, live);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(plan).toBeDefined();
  return plan!;
}

/** Plan and insist it fails; returns the errors. */
export function errorsOf(desired: ManifestSet, live: LiveState): Problem[] {
  const { plan, problems } = buildPlan(desired, live);
  expect(plan).toBeUndefined();
  return problems.filter((p) => p.severity === 'error');
}

/** The shape of a step that tables compare. */
export function shape(
  step: PlanStep,
): Pick<PlanStep, 'id' | 'kind' | 'method' | 'path' | 'instructions' | 'dependsOn' | 'impact'> {
  return {
    id: step.id,
    kind: step.kind,
    method: step.method,
    path: step.path,
    instructions: step.instructions,
    dependsOn: step.dependsOn,
    impact: step.impact,
  };
}

/** The semantic-patch instructions of a step's body. */
export function instructionsOf(step: PlanStep | undefined): Record<string, unknown>[] {
  return (step?.body as { instructions: Record<string, unknown>[] }).instructions;
}
