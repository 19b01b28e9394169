import { UsageError } from '../errors.js';
import type { PlanStep } from '../plan/types.js';

/**
 * For each step, the earlier steps that must succeed before it runs: its `dependsOn`, the steps
 * its bindings read from, and the previous step of the same resource, because two changes to one
 * LaunchDarkly object must land in plan order even if the plan forgot to say so.
 * A dependency on an unknown or later step makes the plan unusable, before anything is sent.
 */
export function stepDependencies(steps: readonly PlanStep[]): Map<string, string[]> {
  const position = new Map<string, number>();
  const lastOfResource = new Map<string, string>();
  const dependencies = new Map<string, string[]>();
  for (const [index, step] of steps.entries()) {
    if (position.has(step.id)) throw new UsageError(`The plan has two steps with id "${step.id}"`);
    const wanted = new Set([...step.dependsOn, ...step.bindings.map((b) => b.fromStep)]);
    const previous = lastOfResource.get(step.resource);
    if (previous !== undefined) wanted.add(previous);
    for (const id of wanted) {
      const at = position.get(id);
      if (at === undefined || at >= index) {
        throw new UsageError(`Plan step "${step.id}" depends on "${id}", which is not an earlier step of the plan`);
      }
    }
    position.set(step.id, index);
    lastOfResource.set(step.resource, step.id);
    dependencies.set(step.id, [...wanted]);
  }
  return dependencies;
}
