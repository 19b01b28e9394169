/** The plan: a versioned, hashed, serializable value. Its JSON form is schemas/plan.schema.json. */
import type { FieldChange as DiffFieldChange } from '../diff/types.js';
import { formatAddress, type Problem, type ResourceRef, type ResourceType, type SourcePosition } from '../types.js';
import type { InstructionKind } from './instructions.js';

export const PLAN_FORMAT_VERSION = 1;

/** Ordered from least to most disruptive; `worstImpact` picks the later one. */
export const IMPACTS = [
  'none',
  'metadata',
  'draft-edit',
  'create',
  'start',
  'restore',
  'new-iteration',
  'stop',
  'archive',
  'irreversible',
] as const;
export type Impact = (typeof IMPACTS)[number];

export function worstImpact(a: Impact, b: Impact): Impact {
  return IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b;
}

export type ResourceAction = 'create' | 'update' | 'no-op';

/**
 * Where a change comes from, in a plan made against a Git base (`plan --base`): `git` the
 * manifests changed since the base, `drift` LaunchDarkly changed outside Git (applying reverts it),
 * `both` the manifests and LaunchDarkly both moved away from the base. See src/origin/.
 */
export type ChangeOrigin = 'git' | 'drift' | 'both';

/** One human-readable change as the diff stage words it (names rather than IDs), and where it comes from. */
export interface FieldChange extends DiffFieldChange {
  /** Set only in a plan made against a Git base; not covered by the plan hash. */
  origin?: ChangeOrigin;
}

export interface ResourcePlan {
  address: string;
  type: ResourceType;
  project: string;
  environment: string;
  key: string;
  name: string;
  action: ResourceAction;
  /** Live state before → desired, e.g. `running → stopped`. */
  stateFrom?: string;
  stateTo: string;
  changes: FieldChange[];
  impact: Impact;
  /** The step ids that realise this resource's change, in order. */
  stepIds: string[];
  source?: SourcePosition;
  /** Facts that explain the impact in plain words (PR comments); all optional. */
  context?: ImpactContext;
  /** Differences between the manifest and LaunchDarkly that no step can make; absent when none. */
  unapplied?: UnappliedDifferences;
  /**
   * Where the change of state (or the creation) comes from, in a plan made against a Git base;
   * set when `stateFrom` differs from `stateTo`. Not covered by the plan hash.
   */
  stateOrigin?: ChangeOrigin;
  /** Fields owned elsewhere (`ignore`), as manifest paths (`spec.tags`): never diffed or written; absent when none. */
  ownedElsewhere?: string[];
}

/** What stays different after this plan is applied, and why no step makes it. */
export interface UnappliedDifferences {
  /** Why LaunchDarkly cannot be made to match, and what the manifest could say instead. */
  reason: string;
  changes: FieldChange[];
}

/** The fields of a resource plan that say which object it is, from its reference. */
export function resourceIdentity(
  ref: ResourceRef,
): Pick<ResourcePlan, 'address' | 'type' | 'project' | 'environment' | 'key'> {
  return {
    address: formatAddress(ref),
    type: ref.kind,
    project: ref.project,
    environment: ref.environment,
    key: ref.key,
  };
}

/** What a reviewer needs to understand a disruptive change; filled by the planner when known. */
export interface ImpactContext {
  /** ISO 8601 start of the live iteration that a new iteration or a stop ends. */
  iterationStartedAt?: string;
  /** 1-based number of that live iteration, when the planner can count them. */
  iterationNumber?: number;
  /** Treatment name a stop declares the winner. */
  winner?: string;
  /** The manifest's `changeJustification` for a step that ends the running iteration. */
  changeJustification?: string;
}

export type StepKind = 'createExperiment' | 'createIteration' | 'patchExperiment' | 'createHoldout' | 'patchHoldout';

/**
 * A value only known after an earlier step ran (the `_id` of a holdout created in the same apply);
 * apply writes `fromStep`'s response field at `responsePointer` into this step's body at `bodyPointer`.
 */
export interface ResponseBinding {
  bodyPointer: string;
  fromStep: string;
  responsePointer: string;
}

/**
 * A value read again right before the step is sent, once its `after` steps have finished: the
 * version of a flag that an earlier step of the same apply moves. Apply sends `GET fromGet` and
 * writes the response field at `responsePointer` into this step's body at `bodyPointer`.
 */
export interface ReadBinding {
  bodyPointer: string;
  /** API path (with query) of the GET, without the base URL. */
  fromGet: string;
  responsePointer: string;
}

export type StepBinding = ResponseBinding | ReadBinding;

export function isReadBinding(binding: StepBinding): binding is ReadBinding {
  return 'fromGet' in binding;
}

/** The steps whose responses a step's bindings read. */
export function bindingSteps(bindings: readonly StepBinding[]): string[] {
  return bindings.flatMap((b) => (isReadBinding(b) ? [] : [b.fromStep]));
}

export interface PlanStep {
  id: string;
  resource: string;
  kind: StepKind;
  method: 'POST' | 'PATCH';
  /** API path, without the base URL. */
  path: string;
  /** The exact request body. */
  body: unknown;
  /** Semantic-patch instruction kinds, for display, for apply's preconditions and for tests. */
  instructions: InstructionKind[];
  dependsOn: string[];
  /**
   * Ordering only: run after these steps have finished, whatever their outcome (a failure of one
   * does not skip this step, unlike `dependsOn`). Absent when empty.
   */
  after?: string[];
  bindings: StepBinding[];
  impact: Impact;
  /** Why this step exists, in words a product manager understands. */
  reason: string;
}

export interface UnmanagedResource {
  address: string;
  type: ResourceType;
  name: string;
  status: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  noOp: number;
  /** Resources with differences no step can make (`ResourcePlan.unapplied`). */
  unapplied: number;
  unmanaged: number;
  steps: number;
  byImpact: Partial<Record<Impact, number>>;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  target: { baseUrl: string; projects: string[]; environments: string[] };
  summary: PlanSummary;
  resources: ResourcePlan[];
  steps: PlanStep[];
  unmanaged: UnmanagedResource[];
  /** Warnings found while planning (errors stop planning). */
  warnings: Problem[];
  /** What the plan deliberately did not do and why (e.g. pruning skipped on a partial run). */
  notices: PlanNotice[];
  /** address → sha256 of the normalized live object, for every live object a step touches. */
  fingerprints: Record<string, string>;
  /** sha256 over the steps: what reviewers approved. */
  hash: string;
  /** The Git revision the changes are labelled against (`plan --base`); not covered by the hash. */
  base?: PlanBase;
}

/** The revision a three-way plan compared the manifests with. */
export interface PlanBase {
  /** The ref as given, e.g. `origin/main` or a commit SHA. */
  ref: string;
  /** The full commit SHA it named. */
  commit: string;
  /** Why the changes carry no labels, when the manifests at the base could not be planned. */
  notCompared?: string;
}

/** Something ldexp left undone on purpose; shown in every output. */
export interface PlanNotice {
  /** Stable, e.g. `PruneSkipped`. */
  code: string;
  message: string;
}

/** Whether applying the plan sends anything. */
export function hasSteps(plan: Plan): boolean {
  return plan.steps.length > 0;
}

/**
 * Whether LaunchDarkly differs from the manifests: steps to send, or differences no step can make.
 * Only a plan without either may say "No changes" (and `--detailed-exitcode` exits 0).
 */
export function hasChanges(plan: Plan): boolean {
  return hasSteps(plan) || plan.resources.some((r) => r.unapplied !== undefined);
}
