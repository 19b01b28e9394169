/** The plan stage: diffs → an ordered, hashed Plan (or problems). Pure and deterministic. */
import type { Diffs, ExperimentDiff } from '../diff/types.js';
import { liveEnvironment, liveProject } from '../live/lookup.js';
import type { LiveState } from '../live/types.js';
import { pointerToPath } from '../util/json-pointer.js';
import { problemAt } from '../manifest/problem.js';
import type { ManifestSet } from '../manifest/types.js';
import { sortedSet } from '../normalize/rules.js';
import { resourceAddress, resourceRef, type Problem } from '../types.js';
import { compareCodeUnits } from '../util/compare.js';
import { pointer } from '../util/json-pointer.js';
import { StepFactory, type DraftStep } from './draft.js';
import { planExperiment as planOneExperiment, type ExperimentOutcome } from './experiment-plan.js';
import { computePlanHash, fingerprintLive } from './fingerprint.js';
import { orderFlagVersions } from './flag-versions.js';
import { endHoldoutStep, planHoldout, type HoldoutOutcome } from './holdouts.js';
import { byStepNumber, finalizeSteps, orderSteps } from './order.js';
import {
  resourceIdentity,
  worstImpact,
  PLAN_FORMAT_VERSION,
  type Impact,
  type Plan,
  type PlanStep,
  type PlanSummary,
  type ResourcePlan,
} from './types.js';
import { findUnmanaged, planPrune } from './unmanaged.js';

type PendingResource = Omit<ResourcePlan, 'stepIds' | 'impact'> & { stepKeys: string[] };

function planExperiment(
  experiment: ExperimentDiff,
  live: LiveState,
  holdoutCreates: Map<string, string>,
  factory: StepFactory,
): { outcome: ExperimentOutcome; pending: PendingResource } {
  const { resolved, live: ld } = experiment;
  const m = resolved.manifest;
  const createStep = resolved.holdout
    ? holdoutCreates.get(resourceAddress('holdout', m, resolved.holdout.key))
    : undefined;
  const outcome = planOneExperiment(
    {
      ...experiment,
      environment: liveEnvironment(live, m),
      project: liveProject(live, m.project).project,
      ...(createStep !== undefined ? { holdoutCreateStep: createStep } : {}),
    },
    factory,
  );
  const pending: PendingResource = {
    ...resourceIdentity(resourceRef('experiment', m, m.key)),
    name: m.spec.name,
    action: outcome.steps.length === 0 ? 'no-op' : ld ? 'update' : 'create',
    stateTo: m.spec.state,
    changes: outcome.changes,
    source: m.source.locate(''),
    stepKeys: outcome.steps.map((s) => s.key),
  };
  if (outcome.unapplied) pending.unapplied = outcome.unapplied;
  if (m.ownedElsewhere) pending.ownedElsewhere = m.ownedElsewhere.map(pointerToPath);
  if (outcome.from !== 'absent') pending.stateFrom = outcome.from;
  if (Object.keys(outcome.context).length > 0) pending.context = outcome.context;
  return { outcome, pending };
}

function holdoutResource(o: HoldoutOutcome): PendingResource {
  const m = o.resolved.manifest;
  const pending: PendingResource = {
    ...resourceIdentity(resourceRef('holdout', m, m.key)),
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

/** What the plan stage needs: the diffs, the sets they came from, and what earlier stages found. */
export interface PlanInput {
  diffs: Diffs;
  desired: ManifestSet;
  live: LiveState;
  /** Problems of earlier stages (resolve): an error among them means no plan; warnings go with it. */
  problems: readonly Problem[];
}

/**
 * Plan the changes that make LaunchDarkly match the manifests. Pure: no I/O, same inputs → same
 * plan. Any error problem (with its manifest position) means no plan; warnings come with the plan.
 * The problems returned are those of earlier stages, then its own.
 */
export function planChanges({ diffs, desired, live, problems: earlier }: PlanInput): {
  plan?: Plan;
  problems: Problem[];
} {
  const problems: Problem[] = [...earlier];
  const factory = new StepFactory();

  // Holdouts first: an experiment joining a new holdout binds to its create step.
  const holdouts = diffs.holdouts.map((h) => planHoldout(h, factory));
  const holdoutCreates = new Map(
    holdouts.flatMap((o) => (o.createStep !== undefined ? [[o.resolved.address, o.createStep] as const] : [])),
  );
  const experiments = diffs.experiments.map((e) => planExperiment(e, live, holdoutCreates, factory));
  const prune = planPrune(desired, live, factory);
  const steps: DraftStep[] = [
    ...holdouts.flatMap((o) => o.steps),
    ...experiments.flatMap((e) => e.outcome.steps),
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
    ...experiments.flatMap((e) => e.outcome.problems),
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
      const stepIds = byStepNumber(stepKeys.map((k) => idOf.get(k) ?? k));
      const impact = stepIds.reduce<Impact>((worst, id) => worstImpact(worst, impactOf.get(id) ?? 'none'), 'none');
      return { ...rest, impact, stepIds };
    }),
    ...prune.resources.map((r): ResourcePlan => ({
      ...r,
      stepIds: prune.steps.filter((s) => s.resource === r.address).map((s) => idOf.get(s.key) ?? s.key),
    })),
  ].sort((a, b) => compareCodeUnits(a.address, b.address));
  const unmanaged = findUnmanaged(desired, live);
  const targets = [...desired.experiments, ...desired.holdouts, ...live.environments];
  const warnings = problems.filter((p) => p.severity === 'warning');
  const unhashed: Omit<Plan, 'hash'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    target: {
      baseUrl: live.baseUrl,
      projects: sortedSet(targets.map((t) => t.project)),
      environments: sortedSet(targets.map((t) => t.environment)),
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
      new Map(diffs.experiments.flatMap((e) => (e.live && e.liveWhole ? [[e.live, e.liveWhole] as const] : []))),
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
