/**
 * Run a plan against LaunchDarkly: each step starts as soon as the steps it depends on succeeded
 * and its `after` steps finished, with at most `concurrency` requests in flight. A failure skips
 * what depends on it and nothing else (not the steps that only run after it). An interrupt (the
 * `signal`) starts nothing more; the caller decides how long to wait for requests in flight (the
 * `giveUp` signal), and a step still waiting for its response then is reported `unknown`.
 */
import pLimit from 'p-limit';

import type { LdClient } from '../live/client.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { stepTitle } from './step-title.js';
import { silentReporter, type Reporter } from '../reporter.js';
import { stepDependencies } from './dependencies.js';
import { StateReader } from './preconditions.js';
import { send, type SendContext, type StepResult } from './send.js';
import type { ApplyReport } from './types.js';

/** How apply may be stopped. */
export interface ApplyControl {
  /** Aborted when the user interrupts: no step starts afterwards; steps in flight are waited for. */
  signal?: AbortSignal;
  /** Aborted to stop waiting for steps in flight (after `signal`): they are abandoned and reported `unknown`. */
  giveUp?: AbortSignal;
}

export interface ApplyOptions extends ApplyControl {
  /** Requests in flight at once (at least 1). */
  concurrency: number;
  reporter?: Reporter;
}

const NOT_STARTED = 'not started: apply was interrupted';
const NO_ANSWER = 'sent, but apply was interrupted before LaunchDarkly answered; plan again to see whether it happened';

/** Apply `plan` through `client`; every step appears in the report, in plan order. */
export async function apply(plan: Plan, client: LdClient, options: ApplyOptions): Promise<ApplyReport> {
  const dependencies = stepDependencies(plan.steps);
  const limit = pLimit(Math.max(1, Math.floor(options.concurrency)));
  const reporter = options.reporter ?? silentReporter;
  const total = plan.steps.length;
  const numberOf = new Map(plan.steps.map((step, index) => [step.id, index + 1]));
  const results = new Map<string, Promise<StepResult>>();
  const resultOf = (id: string): Promise<StepResult> => {
    const result = results.get(id);
    // Unreachable: stepDependencies only lets a step wait for earlier ones, scheduled before it.
    if (!result) throw new Error(`internal error: step "${id}" was not scheduled`);
    return result;
  };

  const context: SendContext = { client, plan, reader: new StateReader(client), started: new Set() };
  const stopped = (): boolean => options.signal?.aborted === true || options.giveUp?.aborted === true;
  const notStarted = (step: PlanStep): StepResult => ({
    outcome: { status: 'skipped', stepId: step.id, reason: NOT_STARTED },
  });

  const runStep = async (step: PlanStep, index: number): Promise<StepResult> => {
    const waits = dependencies.get(step.id);
    // Ordering only (a flag version another step moves): finished is enough, whatever the outcome.
    await Promise.all((waits?.after ?? []).map(resultOf));
    const before = await Promise.all((waits?.dependencies ?? []).map(resultOf));
    if (stopped()) return notStarted(step);
    const blocker = before.find((r) => r.outcome.status !== 'ok');
    if (blocker) {
      const root = blocker.rootFailure ?? blocker.outcome.stepId;
      const reason = `not run because step ${String(numberOf.get(root) ?? root)} failed`;
      const description = stepTitle(step);
      reporter.report({
        type: 'step-end',
        stepId: step.id,
        description,
        status: 'skipped',
        message: reason,
        index,
        total,
      });
      return { outcome: { status: 'skipped', stepId: step.id, reason }, rootFailure: root };
    }
    const responses = new Map(before.map((r) => [r.outcome.stepId, r.response]));
    return limit(() => {
      // Checked again once a slot is free: the interrupt may have come while this step queued.
      if (stopped()) return notStarted(step);
      return untilGivenUp(execute(context, reporter, step, { index, total }, responses), step, options.giveUp);
    });
  };

  for (const [index, step] of plan.steps.entries()) results.set(step.id, runStep(step, index + 1));
  const outcomes = (await Promise.all(results.values())).map((r) => r.outcome);
  return {
    planHash: plan.hash,
    outcomes,
    ok: outcomes.filter((o) => o.status === 'ok').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    unknown: outcomes.filter((o) => o.status === 'unknown').length,
    // An interrupt that came after the last answer changed nothing: the run is complete.
    interrupted: outcomes.some((o) => o.status === 'unknown' || (o.status === 'skipped' && o.reason === NOT_STARTED)),
  };
}

/** The step's result, or `unknown` as soon as `giveUp` aborts (the request itself is left to the caller). */
async function untilGivenUp(
  running: Promise<StepResult>,
  step: PlanStep,
  giveUp: AbortSignal | undefined,
): Promise<StepResult> {
  if (!giveUp) return running;
  const unknown: StepResult = {
    outcome: { status: 'unknown', stepId: step.id, reason: NO_ANSWER },
    rootFailure: step.id,
  };
  if (giveUp.aborted) return unknown;
  let stopWaiting: (() => void) | undefined;
  const givenUp = new Promise<StepResult>((resolve) => {
    stopWaiting = () => {
      resolve(unknown);
    };
    giveUp.addEventListener('abort', stopWaiting, { once: true });
  });
  try {
    return await Promise.race([running, givenUp]);
  } finally {
    if (stopWaiting) giveUp.removeEventListener('abort', stopWaiting);
  }
}

async function execute(
  context: SendContext,
  reporter: Reporter,
  step: PlanStep,
  progress: { index: number; total: number },
  responses: ReadonlyMap<string, unknown>,
): Promise<StepResult> {
  const description = stepTitle(step);
  reporter.report({ type: 'step-start', stepId: step.id, description, ...progress });
  const result = await send(context, step, responses);
  const { outcome } = result;
  reporter.report({
    type: 'step-end',
    stepId: step.id,
    description,
    status: outcome.status,
    ...(outcome.status === 'failed' ? { message: outcome.message } : {}),
    ...(outcome.status === 'ok' && outcome.note !== undefined ? { message: outcome.note } : {}),
    ...progress,
  });
  return result;
}
