/** Live experiments and holdouts that no manifest describes, and pruning of the managed ones. */
import type { LiveState } from '../live/types.js';
import { describeLimits, isWholeRun } from '../manifest/scope.js';
import type { ManifestSet } from '../manifest/types.js';
import { liveStatus } from '../normalize/status.js';
import { holdoutKey, liveExperiments } from '../live/lookup.js';
import { formatAddress, resourceAddress, resourceRef, type Problem } from '../types.js';
import { compareCodeUnits } from '../util/compare.js';
import type { DraftStep, StepFactory } from './draft.js';
import { resourceIdentity, type PlanNotice, type ResourcePlan, type UnmanagedResource } from './types.js';

/** Every live experiment (never a holdout's base experiment) and holdout without a manifest for its project+environment+key. */
export function findUnmanaged(desired: ManifestSet, live: LiveState): UnmanagedResource[] {
  const managed = new Set([
    ...desired.experiments.map((m) => resourceAddress('experiment', m, m.key)),
    ...desired.holdouts.map((m) => resourceAddress('holdout', m, m.key)),
  ]);
  const out: UnmanagedResource[] = [];
  for (const env of live.environments) {
    for (const e of liveExperiments(env)) {
      const address = resourceAddress('experiment', env, e.key);
      if (!managed.has(address)) out.push({ address, type: 'experiment', name: e.name, status: liveStatus(e) });
    }
    for (const h of env.holdouts) {
      const address = resourceAddress('holdout', env, holdoutKey(h));
      if (!managed.has(address)) out.push({ address, type: 'holdout', name: h.baseExperiment.name, status: h.status });
    }
  }
  return out.sort((a, b) => compareCodeUnits(a.address, b.address));
}

export interface PruneOutcome {
  steps: DraftStep[];
  resources: Omit<ResourcePlan, 'stepIds'>[];
  warnings: Problem[];
  notices: PlanNotice[];
}

/**
 * With `prune: true`, archive unmanaged experiments that carry the managed tag (so ldexp only
 * removes what it was told it manages). A running one is never archived: stopping it needs a
 * winner, which only a manifest can name. A run that sees only part of the managed set prunes
 * nothing: an experiment missing from it may have its manifest in the part left out.
 */
export function planPrune(desired: ManifestSet, live: LiveState, factory: StepFactory): PruneOutcome {
  const out: PruneOutcome = { steps: [], resources: [], warnings: [], notices: [] };
  if (!desired.config.prune) return out;
  if (!isWholeRun(desired.scope)) {
    out.notices.push({
      code: 'PruneSkipped',
      message: `Pruning skipped: this run sees only part of the managed set, so an experiment without a manifest here may have one in the part left out. ${describeLimits(desired.scope)} Run on ${desired.scope.configFolder ?? 'the whole set'} to prune.`,
    });
    return out;
  }
  const tag = desired.config.managedTag;
  const unmanaged = new Set(findUnmanaged(desired, live).map((u) => u.address));
  for (const env of live.environments) {
    for (const e of liveExperiments(env)) {
      const ref = resourceRef('experiment', env, e.key);
      const address = formatAddress(ref);
      const status = liveStatus(e);
      if (!unmanaged.has(address) || !(e.tags ?? []).includes(tag) || status === 'archived') continue;
      if (status === 'running') {
        out.warnings.push({
          severity: 'warning',
          code: 'PruneSkippedRunning',
          message: `${address} carries "${tag}" and has no manifest, but it is running; it is not archived (stop it with a manifest that names a winner)`,
        });
        continue;
      }
      const reason = `archives "${e.name}": it carries the "${tag}" tag and no manifest describes it any more`;
      out.steps.push(
        factory.make({
          target: ref,
          request: { kind: 'patchExperiment', instructions: [{ kind: 'archiveExperiment' }] },
          impact: 'archive',
          reason,
          touches: [ref],
        }),
      );
      out.resources.push({
        ...resourceIdentity(ref),
        name: e.name,
        action: 'update',
        stateFrom: status,
        stateTo: 'archived',
        changes: [],
        impact: 'archive',
      });
    }
  }
  return out;
}
