/**
 * `--target PROJECT/ENVIRONMENT[/KEY]`: narrow a run to the documents of some targets without
 * changing any document (unlike `--project` / `--environment`, which are defaults). Pure.
 */
import type { Problem } from '../types.js';
import type { ManifestSet } from './types.js';

import { formatSelector, type TargetSelector } from './selector.js';

export { formatSelector, parseSelector, SELECTOR_PATTERN, type TargetSelector } from './selector.js';

interface Located {
  project: string;
  environment: string;
  key: string;
}

export function matches(selector: TargetSelector, resource: Located): boolean {
  return (
    selector.project === resource.project &&
    selector.environment === resource.environment &&
    (selector.key === undefined || selector.key === resource.key)
  );
}

/**
 * Keep the experiments and holdouts some selector matches; a selector that matches none is an
 * error naming the targets that exist. A selector with a key leaves the rest of its target out,
 * so the run no longer sees that target's whole managed set (pruning is skipped, see RunScope).
 */
export function selectTargets(
  manifests: ManifestSet,
  selectors: readonly TargetSelector[],
): { manifests: ManifestSet; problems: Problem[] } {
  if (selectors.length === 0) return { manifests, problems: [] };
  const keep = (r: Located): boolean => selectors.some((s) => matches(s, r));
  const all = [...manifests.experiments, ...manifests.holdouts];
  const existing = distinctTargets(all);
  const problems = selectors
    .filter((s) => !all.some((r) => matches(s, r)))
    .map((s): Problem => ({
      severity: 'error',
      code: 'TargetMatchesNothing',
      message: `--target ${formatSelector(s)} matches no document${existing.length > 0 ? `; the documents' targets are: ${existing.join(', ')}` : ''}`,
      candidates: existing,
    }));
  const keyed = selectors.filter((s) => s.key !== undefined).map(formatSelector);
  const limits = keyed.length > 0 ? [...manifests.scope.limits, { kind: 'targetKeys' as const, targets: keyed }] : [];
  return {
    manifests: {
      ...manifests,
      experiments: manifests.experiments.filter(keep),
      holdouts: manifests.holdouts.filter(keep),
      scope: { ...manifests.scope, limits: keyed.length > 0 ? limits : manifests.scope.limits },
    },
    problems,
  };
}

/** `project/environment` of every resource, sorted, once each. */
export function distinctTargets(resources: readonly { project: string; environment: string }[]): string[] {
  return [...new Set(resources.map((r) => `${r.project}/${r.environment}`))].sort();
}
