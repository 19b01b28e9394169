/**
 * Generative convergence against the real emulator over HTTP: for random valid manifest sets (with
 * holdouts) and a random pre-existing live state, plan → apply → plan is empty, and planning the
 * converged state again gives the same hash and no steps. When the first plan has errors (an
 * impossible transition the random live state made), each error must be one that state explains,
 * and nothing is written. Runs in-process through src/pipeline.ts, one emulator per run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorSeed, SeedExperiment, SeedHoldout, SeedProject } from '../../src/emulator/index.js';
import type { ConnectionOptions } from '../../src/pipeline.js';
import type { ResourcePlan } from '../../src/plan/types.js';
import { applyPlan, plan } from '../../src/pipeline.js';
import type { PlanStep } from '../../src/plan/types.js';
import type { Problem } from '../../src/types.js';
import { allocations, optional } from '../helpers/arbitraries.js';

// ── the fixed world ────────────────────────────────────────────────────────────────────────────

type FlagKey = 'checkout-button' | 'banner';
const VARIATIONS: Record<FlagKey, string[]> = {
  'checkout-button': ['Control', 'Top', 'Bottom'],
  banner: ['Shown', 'Hidden'],
};
const METRICS = ['checkout-conversion', 'page-load-ms', 'revenue', 'signups'] as const;
const FUNNEL = 'checkout-funnel';
const HOLDOUT = 'holdout-0';

const WORLD: Omit<SeedProject, 'experiments' | 'holdouts'> = {
  key: 'web',
  environments: ['production'],
  contextKinds: [{ key: 'user' }, { key: 'account' }],
  flags: [
    {
      key: 'checkout-button',
      kind: 'multivariate',
      variations: [
        { value: 'control', name: 'Control' },
        { value: 'top', name: 'Top' },
        { value: 'bottom', name: 'Bottom' },
      ],
      environments: {
        production: {
          on: true,
          version: 4,
          rules: [
            {
              ref: 'beta-users',
              description: 'Beta users',
              clauses: [{ attribute: 'beta', values: [true] }],
              variation: 'Control',
            },
          ],
        },
      },
    },
    {
      key: 'banner',
      kind: 'boolean',
      variations: [
        { value: true, name: 'Shown' },
        { value: false, name: 'Hidden' },
      ],
      environments: { production: { on: true, version: 2 } },
    },
  ],
  metrics: [
    { key: 'checkout-conversion', name: 'Checkout conversion' },
    { key: 'page-load-ms', name: 'Page load', isNumeric: true, unitAggregationType: 'average' },
    { key: 'revenue', name: 'Revenue', isNumeric: true, unitAggregationType: 'sum' },
    { key: 'signups', name: 'Signups' },
  ],
  metricGroups: [{ key: FUNNEL, kind: 'funnel', metrics: [{ key: 'checkout-conversion' }, { key: 'revenue' }] }],
};

// ── the generated model ────────────────────────────────────────────────────────────────────────

type ExperimentState = 'draft' | 'running' | 'stopped' | 'archived';

interface Treatment {
  name: string;
  baseline: boolean;
  allocation: number;
  variations: Partial<Record<FlagKey, string>>;
}

/** An iteration design, written both as a manifest and as a seed. */
interface Design {
  flags: FlagKey[];
  rule: 'fallthrough' | 'beta-users';
  randomizationUnit: 'user' | 'account';
  canReshuffleTraffic: boolean;
  methodology: 'bayesian' | 'frequentist';
  hypothesis: string;
  primary: string;
  metrics: string[];
  /** Context attributes to slice results by; not managed when omitted. */
  attributes?: string[];
  treatments: Treatment[];
}

interface Metadata {
  name: string;
  description?: string;
  tags: string[];
}

/**
 * How a manifest speaks of holdout membership: `holdout: <key>` (join), no `holdout` line (omit:
 * membership not managed, so a member stays one) or `holdout: null` (leave, irreversible).
 */
type Membership = 'join' | 'omit' | 'leave';

/**
 * How a manifest acknowledges a restart of the running iteration: `replacesIteration` names it
 * (current), is missing, or names another iteration (stale). `changeJustification` is always there.
 */
type Acknowledgement = 'current' | 'missing' | 'stale';

interface DesiredExperiment extends Metadata {
  key: string;
  state: ExperimentState;
  holdout: Membership;
  acknowledgement: Acknowledgement;
  design: Design;
  winner: number;
  /** The seed cannot set `analysisConfig`, so only manifests have it. */
  threshold?: number;
}

interface LiveExperiment extends Metadata {
  state: ExperimentState;
  inHoldout: boolean;
  design: Design;
  winner: number;
}

type LiveHoldout = 'absent' | 'same' | 'renamed' | 'immutable-differs' | 'ended';

interface HoldoutModel {
  name: string;
  description?: string;
  amount: number;
  primary: 'revenue' | 'signups';
  metrics: string[];
  state: 'active' | 'ended';
}

interface Scenario {
  holdout?: { desired?: HoldoutModel; live: LiveHoldout };
  experiments: { desired: DesiredExperiment; live?: LiveExperiment }[];
  /** Flags someone edited in LaunchDarkly after the seed's drafts were saved: their drafts pin an old version. */
  moved?: FlagKey[];
}

/** Distinct single-flag variations; a second flag may repeat (treatments differ by the first). */
function treatmentsArb(flags: FlagKey[]): fc.Arbitrary<Treatment[]> {
  const first = flags[0] ?? 'checkout-button';
  const max = Math.min(3, VARIATIONS[first].length);
  return fc.integer({ min: 2, max }).chain((n) =>
    fc
      .tuple(
        fc.shuffledSubarray(VARIATIONS[first], { minLength: n, maxLength: n }),
        fc.array(fc.constantFrom(...VARIATIONS.banner), { minLength: n, maxLength: n }),
        allocations(n),
        fc.integer({ min: 0, max: n - 1 }),
        fc.constantFrom(['Control', 'Variant A', 'Variant B'], ['Baseline', 'Alt 1', 'Alt 2']),
      )
      .map(([firstVariations, banners, alloc, baseline, names]) =>
        firstVariations.map((variation, i) => ({
          name: names[i] ?? `T${String(i)}`,
          baseline: i === baseline,
          allocation: alloc[i] ?? 0,
          variations:
            flags.length === 2 ? { [first]: variation, banner: banners[i] ?? 'Shown' } : { [first]: variation },
        })),
      ),
  );
}

const designArb: fc.Arbitrary<Design> = fc
  .constantFrom<FlagKey[]>(['checkout-button'], ['banner'], ['checkout-button', 'banner'])
  .chain((flags) =>
    fc.record(
      {
        flags: fc.constant(flags),
        rule: fc.constantFrom('fallthrough' as const, 'beta-users' as const),
        randomizationUnit: fc.constantFrom('user' as const, 'account' as const),
        canReshuffleTraffic: fc.boolean(),
        methodology: fc.constantFrom('bayesian' as const, 'frequentist' as const),
        hypothesis: fc.constantFrom('Moving the button lifts conversion', 'A banner raises revenue'),
        primary: fc.constantFrom(...METRICS, FUNNEL),
        metrics: fc.subarray([...METRICS, FUNNEL]),
        attributes: fc.subarray(['country', 'device', 'plan'], { minLength: 1 }),
        treatments: treatmentsArb(flags),
      },
      {
        requiredKeys: [
          'flags',
          'rule',
          'randomizationUnit',
          'canReshuffleTraffic',
          'methodology',
          'hypothesis',
          'primary',
          'metrics',
          'treatments',
        ],
      },
    ),
  );

const metadataArb: fc.Arbitrary<Metadata> = fc.record(
  {
    name: fc.constantFrom('Checkout test', 'Banner test', 'Pricing test'),
    description: fc.constantFrom('Does it convert?', 'Second try'),
    tags: fc.subarray(['checkout', 'growth', 'ldexp-managed']),
  },
  { requiredKeys: ['name', 'tags'] },
);

const holdoutArb: fc.Arbitrary<HoldoutModel> = fc
  .record({
    name: fc.constantFrom('Q1 holdout', 'Global holdout'),
    description: optional(fc.constantFrom('Five percent see nothing', 'Measures the quarter')),
    amount: fc.constantFrom(5, 10),
    primary: fc.constantFrom('revenue' as const, 'signups' as const),
    extra: fc.subarray(['checkout-conversion', 'page-load-ms']),
    state: fc.constantFrom('active' as const, 'active' as const, 'active' as const, 'ended' as const),
  })
  .map(({ extra, description, ...h }) => ({
    ...h,
    ...(description !== undefined ? { description } : {}),
    metrics: [h.primary, ...extra],
  }));

function metadataOf(e: Metadata): Metadata {
  return { name: e.name, tags: e.tags, ...(e.description !== undefined ? { description: e.description } : {}) };
}

/** A live experiment: an independent design, or the desired one (so that some already match). */
const ALL_STATES: ExperimentState[] = ['draft', 'running', 'stopped', 'archived'];
/** Live states from which the desired state is reachable (running → draft and draft → stopped are not). */
const REACHABLE_FROM: Record<ExperimentState, ExperimentState[]> = {
  draft: ['draft', 'stopped', 'archived'],
  running: ALL_STATES,
  stopped: ['running', 'stopped', 'archived'],
  archived: ALL_STATES,
};

/**
 * A live experiment: mostly one the desired state can be reached from and in the desired holdout
 * (so that most runs converge rather than stop at a plan error), sometimes anything; an
 * independent design, or the desired one (so that some already match).
 */
const liveArb = (desired: DesiredExperiment, holdoutLive: boolean): fc.Arbitrary<LiveExperiment> =>
  fc
    .record({
      state: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...REACHABLE_FROM[desired.state]) },
        { weight: 1, arbitrary: fc.constantFrom(...ALL_STATES) },
      ),
      // A manifest that omits holdout says nothing about membership: both kinds of live experiment.
      inHoldout: !holdoutLive
        ? fc.constant(false)
        : desired.holdout === 'omit'
          ? fc.boolean()
          : fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.boolean() }),
      design: fc.oneof(fc.constant(desired.design), designArb),
      winner: fc.nat(),
      meta: fc.oneof(fc.constant(metadataOf(desired)), metadataArb),
    })
    .map(({ meta, ...live }) => ({ ...live, ...meta }));

const desiredArb = (key: string, holdout: boolean): fc.Arbitrary<DesiredExperiment> =>
  fc
    .record({
      state: fc.constantFrom<ExperimentState>('draft', 'running', 'stopped', 'archived'),
      holdout: holdout
        ? fc.constantFrom<Membership>('join', 'join', 'omit', 'omit', 'leave')
        : fc.constantFrom<Membership>('omit', 'omit', 'leave'),
      acknowledgement: fc.constantFrom<Acknowledgement>('current', 'current', 'current', 'current', 'missing', 'stale'),
      design: designArb,
      winner: fc.nat(),
      threshold: optional(fc.constantFrom(90, 95)),
      meta: metadataArb,
    })
    .map(({ meta, threshold, ...d }) => ({ key, ...d, ...meta, ...(threshold === undefined ? {} : { threshold }) }));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    holdout: optional(
      fc.record(
        {
          desired: holdoutArb,
          live: fc.constantFrom<LiveHoldout>(
            'absent',
            'absent',
            'absent',
            'same',
            'same',
            'renamed',
            'renamed',
            'immutable-differs',
            'ended',
          ),
        },
        { requiredKeys: ['live'] },
      ),
    ),
    count: fc.integer({ min: 1, max: 4 }),
    moved: fc.oneof(
      { weight: 2, arbitrary: fc.constant<FlagKey[]>([]) },
      { weight: 1, arbitrary: fc.subarray<FlagKey>(['checkout-button', 'banner'], { minLength: 1 }) },
    ),
  })
  .filter(({ holdout }) => holdout === undefined || holdout.desired !== undefined || holdout.live !== 'absent')
  .chain(({ holdout, count, moved }) => {
    const holdoutLive = holdout !== undefined && holdout.live !== 'absent';
    const experiments = Array.from({ length: count }, (_, i) =>
      desiredArb(`exp-${String(i)}`, holdout !== undefined).chain((desired) =>
        fc.boolean().chain((exists) =>
          exists
            ? // An existing experiment can only be in a holdout that exists: mostly keep it out of a new one.
              fc.tuple(fc.nat(4), liveArb(desired, holdoutLive)).map(([dice, live]) => ({
                desired: {
                  ...desired,
                  holdout: desired.holdout === 'join' && !holdoutLive && dice !== 0 ? 'omit' : desired.holdout,
                },
                live,
              }))
            : // Valid from scratch: draft or running (or archived: nothing to do).
              fc
                .constantFrom<ExperimentState>('draft', 'running', 'running', 'archived')
                .map((state) => ({ desired: { ...desired, state } })),
        ),
      ),
    );
    return fc
      .tuple(...experiments)
      .map((exps) => ({ ...(holdout ? { holdout } : {}), experiments: exps, ...(moved.length > 0 ? { moved } : {}) }));
  });

/**
 * Every experiment exists and is a member of a live, active holdout; the manifest joins (names it),
 * omits or leaves it, and asks for the live state or for running (which restarts a running one
 * whose design moved, with a random acknowledgement).
 */
const memberScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(holdoutArb, fc.integer({ min: 1, max: 3 }))
  .chain(([holdout, count]) =>
    fc
      .tuple(
        ...Array.from({ length: count }, (_, i) =>
          desiredArb(`exp-${String(i)}`, true).chain((desired) =>
            fc
              .record({
                live: liveArb(desired, true),
                liveState: fc.constantFrom<ExperimentState>('draft', 'running', 'running', 'stopped'),
                membership: fc.constantFrom<Membership>('omit', 'omit', 'leave', 'leave', 'join'),
                run: fc.boolean(),
              })
              .map(({ live, liveState, membership, run }) => ({
                desired: { ...desired, holdout: membership, state: run ? ('running' as const) : liveState },
                live: { ...live, state: liveState, inHoldout: true },
              })),
          ),
        ),
      )
      .map((experiments) => ({
        holdout: { desired: { ...holdout, state: 'active' as const }, live: 'same' as const },
        experiments,
      })),
  );

// ── rendering: manifests and seed ──────────────────────────────────────────────────────────────

const winnerOf = (e: { design: Design; winner: number }): string =>
  e.design.treatments[e.winner % e.design.treatments.length]?.name ?? 'Control';

/** The running iteration's number as LaunchDarkly counts them: seeds have no earlier iterations. */
const runningIteration = (live: LiveExperiment | undefined): number | undefined =>
  live?.state === 'running' ? 1 : undefined;

function replacesIteration(e: DesiredExperiment, live: LiveExperiment | undefined): object {
  const running = runningIteration(live) ?? 1;
  if (e.acknowledgement === 'missing') return {};
  return { replacesIteration: e.acknowledgement === 'current' ? running : running + 1 };
}

function manifestOfExperiment(e: DesiredExperiment, live: LiveExperiment | undefined): object {
  const d = e.design;
  const single = d.flags.length === 1;
  const isFunnel = d.primary === FUNNEL;
  return {
    apiVersion: 'ldexp/v1',
    kind: 'Experiment',
    metadata: { key: e.key },
    spec: {
      name: e.name,
      ...(e.description !== undefined ? { description: e.description } : {}),
      tags: e.tags,
      methodology: d.methodology,
      ...(e.threshold === undefined
        ? {}
        : d.methodology === 'bayesian'
          ? { analysis: { bayesianThreshold: e.threshold } }
          : { analysis: { significanceThreshold: (100 - e.threshold) / 100 } }),
      ...(e.holdout === 'join' ? { holdout: HOLDOUT } : e.holdout === 'leave' ? { holdout: null } : {}),
      state: e.state,
      iteration: {
        hypothesis: d.hypothesis,
        randomizationUnit: d.randomizationUnit,
        canReshuffleTraffic: d.canReshuffleTraffic,
        ...(isFunnel ? { primaryFunnel: FUNNEL } : { primaryMetric: d.primary }),
        metrics: d.metrics.map((m) => (m === FUNNEL ? { group: FUNNEL } : m)),
        ...(d.attributes ? { attributes: d.attributes } : {}),
        flags: Object.fromEntries(d.flags.map((f) => [f, { rule: f === 'checkout-button' ? d.rule : 'fallthrough' }])),
        treatments: d.treatments.map((t) => ({
          name: t.name,
          baseline: t.baseline,
          allocationPercent: t.allocation,
          ...(single ? { variation: t.variations[d.flags[0]!] } : { variations: t.variations }),
        })),
        changeJustification: 'Generated: the design moved',
        ...replacesIteration(e, live),
      },
      ...(e.state === 'stopped' || e.state === 'archived'
        ? { stop: { winner: winnerOf(e), reason: 'Generated' } }
        : {}),
    },
  };
}

function manifestOfHoldout(h: HoldoutModel): object {
  return {
    apiVersion: 'ldexp/v1',
    kind: 'Holdout',
    metadata: { key: HOLDOUT },
    spec: {
      name: h.name,
      ...(h.description !== undefined ? { description: h.description } : {}),
      randomizationUnit: 'user',
      holdoutAmount: h.amount,
      primaryMetric: h.primary,
      metrics: h.metrics,
      state: h.state,
    },
  };
}

function seedOfExperiment(key: string, e: LiveExperiment): SeedExperiment {
  const d = e.design;
  const single = d.flags.length === 1;
  return {
    key,
    name: e.name,
    ...(e.description !== undefined ? { description: e.description } : {}),
    tags: e.tags,
    methodology: d.methodology,
    ...(e.inHoldout ? { holdout: HOLDOUT } : {}),
    state: e.state,
    iteration: {
      hypothesis: d.hypothesis,
      ...(single
        ? { flag: d.flags[0]!, rule: d.flags[0] === 'checkout-button' ? d.rule : 'fallthrough' }
        : { flags: d.flags.map((flag) => ({ flag, rule: flag === 'checkout-button' ? d.rule : 'fallthrough' })) }),
      randomizationUnit: d.randomizationUnit,
      canReshuffleTraffic: d.canReshuffleTraffic,
      primaryMetric: d.primary,
      metrics: d.metrics,
      ...(d.attributes ? { attributes: d.attributes } : {}),
      treatments: d.treatments.map((t) => ({
        name: t.name,
        baseline: t.baseline,
        allocation: t.allocation,
        ...(single
          ? { variation: t.variations[d.flags[0]!]! }
          : { parameters: d.flags.map((flag) => ({ flag, variation: t.variations[flag]! })) }),
      })),
      ...(e.state === 'stopped' || e.state === 'archived' ? { winner: winnerOf(e) } : {}),
    },
  };
}

function seedOfHoldout(desired: HoldoutModel | undefined, live: LiveHoldout): SeedHoldout {
  const base: Omit<HoldoutModel, 'state'> = desired ?? {
    name: 'Live only holdout',
    amount: 5,
    primary: 'revenue',
    metrics: ['revenue'],
  };
  return {
    key: HOLDOUT,
    name: live === 'renamed' ? `${base.name} (old)` : base.name,
    ...(live === 'renamed'
      ? { description: 'An older description' }
      : base.description !== undefined
        ? { description: base.description }
        : {}),
    holdoutAmount: live === 'immutable-differs' ? base.amount + 1 : base.amount,
    randomizationUnit: 'user',
    primaryMetric: base.primary,
    metrics: base.metrics,
    ...(live === 'ended' ? { status: 'ended' as const } : {}),
  };
}

function seedOf(s: Scenario): EmulatorSeed {
  const live = s.experiments.flatMap(({ desired, live: l }) => (l ? [seedOfExperiment(desired.key, l)] : []));
  const holdouts = s.holdout && s.holdout.live !== 'absent' ? [seedOfHoldout(s.holdout.desired, s.holdout.live)] : [];
  return { projects: [{ ...WORLD, experiments: { production: live }, holdouts: { production: holdouts } }] };
}

async function writeManifests(dir: string, s: Scenario): Promise<void> {
  const documents: [string, object][] = [
    ['ldexp.yaml', { apiVersion: 'ldexp/v1', kind: 'Config', project: 'web', environment: 'production' }],
    ...s.experiments.map(({ desired, live }): [string, object] => [
      `${desired.key}.yaml`,
      manifestOfExperiment(desired, live),
    ]),
  ];
  if (s.holdout?.desired) documents.push([`${HOLDOUT}.yaml`, manifestOfHoldout(s.holdout.desired)]);
  await Promise.all(documents.map(([file, doc]) => writeFile(join(dir, file), stringify(doc))));
}

// ── the oracle: errors a random live state may legitimately cause ─────────────────────────────

/** Whether the scenario explains an error problem (by its file and code). */
function explains(s: Scenario, problem: Problem): boolean {
  const file = basename(problem.position?.file ?? '');
  const holdout = s.holdout;
  if (file === `${HOLDOUT}.yaml`) {
    if (problem.code === 'HoldoutImmutableField') return holdout?.live === 'immutable-differs';
    if (problem.code === 'HoldoutEnded') return holdout?.live === 'ended' && holdout.desired?.state === 'active';
    return false;
  }
  const pair = s.experiments.find(({ desired }) => `${desired.key}.yaml` === file);
  if (!pair) return false;
  const { desired, live } = pair;
  const member = live?.inHoldout ?? false;
  const ended = holdout?.live === 'ended';
  switch (problem.code) {
    case 'NothingToStop':
      return desired.state === 'stopped' && (live === undefined || live.state === 'draft');
    case 'CannotUnstart':
      return desired.state === 'draft' && live?.state === 'running';
    case 'UnknownWinner':
    case 'WinnerRequired':
      return live?.state === 'running' && (desired.state === 'stopped' || desired.state === 'archived');
    case 'ReplacesIterationRequired':
    case 'ReplacesIterationStale':
      // Only a restart of the running iteration asks for the acknowledgement.
      return live?.state === 'running' && desired.state === 'running' && desired.acknowledgement !== 'current';
    case 'HoldoutJoinOnlyAtCreation':
      return live !== undefined && desired.holdout === 'join' && !member;
    case 'UnknownHoldout':
      // Ended and never created: there is nothing to join.
      return desired.holdout === 'join' && holdout?.live === 'absent' && holdout.desired?.state === 'ended';
    case 'JoinEndedHoldout':
      // An ended holdout takes no new members (the emulator refuses them).
      return desired.holdout === 'join' && ended && !member;
    case 'HoldoutEndedMembership':
      // ... and no removeExperiment: `holdout: null` cannot be carried out.
      return desired.holdout === 'leave' && ended && member;
    default:
      return false;
  }
}

/**
 * Whether the scenario explains a difference the converged plan still reports as not appliable:
 * a stopped or archived experiment keeps the design (and, archived, the details) LaunchDarkly has;
 * an archived experiment that never existed is not created; an ended holdout takes no change.
 * (Membership is never such a difference: an omitted `holdout` is not managed, and `holdout: null`
 * on a member of an ended holdout is a plan error.)
 */
function explainsUnapplied(s: Scenario, resource: ResourcePlan): boolean {
  if (resource.type === 'holdout') return s.holdout?.desired?.state === 'ended';
  const pair = s.experiments.find(({ desired }) => resource.key === desired.key);
  if (!pair) return false;
  return pair.desired.state === 'stopped' || pair.desired.state === 'archived';
}

/** What a scenario exercises that the property must cover at least once. */
interface Coverage {
  /** A live draft whose flag moved is started. */
  movedDraftStarted: boolean;
  /** Two or more experiments are started (created or not) on one flag in one apply. */
  startsOnOneFlag: boolean;
}

function coverageOf(s: Scenario): Coverage {
  const starts = s.experiments.filter(
    ({ desired, live }) => desired.state === 'running' && (live === undefined || live.state !== 'running'),
  );
  const perFlag = (flag: FlagKey): number => starts.filter(({ desired }) => desired.design.flags.includes(flag)).length;
  return {
    movedDraftStarted: starts.some(
      ({ live }) => live?.state === 'draft' && live.design.flags.some((flag) => s.moved?.includes(flag)),
    ),
    startsOnOneFlag: perFlag('checkout-button') >= 2 || perFlag('banner') >= 2,
  };
}

// ── the property ───────────────────────────────────────────────────────────────────────────────

const errorLines = (problems: readonly Problem[]): string[] =>
  problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.code} ${basename(p.position?.file ?? '')}${p.pointer ?? ''}: ${p.message}`);

type Outcome = 'converged' | 'refused';

interface Run {
  outcome: Outcome;
  /** The first plan's steps as `resource instructions`, empty when it was refused. */
  firstSteps: string[];
}

const describeStep = (step: PlanStep): string => `${step.resource} ${step.instructions.join(',') || step.kind}`;

/**
 * What only an explicit manifest may cause: removeExperiment only for `holdout: null`, a restart
 * only when the manifest acknowledges the running iteration.
 */
function expectOnlyExplicitDestruction(s: Scenario, steps: readonly PlanStep[]): void {
  const desiredOf = (key: unknown) => s.experiments.find(({ desired }) => desired.key === key)?.desired;
  for (const step of steps) {
    const instructions = (step.body as { instructions?: { kind: string; value?: unknown }[] }).instructions ?? [];
    for (const removal of instructions.filter((i) => i.kind === 'removeExperiment')) {
      expect([removal.value, desiredOf(removal.value)?.holdout]).toEqual([removal.value, 'leave']);
    }
    if (step.impact === 'new-iteration') {
      const key = step.resource.split('/').pop();
      expect([key, desiredOf(key)?.acknowledgement]).toEqual([key, 'current']);
    }
  }
}

/**
 * One scenario on a fresh emulator: plan; on errors, every error is explained and nothing was
 * written; otherwise apply succeeds in full, and two more plans have no steps and the same hash.
 */
async function convergeOnce(s: Scenario, concurrency = 4): Promise<Run> {
  const emulator = await startEmulator({ seed: seedOf(s), port: 0 });
  for (const flag of s.moved ?? []) {
    // An edit to the flag's targeting in LaunchDarkly, after the seeded drafts were saved.
    emulator.store.project('web').flags.get(flag)!.environments['production']!.version += 3;
  }
  const dir = await mkdtemp(join(tmpdir(), 'ldexp-converge-'));
  try {
    await writeManifests(dir, s);
    const connection: ConnectionOptions = { baseUrl: emulator.url, token: 'api-converge', concurrency };
    const first = await plan([dir], {}, connection);
    const errors = first.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      expect(errorLines(errors.filter((p) => !explains(s, p)))).toEqual([]);
      expect(first.plan).toBeUndefined();
      expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      return { outcome: 'refused', firstSteps: [] };
    }
    expect(first.plan).toBeDefined();
    if (!first.plan) return { outcome: 'refused', firstSteps: [] };
    expectOnlyExplicitDestruction(s, first.plan.steps);
    const report = await applyPlan(first.plan, connection, { checkFreshness: true });
    // Every step succeeds in one apply, starts and restarts sharing a flag included.
    expect(report.outcomes.filter((o) => o.status !== 'ok')).toEqual([]);

    const second = await plan([dir], {}, connection);
    expect(errorLines(second.problems)).toEqual([]);
    expect(second.plan?.steps.map(describeStep)).toEqual([]);
    const third = await plan([dir], {}, connection);
    expect(third.plan?.steps).toEqual([]);
    expect(third.plan?.hash).toBe(second.plan?.hash);
    expect(third.plan?.resources.filter((r) => r.action !== 'no-op').map((r) => r.address)).toEqual([]);
    // What is left must be a difference no instruction can make, and the plan must say so.
    const left = third.plan?.resources.filter((r) => r.unapplied !== undefined) ?? [];
    expect(left.filter((r) => !explainsUnapplied(s, r)).map((r) => [r.address, r.unapplied])).toEqual([]);
    expect(third.plan?.summary.unapplied).toBe(left.length);
    return { outcome: 'converged', firstSteps: first.plan.steps.map(describeStep) };
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// Each run has its own emulator and folder, so the tests of a block run at once: their waits (reads
// of the manifest files, HTTP on loopback) overlap.
describe.concurrent('generative convergence against the emulator', () => {
  it('apply then plan is empty; plan(x, x) has no steps and a stable hash', async () => {
    const outcomes: Outcome[] = [];
    const covered: Coverage[] = [];
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const run = await convergeOnce(s);
        outcomes.push(run.outcome);
        if (run.outcome === 'converged') covered.push(coverageOf(s));
      }),
      { numRuns: 25, seed: 20_260_312, endOnFailure: true },
    );
    // The property must mostly exercise convergence, not refusals: with this seed, most of the 25
    // runs converge even counting the runs that hit the bugs reported below as refusals.
    expect(outcomes.filter((o) => o === 'converged').length).toBeGreaterThanOrEqual(10);
    // And among the converged runs, drafts whose flags moved and several starts on one flag.
    expect(covered.some((c) => c.movedDraftStarted)).toBe(true);
    expect(covered.some((c) => c.startsOnOneFlag)).toBe(true);
  });

  it('holdout members (many omitting holdout) that run, restart and stop converge without losing membership', async () => {
    const runs: Run[] = [];
    let omitting = 0;
    await fc.assert(
      fc.asyncProperty(memberScenarioArb, async (s) => {
        omitting += s.experiments.filter(({ desired }) => desired.holdout === 'omit').length;
        runs.push(await convergeOnce(s));
      }),
      { numRuns: 20, seed: 20_260_302, endOnFailure: true },
    );
    const steps = runs.flatMap((run) => run.firstSteps);
    // Coverage, with this seed: 15 members omit holdout, 7 restarts and 8 removals are applied, and
    // 13 of the 20 runs converge (the others stop at a missing or stale acknowledgement).
    expect(omitting).toBeGreaterThanOrEqual(10);
    expect(steps.filter((step) => step.endsWith('saveAndStartNewIteration')).length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((step) => step.endsWith('removeExperiment')).length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((run) => run.outcome === 'converged').length).toBeGreaterThanOrEqual(10);
  });
});

// ── regressions the property found, shrunk by hand ─────────────────────────────────────────────

const BUTTON_DESIGN: Design = {
  flags: ['checkout-button'],
  rule: 'fallthrough',
  randomizationUnit: 'user',
  canReshuffleTraffic: true,
  methodology: 'bayesian',
  hypothesis: 'Moving the button lifts conversion',
  primary: 'checkout-conversion',
  metrics: [],
  treatments: [
    { name: 'Control', baseline: true, allocation: 50, variations: { 'checkout-button': 'Control' } },
    { name: 'Variant A', baseline: false, allocation: 50, variations: { 'checkout-button': 'Top' } },
  ],
};

const experimentOf = (key: string, state: ExperimentState, holdout: Membership = 'omit'): DesiredExperiment => ({
  key,
  name: key,
  tags: [],
  state,
  holdout,
  acknowledgement: 'current',
  design: BUTTON_DESIGN,
  winner: 1,
});

const liveOf = (state: ExperimentState, inHoldout = false): LiveExperiment => ({
  name: 'old name',
  tags: [],
  state,
  inHoldout,
  design: BUTTON_DESIGN,
  winner: 0,
});

const ENDED_HOLDOUT: HoldoutModel = {
  name: 'Q1 holdout',
  amount: 5,
  primary: 'revenue',
  metrics: ['revenue'],
  state: 'ended',
};

const ACTIVE_HOLDOUT: HoldoutModel = { ...ENDED_HOLDOUT, state: 'active' };

describe.concurrent('regressions found by the property', () => {
  it('stopping one experiment, then creating another on the same flag, in one apply', async () => {
    // exp-a runs on checkout-button and is stopped (s1: stopIteration bumps the flag's version
    // 4 → 5); exp-b is created on the same flag (s2) with the flagConfigVersion read at plan time.
    // Concurrency 1 makes the order deterministic; at 4 it is a race with the same outcome.
    const s: Scenario = {
      experiments: [
        { desired: experimentOf('exp-a', 'stopped'), live: liveOf('running') },
        { desired: experimentOf('exp-b', 'draft') },
      ],
    };
    expect((await convergeOnce(s, 1)).outcome).toBe('converged');
  });

  it('starting a draft whose flag moved since it was saved (its flagConfigVersion is stale)', async () => {
    const s: Scenario = {
      experiments: [{ desired: experimentOf('exp-a', 'running'), live: liveOf('draft') }],
      moved: ['checkout-button'],
    };
    expect((await convergeOnce(s)).outcome).toBe('converged');
  });

  it('three experiments started on one flag in one apply: one created, two live drafts, one of them stale', async () => {
    const s: Scenario = {
      experiments: [
        { desired: experimentOf('exp-a', 'running') },
        { desired: experimentOf('exp-b', 'running'), live: liveOf('draft') },
        { desired: experimentOf('exp-c', 'running'), live: liveOf('draft') },
      ],
      moved: ['checkout-button'],
    };
    expect((await convergeOnce(s, 4)).outcome).toBe('converged');
  });

  it('a stopped experiment whose design differs converges with the difference reported, not hidden', async () => {
    const s: Scenario = {
      experiments: [
        {
          desired: {
            ...experimentOf('exp-a', 'stopped'),
            design: { ...BUTTON_DESIGN, hypothesis: 'A banner raises revenue' },
          },
          live: liveOf('stopped'),
        },
      ],
    };
    expect((await convergeOnce(s)).outcome).toBe('converged');
  });

  it('a new experiment naming a holdout that has ended is refused at plan time, nothing sent', async () => {
    const s: Scenario = {
      holdout: { desired: ENDED_HOLDOUT, live: 'ended' },
      experiments: [{ desired: experimentOf('exp-a', 'draft', 'join') }],
    };
    expect((await convergeOnce(s)).outcome).toBe('refused');
  });

  it('an archived manifest of an experiment that never existed, naming a holdout the same apply ends', async () => {
    // Found by the property: once the holdout had ended, the archived manifest (which creates
    // nothing) was refused as joining an ended holdout, so the run never converged.
    const s: Scenario = {
      holdout: { desired: ENDED_HOLDOUT, live: 'same' },
      experiments: [{ desired: experimentOf('exp-a', 'archived', 'join') }],
    };
    expect((await convergeOnce(s)).outcome).toBe('converged');
  });

  it('a member of an ended holdout whose manifest omits holdout: is left alone', async () => {
    const s: Scenario = {
      holdout: { desired: ENDED_HOLDOUT, live: 'ended' },
      experiments: [{ desired: experimentOf('exp-a', 'draft'), live: liveOf('draft', true) }],
    };
    expect(await convergeOnce(s)).toEqual({
      outcome: 'converged',
      firstSteps: ['experiment/web/production/exp-a updateExperimentFields'],
    });
  });

  it('holdout: null on a member of an ended holdout is refused: its membership is frozen', async () => {
    const s: Scenario = {
      holdout: { desired: ENDED_HOLDOUT, live: 'ended' },
      experiments: [{ desired: experimentOf('exp-a', 'draft', 'leave'), live: liveOf('draft', true) }],
    };
    expect((await convergeOnce(s)).outcome).toBe('refused');
  });
});

describe.concurrent('holdout members whose manifests omit holdout (issue 7)', () => {
  it.each(['draft', 'running', 'stopped'] as const)(
    'a %s member stays in its holdout: nothing removes it',
    async (state) => {
      const s: Scenario = {
        holdout: { desired: ACTIVE_HOLDOUT, live: 'same' },
        experiments: [{ desired: { ...experimentOf('exp-a', state), name: 'old name' }, live: liveOf(state, true) }],
      };
      expect(await convergeOnce(s)).toEqual({ outcome: 'converged', firstSteps: [] });
    },
  );

  it('holdout: null removes it, the one step of the plan', async () => {
    const s: Scenario = {
      holdout: { desired: ACTIVE_HOLDOUT, live: 'same' },
      experiments: [
        { desired: { ...experimentOf('exp-a', 'running', 'leave'), name: 'old name' }, live: liveOf('running', true) },
      ],
    };
    expect(await convergeOnce(s)).toEqual({
      outcome: 'converged',
      firstSteps: [`holdout/web/production/${HOLDOUT} removeExperiment`],
    });
  });
});
