/** `command: plan`: plan, publish outputs and the job summary, and keep the PR comment current. */
import { GitError } from '../errors.js';
import { hasErrors } from '../pipeline.js';
import type { PlanOptions, PlanResult } from '../pipeline.js';
import type { Plan } from '../plan/types.js';
import { hasChanges } from '../plan/types.js';
import { renderProblemsMarkdown } from '../render/index.js';
import { commentPlan, stepSummaryPlan } from './budget.js';
import { planMarker } from './comments.js';
import type { ActionDeps } from './deps.js';
import { connectionOf, defaultsOf, titleOf } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutcome } from './outcome.js';
import { fail } from './outcome.js';
import { updatePlanComment } from './pull-request.js';

export async function runPlan(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Promise<void> {
  const result = await planAgainstBase(inputs, context, deps, outcome);
  const planned = checkedPlan(result, inputs, deps, outcome);
  if (planned === undefined) {
    await updatePlanComment(inputs, context, deps, problemsComment(result, inputs, deps));
    return;
  }
  const title = titleOf('plan', inputs);
  const runUrl = context.runUrl === undefined ? {} : { runUrl: context.runUrl };
  outcome.stepSummary.push(stepSummaryPlan(planned, { title, ...runUrl }));
  await updatePlanComment(
    inputs,
    context,
    deps,
    commentPlan(planned, { title, marker: planMarker(inputs), ...runUrl }),
  );
}

/** The Git ref changes are labelled against: the input, or with `auto` the pull request's base. */
export function baseRefOf(inputs: ActionInputs, context: GitHubContext): string | undefined {
  if (inputs.base === 'none') return undefined;
  if (inputs.base === 'auto') return context.pullRequest?.baseSha;
  return inputs.base;
}

/**
 * Plan, with three-way labels when there is a base. With `base: auto`, a base Git cannot give (a
 * shallow checkout, no repository) costs the labels, not the plan: the plan says why, and so does a
 * notice. A base named explicitly must be readable.
 */
export async function planAgainstBase(
  inputs: ActionInputs,
  context: GitHubContext,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Promise<PlanResult> {
  const ref = baseRefOf(inputs, context);
  const run = (options: PlanOptions): Promise<PlanResult> =>
    deps.pipeline.plan(inputs.paths, defaultsOf(inputs), connectionOf(inputs, deps), options);
  if (ref === undefined) return run({});
  try {
    return await run({ base: { ref, cwd: deps.cwd } });
  } catch (error) {
    if (!(error instanceof GitError) || inputs.base !== 'auto') throw error;
    outcome.notices.push(
      `Changes are not labelled git, drift or both: the pull request's base could not be read from Git. ${error.message}`,
    );
    const result = await run({});
    if (!result.plan) return result;
    return { ...result, plan: { ...result.plan, base: { ref, commit: ref, notCompared: error.message } } };
  }
}

/**
 * The plan when there is one; otherwise records the manifest errors (annotations, job summary,
 * failure) and returns undefined. Sets `changes`, `plan-hash` and `summary` for a plan.
 */
export function checkedPlan(
  result: PlanResult,
  inputs: ActionInputs,
  deps: ActionDeps,
  outcome: ActionOutcome,
): Plan | undefined {
  outcome.problems.push(...result.problems);
  if (hasErrors(result.problems) || result.plan === undefined) {
    outcome.stepSummary.push(problemsSection(result, inputs, deps));
    const count = result.problems.filter((problem) => problem.severity === 'error').length;
    fail(
      outcome,
      'invalid-manifests',
      `${String(count)} error(s) in the manifests; see the annotations and the job summary`,
    );
    return undefined;
  }
  setPlanOutputs(outcome, result.plan);
  return result.plan;
}

export function setPlanOutputs(outcome: ActionOutcome, planned: Plan): void {
  // True also when the only differences cannot be applied: a drift check must not pass on them.
  outcome.outputs.changes = hasChanges(planned);
  outcome.notices.push(...planned.notices.map((notice) => notice.message));
  outcome.outputs.planHash = planned.hash;
  outcome.outputs.summary = JSON.stringify(planned.summary);
}

function problemsSection(result: PlanResult, inputs: ActionInputs, deps: ActionDeps): string {
  return `## ${titleOf('plan', inputs)}\n\nThe manifests have errors, so there is no plan.\n\n${renderProblemsMarkdown(result.problems, { cwd: deps.cwd })}`;
}

/** The comment for a failed plan: no hash, so nothing in it can be approved and applied. */
function problemsComment(result: PlanResult, inputs: ActionInputs, deps: ActionDeps): string {
  const body = problemsSection(result, inputs, deps);
  const fallback = `## ${titleOf('plan', inputs)}\n\nThe manifests have ${String(result.problems.length)} problems, too many to list here: see the annotations on the Files tab and the job summary.`;
  return body.length < 60_000 ? body : fallback;
}
