/**
 * `runAction` in-process, with a fake pipeline (so each branch is reached directly) and the real
 * GitHub client talking to the fake GitHub API. The bundled, end-to-end runs are in action.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createGitHubClient } from '../../src/action/github.js';
import type { GitHubContext } from '../../src/action/github-context.js';
import type { ActionDeps, ActionPipeline } from '../../src/action/deps.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import { runAction } from '../../src/action/run-action.js';
import type { ApplyReport } from '../../src/apply/types.js';
import { GitError, RemoteError, StalePlanError } from '../../src/errors.js';
import type { PlanOptions } from '../../src/pipeline.js';
import type { Plan } from '../../src/plan/types.js';
import { RecordingReporter } from '../helpers/recording-reporter.js';
import type { Problem } from '../../src/types.js';
import type { FakeGitHub } from './fake-github.js';
import { startFakeGitHub } from './fake-github.js';

const GH_TOKEN = 'ghs_fake_github_token_1234';
const LD_TOKEN = 'api-distinctive-ld-token-5678';
const MARKER = '<!-- ldexp:plan project=web environment=production -->';

function makePlan(hash: string, steps = 1): Plan {
  return {
    formatVersion: 1,
    target: { baseUrl: 'http://127.0.0.1:1', projects: ['web'], environments: ['production'] },
    summary: { create: 1, update: 0, noOp: 0, unapplied: 0, unmanaged: 0, steps, byImpact: { create: 1 } },
    resources: [
      {
        address: 'experiment/web/production/button',
        type: 'experiment',
        project: 'web',
        environment: 'production',
        key: 'button',
        name: 'Button',
        action: 'create',
        stateTo: 'draft',
        changes: [],
        impact: 'create',
        stepIds: steps > 0 ? ['s1'] : [],
      },
    ],
    steps:
      steps > 0
        ? [
            {
              id: 's1',
              resource: 'experiment/web/production/button',
              kind: 'createExperiment',
              method: 'POST',
              path: '/api/v2/projects/web/environments/production/experiments',
              body: {},
              instructions: [],
              dependsOn: [],
              bindings: [],
              impact: 'create',
              reason: 'The experiment does not exist yet',
            },
          ]
        : [],
    unmanaged: [],
    warnings: [],
    notices: [],
    fingerprints: {},
    hash,
  };
}

const okReport = (hash: string): ApplyReport => ({
  planHash: hash,
  outcomes: [{ status: 'ok', stepId: 's1', httpStatus: 201 }],
  ok: 1,
  failed: 0,
  skipped: 0,
  unknown: 0,
  interrupted: false,
});

interface FakePipeline extends ActionPipeline {
  applied: Plan[];
  planCalls: number;
  /** The options of each plan call (`base` when the Action asked for labels). */
  planOptions: PlanOptions[];
}

function fakePipeline(next: {
  plan?: Plan;
  problems?: Problem[];
  report?: ApplyReport;
  planError?: Error;
  /** Thrown by a plan call that asks for a base, as the pipeline does when Git cannot give it. */
  baseError?: Error;
  applyError?: Error;
}): FakePipeline {
  const pipeline: FakePipeline = {
    applied: [],
    planCalls: 0,
    planOptions: [],
    validate: () =>
      Promise.resolve({ manifests: { experiments: [], holdouts: [] } as never, problems: next.problems ?? [] }),
    plan: (_paths, _defaults, _connection, options = {}) => {
      pipeline.planCalls++;
      pipeline.planOptions.push(options);
      if (next.planError) return Promise.reject(next.planError);
      if (next.baseError && options.base) return Promise.reject(next.baseError);
      return Promise.resolve({ problems: next.problems ?? [], ...(next.plan ? { plan: next.plan } : {}) });
    },
    applyPlan: (plan) => {
      pipeline.applied.push(plan);
      if (next.applyError) return Promise.reject(next.applyError);
      return Promise.resolve(next.report ?? okReport(plan.hash));
    },
  };
  return pipeline;
}

const inputs = (overrides: Partial<ActionInputs> = {}): ActionInputs => ({
  command: 'plan',
  paths: ['.'],
  project: 'web',
  environment: 'production',
  apiToken: LD_TOKEN,
  apiUrl: 'http://127.0.0.1:1',
  githubToken: GH_TOKEN,
  comment: true,
  concurrency: 4,
  allowUnreviewedChanges: false,
  base: 'auto',
  ...overrides,
});

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN, owner: 'acme', repo: 'experiments', pageSize: 2 });
});
afterEach(async () => {
  await github.close();
});

function context(overrides: Partial<GitHubContext> = {}): GitHubContext {
  return {
    eventName: 'pull_request',
    owner: 'acme',
    repo: 'experiments',
    sha: 'c'.repeat(40),
    apiUrl: github.url,
    pullRequest: { number: 7, fromFork: false },
    ...overrides,
  };
}

/** A push: no pull request in the event. */
function pushContext(): GitHubContext {
  const push = context({ eventName: 'push' });
  delete push.pullRequest;
  return push;
}

function deps(pipeline: ActionPipeline, withGitHub = true): ActionDeps {
  return {
    pipeline,
    github: withGitHub
      ? createGitHubClient({ apiUrl: github.url, token: GH_TOKEN, owner: 'acme', repo: 'experiments' })
      : undefined,
    reporter: new RecordingReporter(),
    cwd: '/work',
  };
}

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('plan on a pull request', () => {
  it('finds its comment past the first page of comments and edits it', async () => {
    for (const text of ['lgtm', 'nit', 'ship it']) github.addComment(7, text, { login: 'alice', type: 'User' });
    const first = await runAction(inputs(), context(), deps(fakePipeline({ plan: makePlan(HASH_A) })));
    github.addComment(7, 'one more', { login: 'alice', type: 'User' });
    const second = await runAction(inputs(), context(), deps(fakePipeline({ plan: makePlan(HASH_B) })));

    expect([first.failure, second.failure]).toEqual([undefined, undefined]);
    const ours = github.commentsOn(7).filter((comment) => comment.body.startsWith(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain(`<!-- ldexp:plan-hash ${HASH_B} -->`);
    expect(github.requests.filter((request) => request.method === 'POST').length).toBe(1);
    expect(github.requests.filter((request) => request.method === 'PATCH').length).toBe(1);
    expect(second.outputs).toEqual({
      changes: true,
      planHash: HASH_B,
      summary: JSON.stringify(makePlan(HASH_B).summary),
    });
  });

  it('does not comment when comment is false, or on push', async () => {
    await runAction(inputs({ comment: false }), context(), deps(fakePipeline({ plan: makePlan(HASH_A) })));
    await runAction(inputs(), pushContext(), deps(fakePipeline({ plan: makePlan(HASH_A) })));
    expect(github.requests).toEqual([]);
  });

  it('reports a GitHub API failure as api-error, without the token', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    const outcome = await runAction(inputs({ githubToken: 'wrong' }), context(), {
      ...deps(pipeline),
      github: createGitHubClient({ apiUrl: github.url, token: 'wrong', owner: 'acme', repo: 'experiments' }),
    });
    expect(outcome.outputs.failureReason).toBe('api-error');
    expect(outcome.failure).toBe('GitHub API GET /repos/acme/experiments/issues/7/comments → 401: Bad credentials');
  });
});

/** No steps, but a stopped experiment whose design the plan cannot apply, and a prune notice. */
function unappliedOnlyPlan(hash: string): Plan {
  const planned = makePlan(hash, 0);
  const [resource] = planned.resources;
  planned.resources = [
    {
      ...resource!,
      action: 'no-op',
      impact: 'none',
      unapplied: { reason: 'it is stopped', changes: [{ field: 'iteration.hypothesis', from: 'a', to: 'b' }] },
    },
  ];
  planned.summary = { ...planned.summary, create: 0, noOp: 1, unapplied: 1, byImpact: {} };
  planned.notices = [{ code: 'PruneSkipped', message: 'Pruning skipped: a partial run.' }];
  return planned;
}

describe('differences that cannot be applied', () => {
  it('plan: count as changes (a drift check fails on them), and notices reach the run log', async () => {
    const outcome = await runAction(
      inputs({ comment: false }),
      pushContext(),
      deps(fakePipeline({ plan: unappliedOnlyPlan(HASH_A) })),
    );
    expect(outcome.outputs.changes).toBe(true);
    expect(outcome.notices).toEqual(['Pruning skipped: a partial run.']);
    expect(outcome.stepSummary.join('\n')).toContain('**Nothing to apply**, but 1 resource differs from LaunchDarkly');
  });

  it('apply: nothing is sent, and the notice says what still differs', async () => {
    const pipeline = fakePipeline({ plan: unappliedOnlyPlan(HASH_A) });
    const outcome = await runAction(inputs({ command: 'apply' }), pushContext(), deps(pipeline));
    expect(pipeline.applied).toEqual([]);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.notices).toEqual([
      'Pruning skipped: a partial run.',
      'Nothing to apply, but 1 resource differs from LaunchDarkly in ways that cannot be applied: see the job summary.',
    ]);
  });
});

describe('without a LaunchDarkly token', () => {
  it('a fork pull request is validated offline and ends neutral, without a comment', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    const outcome = await runAction(
      inputs({ apiToken: '' }),
      context({ pullRequest: { number: 7, fromFork: true } }),
      deps(pipeline),
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.outputs).toEqual({});
    expect(outcome.notices[0]).toMatch(/^This pull request comes from a fork\. GitHub does not pass secrets/);
    expect(pipeline.planCalls).toBe(0);
    expect(github.requests).toEqual([]);
  });

  it('a fork with broken manifests still fails', async () => {
    const problem: Problem = { severity: 'error', code: 'AllocationSum', message: 'allocations sum to 90, not 100' };
    const outcome = await runAction(
      inputs({ apiToken: '' }),
      context({ pullRequest: { number: 7, fromFork: true } }),
      deps(fakePipeline({ problems: [problem] })),
    );
    expect(outcome.outputs.failureReason).toBe('invalid-manifests');
    expect(outcome.problems).toEqual([problem]);
  });

  it('apply fails', async () => {
    const outcome = await runAction(inputs({ apiToken: '', command: 'apply' }), context(), deps(fakePipeline({})));
    expect(outcome.outputs.failureReason).toBe('invalid-inputs');
  });
});

describe('apply', () => {
  function reviewed(hash: string): void {
    github.addComment(7, `${MARKER}\n### ldexp plan\n<!-- ldexp:plan-hash ${hash} -->`);
    github.pullsByCommit.set('c'.repeat(40), [
      { number: 7, state: 'closed', merged_at: '2026-01-05T10:00:00Z', merge_commit_sha: 'c'.repeat(40) },
    ]);
  }

  it('applies the reviewed plan and replies with the report', async () => {
    reviewed(HASH_A);
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    const outcome = await runAction(inputs({ command: 'apply' }), pushContext(), deps(pipeline));
    expect(outcome.failure).toBeUndefined();
    expect(pipeline.applied.map((plan) => plan.hash)).toEqual([HASH_A]);
    expect(JSON.parse(outcome.outputs.summary ?? '')).toMatchObject({ applied: { ok: 1, failed: 0, skipped: 0 } });
    const replies = github.commentsOn(7).filter((comment) => comment.body.startsWith('<!-- ldexp:apply -->'));
    expect(replies).toHaveLength(1);
  });

  it('still succeeds when the reply cannot be posted, with a notice', async () => {
    reviewed(HASH_A);
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    const base = deps(pipeline);
    const client = base.github!;
    const outcome = await runAction(inputs({ command: 'apply' }), pushContext(), {
      ...base,
      github: { ...client, createIssueComment: () => Promise.reject(new Error('secondary rate limit')) },
    });
    expect(outcome.failure).toBeUndefined();
    expect(pipeline.applied).toHaveLength(1);
    expect(outcome.notices).toEqual(['Could not reply on pull request #7: secondary rate limit']);
  });

  it('refuses a plan that is not the reviewed one', async () => {
    reviewed(HASH_A);
    const pipeline = fakePipeline({ plan: makePlan(HASH_B) });
    const outcome = await runAction(inputs({ command: 'apply' }), pushContext(), deps(pipeline));
    expect(pipeline.applied).toEqual([]);
    expect(outcome.outputs.failureReason).toBe('plan-changed');
    expect(outcome.stepSummary[0]).toContain(
      'approved plan `aaaaaaaaaaaa`, but planning this commit gives `bbbbbbbbbbbb`',
    );
    expect(outcome.stepSummary[0]).toContain(`- <!-- ldexp:plan-hash ${HASH_A} -->`);
    expect(outcome.stepSummary[0]).toContain(`+ <!-- ldexp:plan-hash ${HASH_B} -->`);
  });

  it('applies an unreviewed plan only when allowed, with a notice', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_B) });
    const outcome = await runAction(
      inputs({ command: 'apply', allowUnreviewedChanges: true }),
      pushContext(),
      deps(pipeline),
    );
    expect(outcome.failure).toBeUndefined();
    expect(pipeline.applied).toHaveLength(1);
    expect(outcome.notices[0]).toMatch(
      /^Applying an unreviewed plan because allow-unreviewed-changes is true\. No reviewed plan: no pull request/,
    );
  });

  it('needs a reviewed plan', async () => {
    const outcome = await runAction(
      inputs({ command: 'apply' }),
      pushContext(),
      deps(fakePipeline({ plan: makePlan(HASH_A) })),
    );
    expect(outcome.outputs.failureReason).toBe('no-reviewed-plan');
  });

  it('does nothing, successfully, when there is nothing to apply', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A, 0) });
    const outcome = await runAction(inputs({ command: 'apply' }), pushContext(), deps(pipeline));
    expect(outcome.failure).toBeUndefined();
    expect(outcome.outputs.changes).toBe(false);
    expect(pipeline.applied).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it.each([
    [
      'apply-failed',
      {
        report: {
          planHash: HASH_A,
          outcomes: [{ status: 'failed' as const, stepId: 's1', httpStatus: 400, message: 'bad' }],
          ok: 0,
          failed: 1,
          skipped: 0,
          unknown: 0,
          interrupted: false,
        },
      },
    ],
    ['stale-plan', { applyError: new StalePlanError('moved', ['experiment/web/production/button']) }],
    ['api-error', { applyError: new RemoteError(500, 'POST', '/api/v2/x', undefined, `token ${LD_TOKEN} leaked?`) }],
  ])('reports %s', async (reason, next) => {
    reviewed(HASH_A);
    const outcome = await runAction(
      inputs({ command: 'apply' }),
      pushContext(),
      deps(fakePipeline({ plan: makePlan(HASH_A), ...next })),
    );
    expect(outcome.outputs.failureReason).toBe(reason);
    expect(outcome.failure).not.toContain(LD_TOKEN);
  });
});

describe('three-way labels (base)', () => {
  const BASE_SHA = 'b'.repeat(40);
  const onPullRequest = (): GitHubContext =>
    context({ pullRequest: { number: 7, fromFork: false, baseSha: BASE_SHA } });
  const shallow = new GitError('GitShallowClone', 'the base is not in this clone, which is shallow');

  it("auto: a pull request's plan is compared with its base commit, read from the workspace", async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    await runAction(inputs({ comment: false }), onPullRequest(), deps(pipeline));
    expect(pipeline.planOptions).toEqual([{ base: { ref: BASE_SHA, cwd: '/work' } }]);
  });

  it('auto: no base on push; none: no base on a pull request; an explicit ref is used as given', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A) });
    await runAction(inputs({ comment: false }), pushContext(), deps(pipeline));
    await runAction(inputs({ comment: false, base: 'none' }), onPullRequest(), deps(pipeline));
    await runAction(inputs({ comment: false, base: 'origin/main' }), pushContext(), deps(pipeline));
    expect(pipeline.planOptions).toEqual([{}, {}, { base: { ref: 'origin/main', cwd: '/work' } }]);
  });

  it('auto: a base Git cannot give costs the labels, not the plan, and the comment says why', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A), baseError: shallow });
    const outcome = await runAction(inputs(), onPullRequest(), deps(pipeline));
    expect(outcome.failure).toBeUndefined();
    expect(outcome.outputs.planHash).toBe(HASH_A);
    expect(outcome.notices).toEqual([
      "Changes are not labelled git, drift or both: the pull request's base could not be read from Git. the base is not in this clone, which is shallow",
    ]);
    const comment = github.commentsOn(7).find((c) => c.body.startsWith(MARKER))!.body;
    expect(comment).toContain(
      `Not compared with the manifests at <code>${BASE_SHA.slice(0, 12)}</code>: the base is not in this clone, which is shallow.`,
    );
  });

  it('an explicit base that Git cannot give fails the run with base-unavailable', async () => {
    const pipeline = fakePipeline({ plan: makePlan(HASH_A), baseError: shallow });
    const outcome = await runAction(inputs({ base: 'origin/main' }), onPullRequest(), deps(pipeline));
    expect(outcome.outputs.failureReason).toBe('base-unavailable');
    expect(outcome.failure).toBe('the base is not in this clone, which is shallow');
    expect(github.commentsOn(7)).toEqual([]);
  });
});

describe('drift', () => {
  const driftedPlan = (): Plan => {
    const plan = makePlan(HASH_A);
    plan.resources = [
      {
        ...plan.resources[0]!,
        action: 'update',
        stateFrom: 'stopped',
        stateTo: 'running',
        changes: [{ field: 'name', from: 'UI name', to: 'Button' }],
      },
    ];
    return plan;
  };

  it('fails with drift, never comments, and puts the report in the job summary', async () => {
    const outcome = await runAction(
      inputs({ command: 'drift' }),
      pushContext(),
      deps(fakePipeline({ plan: driftedPlan() })),
    );
    expect(outcome.outputs.failureReason).toBe('drift');
    expect(outcome.outputs.changes).toBe(true);
    expect(outcome.failure).toBe(
      'LaunchDarkly was changed outside Git: 1 resource differs from the manifests; see the job summary',
    );
    expect(outcome.stepSummary.join('\n')).toContain('| name | UI name | Button |');
    expect(github.requests).toEqual([]);
  });

  it('succeeds when only creations are pending: they are not drift', async () => {
    const outcome = await runAction(
      inputs({ command: 'drift' }),
      pushContext(),
      deps(fakePipeline({ plan: makePlan(HASH_A) })),
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.outputs.changes).toBe(false);
    expect(outcome.stepSummary.join('\n')).toContain('No drift: LaunchDarkly matches Git.');
  });

  it('needs a token', async () => {
    const outcome = await runAction(inputs({ command: 'drift', apiToken: '' }), pushContext(), deps(fakePipeline({})));
    expect(outcome.outputs.failureReason).toBe('invalid-inputs');
  });
});
