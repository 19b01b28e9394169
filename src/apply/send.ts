/**
 * Sending one step: its bindings filled in, its precondition checked, and a send that got no
 * usable answer settled by reading the object back (see README.md).
 */
import { NetworkError, RemoteError } from '../errors.js';
import type { LdClient } from '../live/client.js';
import { isReadBinding, type Plan, type PlanStep } from '../plan/types.js';
import { getAt, setAt } from '../util/json-pointer.js';
import type { StateReader } from './preconditions.js';
import { changedMessage, expectationOf, isNonIdempotent, matches, type Observed } from './preconditions.js';
import type { StepOutcome } from './types.js';
import { parseAddress } from '../types.js';

export interface StepResult {
  outcome: StepOutcome;
  /** The response body, for later steps that bind to it. */
  response?: unknown;
  /** The failed step that caused this one to be skipped (or this step, when it failed). */
  rootFailure?: string;
}

/** What a sent request can end in: the response came, good or bad. */
type SentResult = StepResult & { outcome: Extract<StepOutcome, { status: 'ok' | 'failed' }> };

/** What every step of one apply shares. */
export interface SendContext {
  client: LdClient;
  plan: Plan;
  reader: StateReader;
  /** `type/project/environment` of every step started so far, and the addresses they act on. */
  started: Set<string>;
}

/** How often one step is sent at most, when reading back shows the earlier attempt did not land. */
const MAX_SENDS = 3;

export async function send(
  context: SendContext,
  step: PlanStep,
  responses: ReadonlyMap<string, unknown>,
): Promise<SentResult> {
  const { client } = context;
  const failed = (httpStatus: number, message: string, code?: string): SentResult => ({
    outcome: { status: 'failed', stepId: step.id, httpStatus, message, ...(code === undefined ? {} : { code }) },
    rootFailure: step.id,
  });
  let body: unknown;
  try {
    body = await fillBindings(client, step, responses);
  } catch (error) {
    if (error instanceof RemoteError) {
      return failed(error.status, `reading a value for this step: ${error.ldMessage ?? error.message}`, error.ldCode);
    }
    return failed(0, errorText(error), 'BindingUnresolved');
  }
  const checked = await checkPrecondition(context, step);
  if ('refused' in checked) return failed(checked.httpStatus, checked.refused, checked.code);
  const before = checked.observed;
  markStarted(context, step);
  for (let sends = 1; ; sends++) {
    try {
      // Every PATCH ldexp plans (experiments, holdouts) is a semantic patch; POST bodies are plain JSON.
      const response = await client.request<unknown>(step.method, step.path, {
        body,
        semanticPatch: step.method === 'PATCH',
      });
      return { outcome: { status: 'ok', stepId: step.id, httpStatus: response.status }, response: response.body };
    } catch (error) {
      if (!(error instanceof RemoteError)) return failed(0, errorText(error));
      const sent = describeFailure(error);
      const doubt = doubtOf(step, error);
      if (doubt === undefined || sends >= MAX_SENDS) return failed(error.status, sent, error.ldCode);
      // Idempotent: sending it again does no harm whether or not the first one landed.
      if (!before) continue;
      const decision = await readBack(context, step, before, doubt, sent);
      if (decision === 'send-again') continue;
      if ('ok' in decision) {
        // What was read back stands in for the lost answer, for the steps that bind to it.
        const outcome = { status: 'ok' as const, stepId: step.id, httpStatus: decision.ok, note: decision.note };
        return { outcome, response: decision.response };
      }
      return failed(error.status, decision.failed, decision.code ?? error.ldCode);
    }
  }
}

/**
 * Why a failed send may be resolved by reading back: no answer / a 5xx (`unknown`), a 409
 * (`conflict`), or a 400 refusing a step that must not happen twice (`refused`: LaunchDarkly
 * refuses a stale flagConfigVersion, which is how a restart that another apply already made shows).
 */
type Doubt = 'unknown' | 'conflict' | 'refused';

function doubtOf(step: PlanStep, error: RemoteError): Doubt | undefined {
  if (error instanceof NetworkError)
    return error.failure === 'timeout' || error.failure === 'other' ? 'unknown' : undefined;
  if (error.status >= 500) return 'unknown';
  if (error.status === 409 && step.method === 'PATCH' && error.ldCode === 'optimistic_locking_error') return 'conflict';
  if (error.status === 400 && step.method === 'PATCH' && isNonIdempotent(step)) return 'refused';
  return undefined;
}

type ReadBackDecision =
  'send-again' | { ok: number; note: string; response: unknown } | { failed: string; code?: string };

/**
 * After a send that got no usable answer: read the object and decide. Something changed since the
 * read before sending: after no answer, that is this step having landed; after a 409 or a 400,
 * another writer, and the step is refused. Nothing changed: the step did not land and is sent
 * again, except after a 400, which stands.
 */
async function readBack(
  context: SendContext,
  step: PlanStep,
  before: Observed,
  doubt: Doubt,
  sent: string,
): Promise<ReadBackDecision> {
  let now: Observed | undefined;
  try {
    now = await context.reader.observe(step.resource);
  } catch (error) {
    return {
      failed: `${sent}; reading ${step.resource} back failed too (${errorText(error)}), so whether this step happened is unknown: run plan to see`,
      code: 'OutcomeUnknown',
    };
  }
  const changed =
    now !== undefined &&
    (step.method === 'POST' && before.object === undefined ? now.object !== undefined : now.raw !== before.raw);
  // A refusal of an unchanged object is LaunchDarkly's answer to this step alone: never resent.
  if (!changed) return doubt === 'refused' ? { failed: sent } : 'send-again';
  if (doubt === 'unknown') {
    return {
      ok: step.method === 'POST' ? 201 : 200,
      note: `${sent}; confirmed by reading back`,
      response: now?.object,
    };
  }
  const planned = context.plan.resources.find((r) => r.address === step.resource);
  return {
    failed: changedMessage(
      step.resource,
      planned,
      now ?? before,
      doubt === 'conflict'
        ? 'while this step was being sent (LaunchDarkly answered 409)'
        : `while this step was being sent (LaunchDarkly refused it: ${sent})`,
    ),
    code: 'PreconditionFailed',
  };
}

type Checked = { observed: Observed | undefined } | { refused: string; code: string; httpStatus: number };

/**
 * For a step that must not happen twice: read its object once and refuse the step when it is no
 * longer what the plan was made against. The comparison is skipped (the read still gives the
 * state before sending) once this apply itself may have changed the object: an earlier step on
 * it, or on an object of the other type in its environment (joining or leaving a holdout changes
 * both sides).
 */
async function checkPrecondition(context: SendContext, step: PlanStep): Promise<Checked> {
  if (!isNonIdempotent(step)) return { observed: undefined };
  let observed: Observed | undefined;
  try {
    observed = await context.reader.observe(step.resource);
  } catch (error) {
    const status = error instanceof RemoteError ? error.status : 0;
    return {
      refused: `reading ${step.resource} before this step: ${errorText(error)}`,
      code: 'PreconditionUnchecked',
      httpStatus: status,
    };
  }
  const expected = expectationOf(context.plan, step);
  if (!observed || !expected || changedByThisApply(context, step.resource)) return { observed };
  if (matches(expected, observed)) return { observed };
  const planned = context.plan.resources.find((r) => r.address === step.resource);
  return { refused: changedMessage(step.resource, planned, observed), code: 'PreconditionFailed', httpStatus: 0 };
}

function changedByThisApply(context: SendContext, address: string): boolean {
  if (context.started.has(address)) return true;
  const where = parseAddress(address);
  if (!where) return true;
  const other = where.kind === 'experiment' ? 'holdout' : 'experiment';
  return context.started.has(`${other}/${where.project}/${where.environment}`);
}

function markStarted(context: SendContext, step: PlanStep): void {
  context.started.add(step.resource);
  const where = parseAddress(step.resource);
  if (where) context.started.add(`${where.kind}/${where.project}/${where.environment}`);
}

function describeFailure(error: RemoteError): string {
  return error.ldMessage ?? error.message;
}

/**
 * The step's body with every binding filled in, as a copy: the plan itself is never touched. A read
 * binding sends its GET now, after the steps this one waits for have finished.
 */
async function fillBindings(
  client: LdClient,
  step: PlanStep,
  responses: ReadonlyMap<string, unknown>,
): Promise<unknown> {
  let body = step.body;
  for (const binding of step.bindings) {
    const read = isReadBinding(binding);
    const source = read
      ? (await client.request<unknown>('GET', binding.fromGet)).body
      : responses.get(binding.fromStep);
    const found = getAt(source, binding.responsePointer);
    if (!found.found) {
      const from = read ? `GET ${binding.fromGet}` : `step "${binding.fromStep}"`;
      throw new Error(`the response of ${from} has no value at ${binding.responsePointer || '(root)'}`);
    }
    body = setAt(body, binding.bodyPointer, structuredClone(found.value));
  }
  return body;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
