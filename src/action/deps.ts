/** What the Action orchestration needs from the outside, injectable so tests can fake any of it. */
import type { ApplyReport } from '../apply/types.js';
import type { TargetDefaults } from '../manifest/types.js';
import type { ConnectionOptions, PlanOptions, PlanResult, ValidateResult } from '../pipeline.js';
import type { Plan } from '../plan/types.js';
import type { Reporter } from '../reporter.js';
import type { GitHubClient } from './github.js';
import type { ActionInputs } from './inputs.js';

/** The same pipeline functions the CLI calls. */
export interface ActionPipeline {
  validate(paths: string[], defaults: TargetDefaults): Promise<ValidateResult>;
  plan(
    paths: string[],
    defaults: TargetDefaults,
    connection: ConnectionOptions,
    options?: PlanOptions,
  ): Promise<PlanResult>;
  applyPlan(plan: Plan, connection: ConnectionOptions, options: { checkFreshness: boolean }): Promise<ApplyReport>;
}

export interface ActionDeps {
  pipeline: ActionPipeline;
  /** Absent when the job has no GitHub token. */
  github: GitHubClient | undefined;
  reporter: Reporter;
  /** The workspace; problem positions are shown relative to it. */
  cwd: string;
}

export function defaultsOf(inputs: ActionInputs): TargetDefaults {
  return {
    ...(inputs.project !== undefined ? { project: inputs.project } : {}),
    ...(inputs.environment !== undefined ? { environment: inputs.environment } : {}),
    ...(inputs.allowedTargets !== undefined ? { allowedTargets: inputs.allowedTargets } : {}),
    ...(inputs.targets !== undefined ? { targets: inputs.targets } : {}),
  };
}

export function connectionOf(inputs: ActionInputs, deps: ActionDeps): ConnectionOptions {
  return {
    baseUrl: inputs.apiUrl,
    token: inputs.apiToken,
    concurrency: inputs.concurrency,
    ...(inputs.readConcurrency !== undefined ? { readConcurrency: inputs.readConcurrency } : {}),
    ...(inputs.timeoutSeconds !== undefined ? { timeoutMs: inputs.timeoutSeconds * 1000 } : {}),
    reporter: deps.reporter,
  };
}

/** "ldexp plan: checkout/production", or just "ldexp plan" when the manifests name the target. */
export function titleOf(verb: string, inputs: ActionInputs): string {
  const target =
    inputs.targets?.join(', ') ?? [inputs.project, inputs.environment].filter((part) => part !== undefined).join('/');
  return target === '' ? `ldexp ${verb}` : `ldexp ${verb}: ${target}`;
}
