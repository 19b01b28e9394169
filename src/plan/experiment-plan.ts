/**
 * One experiment's plan: its row, the lifecycle cell's value and the checks around it (type,
 * mutability, membership), combined into keyed steps and what they change.
 */
import type { LiveStatus } from '../normalize/status.js';
import { formatAddress, type Problem } from '../types.js';
import type { DraftStep, StepFactory, StepSpec } from './draft.js';
import { experimentRow, type ExperimentInput, type ExperimentRow } from './experiment.js';
import { planLifecycle } from './lifecycle.js';
import { checkImmutable, planMembership } from './membership.js';
import { checkMutability } from './mutability.js';
import type { FieldChange, ImpactContext, UnappliedDifferences } from './types.js';
import { splitExperimentChanges } from './unapplied.js';

export interface ExperimentOutcome {
  /** The row of the lifecycle table the experiment was in. */
  from: 'absent' | LiveStatus;
  steps: DraftStep[];
  problems: Problem[];
  /** The changes the steps make, for people. */
  changes: FieldChange[];
  unapplied?: UnappliedDifferences;
  context: ImpactContext;
}

/** Plan one experiment. */
export function planExperiment(input: ExperimentInput, factory: StepFactory): ExperimentOutcome {
  const row = experimentRow(input);
  const lifecycle = planLifecycle(row);
  const membership = planMembership(row, input.environment);
  const problems = [
    ...lifecycle.problems,
    ...checkImmutable(row),
    ...checkMutability(row, lifecycle.steps),
    ...(membership.problems ?? []),
  ];
  const steps = keyedSteps(row, [...lifecycle.steps, ...(membership.steps ?? [])], factory);
  const split = splitExperimentChanges({
    manifest: row.manifest,
    diff: row.diff,
    shown: lifecycle.shown,
    steps,
    problems,
  });
  return { from: row.from, steps, problems, ...split, context: lifecycle.context };
}

/** The steps with keys, each after the experiment's step before it. */
function keyedSteps(row: ExperimentRow, specs: readonly StepSpec[], factory: StepFactory): DraftStep[] {
  const owner = formatAddress(row.ref);
  const steps: DraftStep[] = [];
  for (const spec of specs) {
    const previous = steps.at(-1);
    steps.push(
      factory.make({
        target: spec.target ?? row.ref,
        owner,
        request: spec.request,
        dependsOn: [...new Set([...(previous ? [previous.key] : []), ...(spec.dependsOn ?? [])])],
        bindings: spec.bindings ?? [],
        impact: spec.impact,
        reason: spec.reason,
        touches: spec.touches ?? [row.ref],
        ...(row.holdout !== undefined ? { holdout: row.holdout } : {}),
        ...(spec.movesFlagVersions ? { movesFlagVersions: spec.movesFlagVersions } : {}),
        ...(spec.startFlags ? { startFlags: spec.startFlags } : {}),
      }),
    );
  }
  return steps;
}
