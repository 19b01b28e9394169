/**
 * The Action entry (bundled to dist/action/index.js): reads the runner's inputs and environment,
 * runs `runAction`, then writes outputs, annotations, notices and the job summary. It sets
 * `process.exitCode` through `setFailed` and never calls `process.exit()`.
 */
import { readFile } from 'node:fs/promises';

import * as core from '@actions/core';

import { redact } from '../errors.js';
import { applyPlan, plan, validate } from '../pipeline.js';
import { renderAnnotations } from '../render/index.js';
import { stepSummaryText } from './budget.js';
import { createGitHubClient } from './github.js';
import { githubContextFrom } from './github-context.js';
import { parseInputs } from './inputs.js';
import { createLogReporter } from './log-reporter.js';
import type { ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';

async function main(): Promise<void> {
  const secrets = [core.getInput('api-token'), core.getInput('github-token')].filter((secret) => secret !== '');
  // Before anything can be printed, so the runner masks the tokens wherever they might appear.
  for (const secret of secrets) core.setSecret(secret);
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    const context = githubContextFrom(process.env, await readEvent(process.env.GITHUB_EVENT_PATH));
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const github =
      inputs.githubToken === ''
        ? undefined
        : createGitHubClient({
            apiUrl: context.apiUrl,
            token: inputs.githubToken,
            owner: context.owner,
            repo: context.repo,
          });
    const reporter = createLogReporter((line) => {
      core.info(line);
    });
    const outcome = await runAction(inputs, context, {
      pipeline: { plan, validate, applyPlan },
      github,
      reporter,
      cwd,
    });
    await publish(outcome, cwd);
  } catch (error) {
    // Only input and environment errors get here; runAction itself never throws.
    core.setOutput('failure-reason', 'invalid-inputs');
    core.setFailed(
      secrets.reduce((text, secret) => redact(text, secret), error instanceof Error ? error.message : String(error)),
    );
  }
}

async function readEvent(path: string | undefined): Promise<unknown> {
  if (path === undefined || path === '') return {};
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

async function publish(outcome: ActionOutcome, cwd: string): Promise<void> {
  const annotations = renderAnnotations(outcome.problems, { cwd });
  if (annotations !== '') process.stdout.write(annotations.endsWith('\n') ? annotations : `${annotations}\n`);
  const { outputs } = outcome;
  if (outputs.changes !== undefined) core.setOutput('changes', String(outputs.changes));
  if (outputs.planHash !== undefined) core.setOutput('plan-hash', outputs.planHash);
  if (outputs.summary !== undefined) core.setOutput('summary', outputs.summary);
  core.setOutput('failure-reason', outputs.failureReason ?? '');
  for (const notice of outcome.notices) core.notice(notice);
  if (outcome.stepSummary.length > 0 && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(stepSummaryText(outcome.stepSummary)).addEOL().write();
  }
  if (outcome.failure !== undefined) core.setFailed(outcome.failure);
}

await main();
