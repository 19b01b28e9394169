/**
 * Semantic checks of an iteration against the project: what the JSON shape cannot say. Run after
 * creating an iteration and after every field update, so stored iterations are always coherent.
 */
import { badRequest } from '../http-error.js';
import type { IterationState, ProjectState } from '../state.js';
import { assignTreatmentIds } from './treatments.js';

/** Throws a 400 on the first problem; assigns treatment IDs when all is well. */
export function finalizeIteration(project: ProjectState, iteration: IterationState, experimentId: string): void {
  checkFlags(project, iteration);
  checkTreatments(project, iteration);
  checkMetrics(project, iteration);
  checkRandomizationUnit(project, iteration.randomizationUnit);
  assignTreatmentIds(iteration, experimentId);
}

function checkFlags(project: ProjectState, iteration: IterationState): void {
  const keys = Object.keys(iteration.flags);
  if (keys.length === 0) throw badRequest('iteration.flags must name at least one flag');
  for (const key of keys) {
    const flag = project.flags.get(key);
    if (!flag) throw badRequest(`iteration.flags: unknown flag "${key}"`);
    const notIn = iteration.flags[key]?.notInExperimentVariationId;
    if (notIn !== undefined && !flag.variations.some((v) => v._id === notIn)) {
      throw badRequest(
        `iteration.flags.${key}.notInExperimentVariationId "${notIn}" is not a variation of flag "${key}"`,
      );
    }
  }
}

function checkTreatments(project: ProjectState, iteration: IterationState): void {
  const { treatments } = iteration;
  if (treatments.length === 0) throw badRequest('iteration.treatments must not be empty');
  const names = new Set<string>();
  let total = 0;
  for (const [index, treatment] of treatments.entries()) {
    const path = `iteration.treatments[${index}]`;
    if (names.has(treatment.name)) throw badRequest(`${path}: duplicate name "${treatment.name}"`);
    names.add(treatment.name);
    total += Number(treatment.allocationPercent);
    checkParameters(project, iteration, treatment.parameters, path);
  }
  // Choice: exactly one baseline, as LaunchDarkly's own tooling requires.
  const baselines = treatments.filter((t) => t.baseline).length;
  if (baselines !== 1) {
    throw badRequest(`iteration.treatments must have exactly one baseline, found ${baselines}`);
  }
  // Choice: allocations may add up to less than 100 while drafting, never more.
  if (total > 100.0001) {
    throw badRequest(`iteration.treatments allocationPercent adds up to ${total}, more than 100`);
  }
}

function checkParameters(
  project: ProjectState,
  iteration: IterationState,
  parameters: IterationState['treatments'][number]['parameters'],
  path: string,
): void {
  if (parameters.length === 0) throw badRequest(`${path}.parameters must not be empty`);
  const flagKeys = Object.keys(iteration.flags);
  for (const [index, parameter] of parameters.entries()) {
    const flag = project.flags.get(parameter.flagKey);
    if (!flagKeys.includes(parameter.flagKey) || !flag) {
      throw badRequest(`${path}.parameters[${index}].flagKey "${parameter.flagKey}" is not one of iteration.flags`);
    }
    if (!flag.variations.some((v) => v._id === parameter.variationId)) {
      throw badRequest(
        `${path}.parameters[${index}].variationId "${parameter.variationId}" is not a variation of flag "${flag.key}"`,
      );
    }
  }
  // Choice: every treatment sets every flag of the iteration exactly once.
  const covered = parameters.map((p) => p.flagKey).sort();
  if (covered.join('\u0000') !== [...flagKeys].sort().join('\u0000')) {
    throw badRequest(`${path}.parameters must set each flag of the iteration exactly once`);
  }
}

function checkMetrics(project: ProjectState, iteration: IterationState): void {
  for (const [index, ref] of iteration.metrics.entries()) {
    const known = ref.isGroup ? project.metricGroups.has(ref.key) : project.metrics.has(ref.key);
    if (!known) {
      const what = ref.isGroup ? 'metric group' : 'metric';
      throw badRequest(`iteration.metrics[${index}]: unknown ${what} key "${ref.key}"`);
    }
  }
  // Choice: the primary metric need not also be listed in `metrics`.
  const { primarySingleMetricKey: single, primaryFunnelKey: funnel } = iteration;
  if (single === undefined && funnel === undefined) {
    throw badRequest('Either primarySingleMetricKey or primaryFunnelKey must be present');
  }
  if (single !== undefined && !project.metrics.has(single)) {
    throw badRequest(`primarySingleMetricKey: unknown metric key "${single}"`);
  }
  if (funnel !== undefined && project.metricGroups.get(funnel)?.kind !== 'funnel') {
    throw badRequest(`primaryFunnelKey: "${funnel}" is not a funnel metric group`);
  }
}

/** A randomization unit must be a context kind of the project. */
export function checkRandomizationUnit(project: ProjectState, unit: string | undefined): void {
  if (unit === undefined) return;
  if (!project.contextKinds.some((kind) => kind.key === unit)) {
    const known = project.contextKinds.map((kind) => kind.key).join(', ');
    throw badRequest(`randomizationUnit "${unit}" is not a context kind of the project (${known})`);
  }
}
