/** Steps before ordering: local keys instead of `s1…` ids, plus what each step touches. */
import type { Impact, PlanStep, StepBinding } from './types.js';

export interface DraftStep extends Omit<PlanStep, 'id'> {
  /** Unique before ids exist; `dependsOn` and `bindings[].fromStep` use these keys until ordering. */
  key: string;
  /** The resource plan (manifest) this step realises; may differ from `resource` (removeExperiment). */
  owner: string;
  /** Live objects whose state the step relies on: they get a fingerprint. */
  touches: string[];
  /** Holdout address this step relates to, for ordering endHoldout last. */
  holdout?: string;
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

/** FlagInput as sent: `flagConfigVersion` is left out when a read binding fills it in. */
export interface FlagInputBody {
  ruleId: string;
  flagConfigVersion?: number;
  notInExperimentVariationId?: string;
}

export interface StepInit {
  resource: string;
  owner?: string;
  kind: DraftStep['kind'];
  method: DraftStep['method'];
  path: string;
  body: unknown;
  instructions?: string[];
  dependsOn?: string[];
  bindings?: StepBinding[];
  impact: Impact;
  reason: string;
  touches: string[];
  holdout?: string;
}

/** Makes draft steps with unique local keys. */
export class StepFactory {
  private count = 0;

  make(init: StepInit): DraftStep {
    this.count += 1;
    const step: DraftStep = {
      key: `#${String(this.count)}`,
      owner: init.owner ?? init.resource,
      resource: init.resource,
      kind: init.kind,
      method: init.method,
      path: init.path,
      body: init.body,
      instructions: init.instructions ?? [],
      dependsOn: init.dependsOn ?? [],
      bindings: init.bindings ?? [],
      impact: init.impact,
      reason: init.reason,
      touches: init.touches,
    };
    if (init.holdout !== undefined) step.holdout = init.holdout;
    return step;
  }
}

/** A semantic-patch body; the comment says who sent it and why, so LaunchDarkly's audit log explains itself. */
export function semanticPatch(reason: string, instructions: { kind: string; [k: string]: unknown }[]): unknown {
  return { comment: `ldexp: ${reason}`, instructions };
}
