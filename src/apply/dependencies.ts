import { UsageError } from '../errors.js';
import { bindingSteps, type PlanStep } from '../plan/types.js';

/** What a step waits for before it starts. */
export interface StepWaits {
  /** Earlier steps that must succeed, or this step is skipped. */
  dependencies: string[];
  /** Earlier steps that must only have finished (ok, failed or skipped): the plan's `after`. */
  after: string[];
}

/**
 * For each step, what it waits for: its `dependsOn`, the steps its bindings read from, and the
 * previous step of the same resource (two changes to one LaunchDarkly object must land in plan
 * order even if the plan forgot to say so) must succeed; its `after` steps must only finish.
 * A reference to an unknown or later step makes the plan unusable, before anything is sent.
 */
export function stepDependencies(steps: readonly PlanStep[]): Map<string, StepWaits> {
  const position = new Map<string, number>();
  const lastOfResource = new Map<string, string>();
  const waits = new Map<string, StepWaits>();
  for (const [index, step] of steps.entries()) {
    if (position.has(step.id)) throw new UsageError(`The plan has two steps with id "${step.id}"`);
    const wanted = new Set([...step.dependsOn, ...bindingSteps(step.bindings)]);
    const previous = lastOfResource.get(step.resource);
    if (previous !== undefined) wanted.add(previous);
    const after = new Set((step.after ?? []).filter((id) => !wanted.has(id)));
    const earlier = (id: string, verb: string): void => {
      const at = position.get(id);
      if (at === undefined || at >= index) {
        throw new UsageError(`Plan step "${step.id}" ${verb} "${id}", which is not an earlier step of the plan`);
      }
    };
    for (const id of wanted) earlier(id, 'depends on');
    for (const id of after) earlier(id, 'runs after');
    position.set(step.id, index);
    lastOfResource.set(step.resource, step.id);
    waits.set(step.id, { dependencies: [...wanted], after: [...after] });
  }
  return waits;
}
