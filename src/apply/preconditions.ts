/**
 * Per-step preconditions: before an instruction that must not happen twice (a start, stop or
 * restart, a create, ending a holdout, taking an experiment out of one), apply reads the object
 * once and confirms it is still what the plan was made against. The same reads decide what
 * happened to a write that got no answer.
 */

import type { LdClient } from '../live/client.js';
import { readEnvironmentHoldouts, readOne } from '../live/fetch-live.js';
import type { LdExperiment, LdHoldout } from '../live/ld-types.js';
import type { LiveEnvironment, LiveState } from '../live/types.js';
import { iterationNumber, liveStatus } from '../normalize/status.js';
import { fingerprintLive } from '../plan/fingerprint.js';
import { stableSha256 as sha256 } from '../plan/stable-hash.js';
import type { InstructionKind } from '../plan/instructions.js';
import type { Plan, PlanStep, ResourcePlan } from '../plan/types.js';
import { parseAddress, targetId, type Target } from '../types.js';

/** Instructions whose second sending is not a no-op: they reset results or change the lifecycle. */
const NON_IDEMPOTENT: ReadonlySet<InstructionKind> = new Set<InstructionKind>([
  'startIteration',
  'stopIteration',
  'saveAndStartNewIteration',
  'endHoldout',
  'removeExperiment',
]);

/** Whether sending the step twice could do twice what the plan shows once (every POST creates). */
export function isNonIdempotent(step: PlanStep): boolean {
  return step.method === 'POST' || step.instructions.some((kind) => NON_IDEMPOTENT.has(kind));
}

/** What the plan expects of a step's object right before the step: absent, or this fingerprint. */
export type Expectation = { absent: true } | { absent: false; fingerprint: string };

/**
 * The state a step was planned against: absent for the create of a resource, the plan's
 * fingerprint for an existing one, undefined when the plan recorded none (nothing to compare).
 */
export function expectationOf(plan: Plan, step: PlanStep): Expectation | undefined {
  const planned = plan.resources.find((r) => r.address === step.resource);
  if (planned?.action === 'create' && step.kind !== 'createIteration') return { absent: true };
  const fingerprint = plan.fingerprints[step.resource];
  return fingerprint === undefined ? undefined : { absent: false, fingerprint };
}

/** One object as read now. */
export interface Observed {
  object: LdExperiment | LdHoldout | undefined;
  /** The plan-time fingerprint function applied to it; undefined when absent. */
  fingerprint: string | undefined;
  /** Hash of the whole representation: any write to the object changes it. */
  raw: string;
}

/** Reads objects the way fetchLive does; holdouts per environment are read at most once per apply. */
export class StateReader {
  private readonly holdouts = new Map<string, Promise<LdHoldout[]>>();

  constructor(private readonly client: LdClient) {}

  async observe(address: string): Promise<Observed | undefined> {
    const where = parseAddress(address);
    if (!where) return undefined;
    const target: Target = { project: where.project, environment: where.environment };
    const object = await readOne(this.client, where.kind, target, where.key);
    const raw = sha256(object ?? null);
    if (!object) return { object, fingerprint: undefined, raw };
    // An experiment's fingerprint names its holdout by key, which only the holdout's detail gives.
    const holdouts =
      where.kind === 'holdout'
        ? [object as LdHoldout]
        : (object as LdExperiment).holdoutId
          ? await this.environmentHoldouts(target)
          : [];
    const environment: LiveEnvironment = {
      ...target,
      experiments: where.kind === 'experiment' ? [object as LdExperiment] : [],
      holdouts,
    };
    const live: LiveState = { baseUrl: this.client.baseUrl, projects: new Map(), environments: [environment] };
    return { object, fingerprint: fingerprintLive(live, [where])[address], raw };
  }

  private environmentHoldouts(target: Target): Promise<LdHoldout[]> {
    const id = targetId(target);
    let read = this.holdouts.get(id);
    if (!read) {
      read = readEnvironmentHoldouts(this.client, target);
      this.holdouts.set(id, read);
      // A failed read is not remembered: the next step that needs it reads again.
      read.catch(() => this.holdouts.delete(id));
    }
    return read;
  }
}

/** Whether what is observed is what the step was planned against. */
export function matches(expected: Expectation, observed: Observed): boolean {
  return expected.absent ? observed.object === undefined : observed.fingerprint === expected.fingerprint;
}

const IN_PROGRESS =
  'Another change is in progress (another ldexp apply or an edit in LaunchDarkly); this step was not applied. Run plan again.';

/** The message of a refused step: which object, what changed since planning, and what to do. */
export function changedMessage(
  address: string,
  planned: ResourcePlan | undefined,
  observed: Observed,
  when = 'since the plan was made',
): string {
  return `${address} ${whatChanged(address, planned, observed)} ${when}. ${IN_PROGRESS}`;
}

function whatChanged(address: string, planned: ResourcePlan | undefined, observed: Observed): string {
  const object = observed.object;
  if (planned?.action === 'create') return object ? 'was created by someone else' : 'changed';
  if (!object) return 'was deleted';
  if (parseAddress(address)?.kind === 'holdout') return `was edited (it is now ${(object as LdHoldout).status})`;
  const experiment = object as LdExperiment;
  const changes: string[] = [];
  const wasNumber = planned?.context?.iterationNumber;
  const number = iterationNumber(experiment);
  if (wasNumber !== undefined && wasNumber !== number) {
    changes.push(`its iteration changed from ${String(wasNumber)} to ${String(number)}`);
  }
  const status = liveStatus(experiment);
  const wasStatus = planned?.stateFrom;
  if (wasStatus !== undefined && wasStatus !== status)
    changes.push(`its status changed from ${wasStatus} to ${status}`);
  return changes.length > 0 ? changes.join(' and ') : `was edited (it is now ${status}, iteration ${String(number)})`;
}
