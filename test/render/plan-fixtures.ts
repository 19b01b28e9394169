/** Small builders for hand-made plans, so render tests do not depend on the planner. */
import type { Impact, Plan, PlanNotice, PlanStep, ResourcePlan, UnmanagedResource } from '../../src/plan/types.js';
import type { Problem } from '../../src/types.js';

export const HASH = 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const BASE = '/api/v2/projects/web/experiments';

export function step(id: string, resource: string, fields: Partial<PlanStep> = {}): PlanStep {
  const key = resource.split('/').pop() ?? resource;
  return {
    id,
    resource,
    kind: 'patchExperiment',
    method: 'PATCH',
    path: `${BASE}/production/${key}`,
    body: { instructions: (fields.instructions ?? []).map((kind) => ({ kind })) },
    instructions: [],
    dependsOn: [],
    bindings: [],
    impact: 'metadata',
    reason: 'Keep LaunchDarkly in line with the manifest',
    ...fields,
  };
}

export function resource(key: string, fields: Partial<ResourcePlan> = {}): ResourcePlan {
  const type = fields.type ?? 'experiment';
  const built: ResourcePlan = {
    address: `${type}/web/production/${key}`,
    type,
    project: 'web',
    environment: 'production',
    key,
    name: key,
    action: 'update',
    stateFrom: 'running',
    stateTo: 'running',
    changes: [],
    impact: 'metadata',
    stepIds: [],
    ...fields,
  };
  // A resource being created has no live state to start from.
  if (built.action === 'create' && !('stateFrom' in fields)) delete built.stateFrom;
  return built;
}

/** A plan whose summary is computed from its parts (resource impacts, as the planner counts them). */
export function plan(parts: {
  resources?: ResourcePlan[];
  steps?: PlanStep[];
  unmanaged?: UnmanagedResource[];
  warnings?: Problem[];
  notices?: PlanNotice[];
  hash?: string;
}): Plan {
  const resources = parts.resources ?? [];
  const steps = parts.steps ?? [];
  const byImpact: Partial<Record<Impact, number>> = {};
  for (const entry of resources) {
    if (entry.action !== 'no-op') byImpact[entry.impact] = (byImpact[entry.impact] ?? 0) + 1;
  }
  return {
    formatVersion: 1,
    target: { baseUrl: 'https://app.launchdarkly.com', projects: ['web'], environments: ['production'] },
    summary: {
      create: resources.filter((entry) => entry.action === 'create').length,
      update: resources.filter((entry) => entry.action === 'update').length,
      noOp: resources.filter((entry) => entry.action === 'no-op').length,
      unapplied: resources.filter((entry) => entry.unapplied !== undefined).length,
      unmanaged: (parts.unmanaged ?? []).length,
      steps: steps.length,
      byImpact,
    },
    resources,
    steps,
    unmanaged: parts.unmanaged ?? [],
    warnings: parts.warnings ?? [],
    notices: parts.notices ?? [],
    fingerprints: Object.fromEntries(
      resources
        .filter((entry) => entry.action === 'update')
        .map((entry) => [entry.address, `sha256:${entry.key.padEnd(64, '0').slice(0, 64)}`]),
    ),
    hash: parts.hash ?? HASH,
  };
}

const EXP = 'experiment/web/production';

/** Create+start, metadata update, new iteration, stop with winner, archive, holdout end, unmanaged. */
export function realisticPlan(): Plan {
  const steps: PlanStep[] = [
    step('s1', `${EXP}/checkout-button`, {
      kind: 'createExperiment',
      method: 'POST',
      path: `${BASE}/production`,
      impact: 'create',
      reason: 'Create the experiment with its first iteration as a draft',
    }),
    step('s2', `${EXP}/checkout-button`, {
      instructions: ['startIteration'],
      dependsOn: ['s1'],
      impact: 'start',
      reason: 'Start the first iteration',
    }),
    step('s3', `${EXP}/pricing-copy`, {
      instructions: ['updateName', 'updateDescription'],
      reason: 'Rename and describe the experiment',
    }),
    step('s4', `${EXP}/search-ranking`, {
      kind: 'createIteration',
      method: 'POST',
      path: `${BASE}/production/search-ranking/iterations`,
      impact: 'new-iteration',
      reason: 'The allocation changed: save a new iteration',
    }),
    step('s5', `${EXP}/search-ranking`, {
      instructions: ['startIteration'],
      dependsOn: ['s4'],
      impact: 'new-iteration',
      reason: 'Start the new iteration (justification: Rebalance after bug fix)',
    }),
    step('s6', `${EXP}/onboarding-tour`, {
      instructions: ['stopIteration'],
      impact: 'stop',
      reason: 'Stop with winner Short tour: shorter tour won',
    }),
    step('s7', `${EXP}/old-banner`, {
      instructions: ['archiveExperiment'],
      impact: 'archive',
      reason: 'The manifest says archived',
    }),
    step('s8', 'holdout/web/production/q3-holdout', {
      kind: 'patchHoldout',
      path: '/api/v2/projects/web/environments/production/holdouts/q3-holdout',
      instructions: ['endHoldout'],
      impact: 'irreversible',
      reason: 'The manifest says ended',
    }),
  ];
  const resources: ResourcePlan[] = [
    resource('checkout-button', {
      name: 'Checkout button placement',
      action: 'create',
      stateTo: 'running',
      impact: 'start',
      changes: [
        { field: 'name', to: 'Checkout button placement' },
        { field: 'iteration.hypothesis', to: 'Moving the button above the fold increases conversion' },
        { field: 'iteration.treatments[Control].allocationPercent', to: '50' },
        { field: 'iteration.treatments[Above the fold].allocationPercent', to: '50' },
      ],
      stepIds: ['s1', 's2'],
      source: { file: 'experiments/checkout.yaml', line: 1, column: 1 },
    }),
    resource('pricing-copy', {
      name: 'Pricing page copy',
      changes: [
        { field: 'name', from: 'Pricing copy', to: 'Pricing page copy' },
        { field: 'description', to: 'Does plain language sell more plans?' },
      ],
      stepIds: ['s3'],
    }),
    resource('search-ranking', {
      name: 'Search ranking v2',
      impact: 'new-iteration',
      changes: [
        { field: 'iteration.treatments[Control].allocationPercent', from: '50', to: '80' },
        { field: 'iteration.treatments[Ranked].allocationPercent', from: '50', to: '20' },
      ],
      stepIds: ['s4', 's5'],
      context: {
        iterationStartedAt: '2024-05-01T09:30:00Z',
        iterationNumber: 2,
        changeJustification: 'Rebalance after bug fix',
      },
    }),
    resource('onboarding-tour', {
      name: 'Onboarding tour length',
      stateTo: 'stopped',
      impact: 'stop',
      changes: [{ field: 'stop.winner', to: 'Short tour' }],
      stepIds: ['s6'],
      context: { winner: 'Short tour' },
    }),
    resource('old-banner', {
      name: 'Old banner',
      stateFrom: 'stopped',
      stateTo: 'archived',
      impact: 'archive',
      stepIds: ['s7'],
    }),
    resource('q3-holdout', {
      type: 'holdout',
      address: 'holdout/web/production/q3-holdout',
      name: 'Q3 global holdout',
      stateFrom: 'active',
      stateTo: 'ended',
      impact: 'irreversible',
      stepIds: ['s8'],
    }),
    resource('homepage-hero', { name: 'Homepage hero', action: 'no-op', impact: 'none' }),
  ];
  return plan({
    resources,
    steps,
    unmanaged: [{ address: `${EXP}/legacy-test`, type: 'experiment', name: 'Legacy test', status: 'running' }],
    warnings: [
      {
        severity: 'warning',
        code: 'UnknownDataSource',
        message: 'dataSource "bigquery" is not known; sent as written',
        position: { file: 'experiments/checkout.yaml', line: 12, column: 15 },
      },
    ],
  });
}

/** A plan with no steps at all. */
export function emptyPlan(): Plan {
  return plan({ resources: [resource('homepage-hero', { name: 'Homepage hero', action: 'no-op', impact: 'none' })] });
}

const STOPPED_DESIGN = {
  reason:
    'experiment "exp-stopped" is stopped, so changes to hypothesis are not applied; ask for state draft or running to start a new iteration with them',
  changes: [{ field: 'iteration.hypothesis', from: 'Treatment converts better', to: 'A sharper hypothesis' }],
};

/** No steps, but a stopped experiment whose design differs, and a notice that pruning was skipped. */
export function unappliedPlan(): Plan {
  return plan({
    resources: [
      resource('exp-stopped', {
        name: 'Stopped test',
        action: 'no-op',
        stateFrom: 'stopped',
        stateTo: 'stopped',
        impact: 'none',
        unapplied: STOPPED_DESIGN,
      }),
    ],
    notices: [{ code: 'PruneSkipped', message: 'Pruning skipped: this run sees only part of the managed set.' }],
  });
}

/** A metadata step on the same stopped experiment, with its design difference left. */
export function partlyAppliedPlan(): Plan {
  return plan({
    resources: [
      resource('exp-stopped', {
        name: 'Stopped test',
        stateFrom: 'stopped',
        stateTo: 'stopped',
        changes: [{ field: 'name', from: 'Old', to: 'Stopped test' }],
        stepIds: ['s1'],
        unapplied: STOPPED_DESIGN,
      }),
    ],
    steps: [step('s1', `${EXP}/exp-stopped`, { instructions: ['updateExperimentFields'], reason: 'updates the name' })],
  });
}

/** Two starts on one flag: the second reads the flag's version right before it is sent. */
export function readBindingPlan(): Plan {
  const second = step('s2', `${EXP}/exp-a`, {
    instructions: ['updateExperimentFields', 'startIteration'],
    after: ['s1'],
    impact: 'start',
    reason: 'starts iteration 1; first it refreshes the draft flags',
    bindings: [
      {
        bodyPointer: '/instructions/0/value/flags/value/shared-flag/flagConfigVersion',
        fromGet: '/api/v2/flags/web/shared-flag?env=production',
        responsePointer: '/environments/production/version',
      },
    ],
  });
  return plan({
    resources: [
      resource('exp-a', { name: 'A', stateFrom: 'draft', stateTo: 'running', impact: 'start', stepIds: ['s2'] }),
      resource('exp-b', { name: 'B', stateFrom: 'draft', stateTo: 'running', impact: 'start', stepIds: ['s1'] }),
    ],
    steps: [
      step('s1', `${EXP}/exp-b`, { instructions: ['startIteration'], impact: 'start', reason: 'starts' }),
      second,
    ],
  });
}
