/** The order of a resource's steps as a Mermaid `graph TD`, drawn only when steps depend on others. */
import type { PlanStep } from '../plan/types.js';
import { parseAddress } from '../types.js';
import { mermaidLabel } from './markdown-escape.js';
import { stepWhat } from './words.js';

/** Steps by id and their 1-based position in the plan. */
export interface StepLookup {
  byId: ReadonlyMap<string, PlanStep>;
  number(id: string): number;
}

export function stepLookup(steps: readonly PlanStep[]): StepLookup {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const numbers = new Map(steps.map((step, index) => [step.id, index + 1]));
  return { byId, number: (id) => numbers.get(id) ?? 0 };
}

/** A fenced `mermaid` block; node ids are generated, never taken from the plan. */
export function mermaidGraph(steps: readonly PlanStep[], lookup: StepLookup): string {
  const nodes = new Map<string, string>();
  const lines: string[] = [];
  const node = (id: string): string => {
    let name = nodes.get(id);
    if (name === undefined) {
      name = `s${String(nodes.size + 1)}`;
      nodes.set(id, name);
      lines.push(`  ${name}["${mermaidLabel(label(id, lookup))}"]`);
    }
    return name;
  };
  const edges: string[] = [];
  for (const step of steps) {
    const target = node(step.id);
    for (const dependency of step.dependsOn) edges.push(`  ${node(dependency)} --> ${target}`);
    // Dashed: ordering only, the step runs even when that one failed.
    for (const before of step.after ?? []) edges.push(`  ${node(before)} -.-> ${target}`);
  }
  return ['```mermaid', 'graph TD', ...lines, ...edges, '```'].join('\n');
}

function label(id: string, lookup: StepLookup): string {
  const step = lookup.byId.get(id);
  if (!step) return `step ${id}`;
  const key = parseAddress(step.resource)?.key ?? step.resource;
  return `${String(lookup.number(id))}. ${stepWhat(step.instructions, step.kind)} (${key})`;
}
