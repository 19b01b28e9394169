/**
 * The Action's `base: auto` end to end in-process: the real pipeline reads the pull request's base
 * commit from a real Git repository and LaunchDarkly from the emulator over HTTP, and the PR
 * comment labels the change.
 */

import { afterEach, beforeEach, expect, it } from 'vitest';

import { createGitHubClient } from '../../src/action/github.js';
import { runAction } from '../../src/action/run-action.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { applyPlan, plan, validate } from '../../src/pipeline.js';
import { RecordingReporter } from '../helpers/recording-reporter.js';
import {
  E2E_SEED_FILE,
  editInLaunchDarkly,
  experimentManifest,
  gitIn,
  startSeeded,
  TOKEN,
  workspace,
} from '../e2e/helpers.js';
import type { Workspace } from '../e2e/helpers.js';
import type { FakeGitHub } from './fake-github.js';
import { startFakeGitHub } from './fake-github.js';

const GH_TOKEN = 'ghs_fake_three_way_token_0001';

let emulator: RunningEmulator;
let github: FakeGitHub;
let ws: Workspace;

function git(...args: string[]): string {
  return gitIn(ws.root, ...args).trim();
}

beforeEach(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE }, { port: 0 });
  github = await startFakeGitHub({ token: GH_TOKEN, owner: 'acme', repo: 'experiments' });
  ws = await workspace({
    'experiments/exp-draft.yaml': experimentManifest({
      key: 'exp-draft',
      flag: 'draft-flag',
      state: 'draft',
      name: 'Draft experiment',
      description: 'Original',
    }),
  });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
});

afterEach(async () => {
  await Promise.all([emulator.close(), github.close(), ws.remove()]);
});

it("labels a pull request's plan against its base commit and warns about the UI edit it reverts", async () => {
  const baseSha = git('rev-parse', 'HEAD');
  await editInLaunchDarkly(emulator, 'exp-draft', { kind: 'updateDescription', value: 'Edited in the UI' });
  await ws.write({
    'experiments/exp-draft.yaml': experimentManifest({
      key: 'exp-draft',
      flag: 'draft-flag',
      state: 'draft',
      name: 'Renamed in the pull request',
      description: 'Kept in Git',
    }),
  });
  git('commit', '-q', '-am', 'rename');

  const outcome = await runAction(
    {
      command: 'plan',
      paths: [ws.path('experiments')],
      project: 'web',
      environment: 'production',
      apiToken: TOKEN,
      apiUrl: emulator.url,
      githubToken: GH_TOKEN,
      comment: true,
      concurrency: 4,
      allowUnreviewedChanges: false,
      base: 'auto',
    },
    {
      eventName: 'pull_request',
      owner: 'acme',
      repo: 'experiments',
      sha: git('rev-parse', 'HEAD'),
      apiUrl: github.url,
      pullRequest: { number: 7, fromFork: false, baseSha },
    },
    {
      pipeline: { plan, validate, applyPlan },
      github: createGitHubClient({ apiUrl: github.url, token: GH_TOKEN, owner: 'acme', repo: 'experiments' }),
      reporter: new RecordingReporter(),
      cwd: ws.root,
    },
  );

  expect(outcome.failure).toBeUndefined();
  const comment = github.commentsOn(7)[0]!.body;
  expect(comment).toContain(
    `Compared with the manifests at <code>${baseSha.slice(0, 12)}</code>: 1 change from Git, 0 drift, 1 changed in both.`,
  );
  expect(comment).toContain(
    '> - **⚠️ Overwrites a change made in LaunchDarkly (Git changed it too):** experiment “Renamed in the pull request” <code>experiment/web/production/exp-draft</code>: description',
  );
  expect(comment).toContain(
    '**Changed in Git**\n\n| Field | Before | After |\n| --- | --- | --- |\n| name | Draft experiment | Renamed in the pull request |',
  );
  expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);
});
