/** Steps before ordering: local keys instead of `s1…` ids, plus what each step targets, touches and sends. */
import { toPointer } from '../util/json-pointer.js';
import { formatAddress, type ResourceRef } from '../types.js';
import type { ExperimentPost, HoldoutPost, IterationInput } from './bodies.js';
import {
  flagsUpdateOf,
  semanticPatch,
  type ExperimentInstruction,
  type FlagInputBody,
  type HoldoutInstruction,
  type Instruction,
} from './instructions.js';
import { requestPath } from './paths.js';
import type { Impact, PlanStep, StepBinding } from './types.js';

/** What a step sends, typed; its kind decides the method and, with the target, the path. */
export type StepRequest =
  | { kind: 'createExperiment'; body: ExperimentPost }
  | { kind: 'createIteration'; body: IterationInput }
  | { kind: 'createHoldout'; body: HoldoutPost }
  | { kind: 'patchExperiment'; instructions: ExperimentInstruction[] }
  | { kind: 'patchHoldout'; instructions: HoldoutInstruction[] };

/** A `flagConfigVersion` a step sends: for which flag, which version, and where in its body. */
export interface FlagVersionSent {
  flag: string;
  version: number;
  /** JSON pointer into the body, at the `flagConfigVersion` itself. */
  pointer: string;
}

export interface DraftStep extends Omit<PlanStep, 'id'> {
  /** Unique before ids exist; `dependsOn` and `bindings[].fromStep` use these keys until ordering. */
  key: string;
  /** The resource plan (manifest) this step realises; may differ from `resource` (removeExperiment). */
  owner: string;
  /** The object the request is about; `resource` is its address. */
  target: ResourceRef;
  request: StepRequest;
  /** Live objects whose state the step relies on: they get a fingerprint. */
  touches: ResourceRef[];
  /** Holdout address this step relates to, for ordering endHoldout last. */
  holdout?: string;
  /** The flag versions the body sends, recorded from the request when the step is built. */
  flagVersions: FlagVersionSent[];
  /** Flags whose environment version this step changes (startIteration, stopIteration, saveAndStartNewIteration). */
  movesFlagVersions?: string[];
  /**
   * startIteration only: the FlagInput map (plan-time versions) of the iteration it starts.
   * LaunchDarkly refuses to start a draft whose saved `flagConfigVersion` is not current, so a
   * start depends on those versions as if it sent them; ordering adds them to the body when an
   * earlier step of the same apply moves one of its flags.
   */
  startFlags?: Record<string, FlagInputBody>;
}

export interface StepInit {
  target: ResourceRef;
  /** Address of the resource plan the step realises; defaults to the target's. */
  owner?: string;
  request: StepRequest;
  dependsOn?: string[];
  bindings?: StepBinding[];
  impact: Impact;
  reason: string;
  touches: ResourceRef[];
  holdout?: string;
  movesFlagVersions?: string[];
  startFlags?: Record<string, FlagInputBody>;
}

/**
 * A step as a cell returns it, before it has a key: the caller makes it (StepFactory) with the
 * resource's target, touches and place in the resource's order where the spec leaves them out.
 */
export type StepSpec = Omit<StepInit, 'target' | 'owner' | 'touches' | 'holdout'> & {
  target?: ResourceRef;
  touches?: ResourceRef[];
};

/** The exact body of a request; a semantic patch carries the reason as its audit-log comment. */
export function requestBody(request: StepRequest, reason: string): unknown {
  return 'body' in request ? request.body : semanticPatch<Instruction>(reason, request.instructions);
}

function versionsIn(flags: Readonly<Record<string, FlagInputBody>>, at: (string | number)[]): FlagVersionSent[] {
  return Object.entries(flags).flatMap(([flag, input]) =>
    input.flagConfigVersion === undefined
      ? []
      : [{ flag, version: input.flagConfigVersion, pointer: toPointer([...at, flag, 'flagConfigVersion']) }],
  );
}

/** Every `flagConfigVersion` a request sends, read from where its typed shape holds FlagInputs. */
export function flagVersionsOf(request: StepRequest): FlagVersionSent[] {
  switch (request.kind) {
    case 'createExperiment':
      return versionsIn(request.body.iteration.flags, ['iteration', 'flags']);
    case 'createIteration':
      return versionsIn(request.body.flags, ['flags']);
    case 'patchExperiment':
      return request.instructions.flatMap((instruction, index) => {
        const flags = flagsUpdateOf(instruction);
        return flags ? versionsIn(flags.value, ['instructions', index, 'value', 'flags', 'value']) : [];
      });
    default:
      return [];
  }
}

/** The step with a new request and reason: body, instruction kinds and flag versions follow. */
export function withRequest(step: DraftStep, request: StepRequest, reason: string): DraftStep {
  return { ...step, ...requestFields(request, reason), request, reason };
}

function requestFields(
  request: StepRequest,
  reason: string,
): Pick<DraftStep, 'body' | 'instructions' | 'flagVersions'> {
  return {
    body: requestBody(request, reason),
    instructions: 'instructions' in request ? request.instructions.map((i) => i.kind) : [],
    flagVersions: flagVersionsOf(request),
  };
}

/** Makes draft steps with unique local keys. */
export class StepFactory {
  private count = 0;

  make(init: StepInit): DraftStep {
    this.count += 1;
    const resource = formatAddress(init.target);
    const { body, instructions, flagVersions } = requestFields(init.request, init.reason);
    const step: DraftStep = {
      key: `#${String(this.count)}`,
      owner: init.owner ?? resource,
      resource,
      target: init.target,
      kind: init.request.kind,
      method: init.request.kind.startsWith('create') ? 'POST' : 'PATCH',
      path: requestPath(init.request.kind, init.target),
      request: init.request,
      body,
      instructions,
      flagVersions,
      dependsOn: init.dependsOn ?? [],
      bindings: init.bindings ?? [],
      impact: init.impact,
      reason: init.reason,
      touches: init.touches,
    };
    if (init.holdout !== undefined) step.holdout = init.holdout;
    if (init.movesFlagVersions !== undefined && init.movesFlagVersions.length > 0) {
      step.movesFlagVersions = init.movesFlagVersions;
    }
    if (init.startFlags !== undefined) step.startFlags = init.startFlags;
    return step;
  }
}
