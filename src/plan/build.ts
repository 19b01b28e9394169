/** buildPlan: desired + live → Plan (or problems). Pure and deterministic. */
import { diffResource } from '../diff/diff.js';
import type { LiveState } from '../live/types.js';
import type { ManifestSet } from '../manifest/types.js';
import { canonicalFromDesired, canonicalFromLive, withoutUnmanaged } from '../normalize/experiment.js';
import {
  findLiveExperiment,
  findLiveHoldout,
  findLiveHoldoutById,
  holdoutKey,
  liveEnvironment,
  liveProject,
} from '../resolve/context.js';
import { nameBook } from '../resolve/names.js';
import { pointer, problemAt } from '../resolve/problem.js';
import { resolveAll } from '../resolve/resolve.js';
import type { ResolvedExperiment } from '../resolve/types.js';
import { resourceAddress, type Problem } from '../types.js';
import { StepFactory, type DraftStep } from './draft.js';
import { ExperimentPlanner } from './experiment.js';
import { computePlanHash, fingerprintLive } from './fingerprint.js';
import { orderFlagVersions } from './flag-versions.js';
import { endHoldoutStep, planHoldout, type HoldoutOutcome } from './holdouts.js';
import { planLifecycle, rowOf } from './lifecycle.js';
import { checkImmutable, planMembership } from './membership.js';
import { checkMutability } from './mutability.js';
import { finalizeSteps, orderSteps } from './order.js';
import {
  worstImpact,
  PLAN_FORMAT_VERSION,
  type Impact,
  type Plan,
  type PlanStep,
  type PlanSummary,
  type ResourcePlan,
} from './types.js';
import { splitExperimentChanges } from './unapplied.js';
import { findUnmanaged, planPrune } from './unmanaged.js';
import { applyOwnership } from './ownership.js';
import { pointerToPath } from '../manifest/pointer.js';

type PendingResource = Omit<ResourcePlan, 'stepIds' | 'impact'> & { stepKeys: string[] };

function planExperiment(
  resolved: ResolvedExperiment,
  live: LiveState,
  holdoutCreates: Map<string, string>,
  factory: StepFactory,
): { planner: ExperimentPlanner; pending: PendingResource } {
  const m = resolved.manifest;
  const environment = liveEnvironment(live, m);
  const ld = findLiveExperiment(environment, m.key);
  const desired = canonicalFromDesired(resolved);
  const keyOf = (id: string): string | undefined => {
    const h = findLiveHoldoutById(environment, id);
    return h ? holdoutKey(h) : undefined;
  };
  const liveCanonical = ld ? withoutUnmanaged(canonicalFromLive(ld, keyOf), desired) : undefined;
  const createStep = resolved.holdout
    ? holdoutCreates.get(resourceAddress('holdout', m, resolved.holdout.key))
    : undefined;
  const planner = new ExperimentPlanner({
    resolved,
    desired,
    ...(ld ? { live: ld } : {}),
    ...(liveCanonical ? { liveCanonical } : {}),
    diff: diffResource(desired, liveCanonical, nameBook(live, m)),
    environment,
    project: liveProject(live, m.project).project,
    ...(createStep !== undefined ? { holdoutCreateStep: createStep } : {}),
    factory,
  });
  const from = rowOf(planner);
  planLifecycle(planner);
  checkImmutable(planner);
  checkMutability(planner);
  planMembership(planner);
  const { changes, unapplied } = splitExperimentChanges(planner);
  const pending: PendingResource = {
    address: resolved.address,
    type: 'experiment',
    project: m.project,
    environment: m.environment,
    key: m.key,
    name: m.spec.name,
    action: planner.steps.length === 0 ? 'no-op' : ld ? 'update' : 'create',
    stateTo: m.spec.state,
    changes,
    source: m.source.locate(''),
    stepKeys: planner.steps.map((s) => s.key),
  };
  if (unapplied) pending.unapplied = unapplied;
  if (m.ownedElsewhere) pending.ownedElsewhere = m.ownedElsewhere.map(pointerToPath);
  if (from !== 'absent') pending.stateFrom = from;
  if (Object.keys(planner.context).length > 0) pending.context = planner.context;
  return { planner, pending };
}

function holdoutResource(o: HoldoutOutcome): PendingResource {
  const m = o.resolved.manifest;
  const pending: PendingResource = {
    address: o.resolved.address,
    type: 'holdout',
    project: m.project,
    environment: m.environment,
    key: m.key,
    name: m.spec.name,
    action: o.steps.length === 0 ? 'no-op' : o.live ? 'update' : 'create',
    stateTo: m.spec.state,
    changes: o.changes,
    source: m.source.locate(''),
    stepKeys: o.steps.map((s) => s.key),
  };
  if (o.unapplied) pending.unapplied = o.unapplied;
  if (m.ownedElsewhere) pending.ownedElsewhere = m.ownedElsewhere.map(pointerToPath);
  if (o.live) pending.stateFrom = o.live.status === 'ended' ? 'ended' : 'active';
  return pending;
}

function summarize(resources: ResourcePlan[], steps: PlanStep[], unmanaged: number): PlanSummary {
  const byImpact: PlanSummary['byImpact'] = {};
  for (const s of steps) byImpact[s.impact] = (byImpact[s.impact] ?? 0) + 1;
  const count = (action: string): number => resources.filter((r) => r.action === action).length;
  return {
    create: count('create'),
    update: count('update'),
    noOp: count('no-op'),
    unapplied: resources.filter((r) => r.unapplied !== undefined).length,
    unmanaged,
    steps: steps.length,
    byImpact,
  };
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Plan the changes that make LaunchDarkly match the manifests. Pure: no I/O, same inputs → same
 * plan. Any error problem (with its manifest position) means no plan; warnings come with the plan.
 */
export function buildPlan(desired: ManifestSet, live: LiveState): { plan?: Plan; problems: Problem[] } {
  const owned = applyOwnership(resolveAll(desired, live), live);
  const resolution = owned.resolution;
  const problems: Problem[] = [...resolution.problems, ...owned.problems];
  const factory = new StepFactory();

  // Holdouts first: an experiment joining a new holdout binds to its create step.
  const holdouts = resolution.holdouts.map((r) =>
    planHoldout(r, findLiveHoldout(liveEnvironment(live, r.manifest), r.manifest.key), factory),
  );
  const holdoutCreates = new Map(
    holdouts.flatMap((o) => (o.createStep !== undefined ? [[o.resolved.address, o.createStep] as const] : [])),
  );
  const experiments = resolution.experiments.map((r) => planExperiment(r, live, holdoutCreates, factory));
  const prune = planPrune(desired, live, factory);
  const steps: DraftStep[] = [
    ...holdouts.flatMap((o) => o.steps),
    ...experiments.flatMap((e) => e.planner.steps),
    ...prune.steps,
  ];
  const pending = [...holdouts.map(holdoutResource), ...experiments.map((e) => e.pending)];
  // endHoldout goes last among the steps touching its holdout or that holdout's experiments.
  for (const o of holdouts.filter((h) => h.end)) {
    const end = endHoldoutStep(o, steps, factory);
    steps.push(end);
    const resource = pending.find((p) => p.address === o.resolved.address);
    if (resource) {
      resource.stepKeys.push(end.key);
      resource.action = 'update';
    }
  }
  problems.push(
    ...holdouts.flatMap((o) => o.problems),
    ...experiments.flatMap((e) => e.planner.problems),
    ...prune.warnings,
  );
  problems.push(...managedTagWarnings(desired));
  if (problems.some((p) => p.severity === 'error')) return { problems };

  const ordered = orderSteps(orderFlagVersions(steps));
  if (!ordered) {
    return {
      problems: [
        ...problems,
        {
          severity: 'error',
          code: 'PlanCycle',
          message: 'internal: the plan steps depend on each other in a cycle; please report this',
        },
      ],
    };
  }
  const { steps: finalSteps, idOf } = finalizeSteps(ordered);
  const impactOf = new Map(finalSteps.map((s) => [s.id, s.impact]));
  const resources: ResourcePlan[] = [
    ...pending.map(({ stepKeys, ...rest }): ResourcePlan => {
      const stepIds = stepKeys.map((k) => idOf.get(k) ?? k).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      const impact = stepIds.reduce<Impact>((worst, id) => worstImpact(worst, impactOf.get(id) ?? 'none'), 'none');
      return { ...rest, impact, stepIds };
    }),
    ...prune.resources.map((r): ResourcePlan => ({
      ...r,
      stepIds: prune.steps.filter((s) => s.resource === r.address).map((s) => idOf.get(s.key) ?? s.key),
    })),
  ].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const unmanaged = findUnmanaged(desired, live);
  const targets = [...desired.experiments, ...desired.holdouts, ...live.environments];
  const warnings = problems.filter((p) => p.severity === 'warning');
  const unhashed: Omit<Plan, 'hash'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    target: {
      baseUrl: live.baseUrl,
      projects: sortedUnique(targets.map((t) => t.project)),
      environments: sortedUnique(targets.map((t) => t.environment)),
    },
    summary: summarize(resources, finalSteps, unmanaged.length),
    resources,
    steps: finalSteps,
    unmanaged,
    warnings,
    notices: prune.notices,
    fingerprints: fingerprintLive(
      live,
      ordered.flatMap((s) => s.touches),
    ),
  };
  return { plan: { ...unhashed, hash: computePlanHash(unhashed) }, problems };
}

/** With pruning on, an experiment without the managed tag would never be pruned later: say so. */
function managedTagWarnings(desired: ManifestSet): Problem[] {
  if (!desired.config.prune) return [];
  const tag = desired.config.managedTag;
  return desired.experiments
    .filter((m) => !(m.spec.tags ?? []).includes(tag))
    .map((m) =>
      problemAt(
        m.source,
        pointer('spec', m.spec.tags ? 'tags' : 'name'),
        'ManagedTagMissing',
        `prune is on but experiment "${m.key}" lacks the "${tag}" tag, so it will not be archived when its manifest is removed; add the tag to spec.tags`,
        { severity: 'warning' },
      ),
    );
}
