/**
 * The bundled Action (`node dist/action/index.js`) end to end: the runner's environment contract,
 * a fake GitHub API, and the LaunchDarkly emulator (which accepts only the distinctive token, so
 * every successful read also proves the token was sent where it belongs and nowhere else).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { loadSeed, startEmulator } from '../../src/emulator/index.js';
import type { EmulatorSeed, RunningEmulator } from '../../src/emulator/index.js';
import type { FakeGitHub } from './fake-github.js';
import { startFakeGitHub } from './fake-github.js';
import type { ActionRun } from './run-action.js';
import { BUNDLE, OWNER, REPO, REPO_ROOT, pullRequestEvent, pushEvent, runBundledAction } from './run-action.js';

const LD_TOKEN = 'api-ldexp-e2e-7f3c9a1b-DISTINCTIVE';
const GH_TOKEN = 'ghs_ldexpE2eGitHubToken0042';
const PR = 7;
const HEAD_SHA = '1'.repeat(40);
const MERGE_SHA = '2'.repeat(40);
const MARKER = '<!-- ldexp:plan project=web environment=staging -->';
const EXPERIMENTS_PATH = '/api/v2/projects/web/environments/staging/experiments';

let seed: EmulatorSeed;
let emulator: RunningEmulator;
let github: FakeGitHub;
let workspace: string;
const runs: ActionRun[] = [];

beforeAll(async () => {
  // CI checks separately that the committed bundle is fresh; here it only has to exist.
  if (!existsSync(BUNDLE))
    execFileSync('npm', ['run', '--silent', 'bundle:action'], { cwd: REPO_ROOT, stdio: 'inherit' });
  seed = await loadSeed(join(REPO_ROOT, 'test/fixtures/emulator-seed.yaml'));
});

beforeEach(async () => {
  emulator = await startEmulator({ seed, port: 0, token: LD_TOKEN });
  github = await startFakeGitHub({ token: GH_TOKEN, owner: OWNER, repo: REPO });
  workspace = await mkdtemp(join(tmpdir(), 'ldexp-workspace-'));
  await cp(join(REPO_ROOT, 'test/fixtures/action/base'), join(workspace, 'experiments'), { recursive: true });
  runs.length = 0;
});

afterEach(async () => {
  // The tokens appear nowhere: not in logs, outputs, summaries, nor anything sent to GitHub.
  for (const run of runs) {
    const logs = [...run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), run.stderr].join('\n');
    for (const token of [LD_TOKEN, GH_TOKEN]) {
      expect(logs).not.toContain(token);
      expect(run.outputFile).not.toContain(token);
      expect(run.summary).not.toContain(token);
    }
  }
  for (const request of github.requests) {
    expect(request.bodyText).not.toContain(LD_TOKEN);
    expect(request.bodyText).not.toContain(GH_TOKEN);
  }
  await emulator.close();
  await github.close();
});

async function action(
  command: 'plan' | 'apply',
  event: { name: 'pull_request' | 'push'; payload: unknown; sha: string },
  extra: Record<string, string> = {},
): Promise<ActionRun> {
  const run = await runBundledAction({
    inputs: {
      command,
      paths: 'experiments',
      project: 'web',
      environment: 'staging',
      'api-token': LD_TOKEN,
      'api-url': emulator.url,
      'github-token': GH_TOKEN,
      ...extra,
    },
    eventName: event.name,
    event: event.payload,
    sha: event.sha,
    githubApiUrl: github.url,
    cwd: workspace,
  });
  runs.push(run);
  return run;
}

const onPullRequest = (options: { fork?: boolean } = {}) => ({
  name: 'pull_request' as const,
  payload: pullRequestEvent(PR, HEAD_SHA, options),
  sha: '3'.repeat(40),
});
const onPush = () => ({ name: 'push' as const, payload: pushEvent(MERGE_SHA), sha: MERGE_SHA });

function mergedPullRequest(): void {
  github.pullsByCommit.set(MERGE_SHA, [
    { number: PR, state: 'closed', merged_at: '2026-01-05T10:00:00Z', merge_commit_sha: MERGE_SHA },
  ]);
}

function planComments() {
  return github.commentsOn(PR).filter((comment) => comment.body.startsWith(MARKER));
}

const writes = () => emulator.requests.filter((request) => request.method !== 'GET');

async function editManifest(file: string, edit: (text: string) => string): Promise<void> {
  const path = join(workspace, 'experiments', file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
}

describe('plan on a pull request', () => {
  it('creates one comment, then edits the same comment; writes outputs and the job summary', async () => {
    const first = await action('plan', onPullRequest());
    expect(first.code).toBe(0);
    expect(planComments()).toHaveLength(1);
    const firstBody = planComments()[0]!.body;
    expect(firstBody).toContain('Search ranking test');
    expect(firstBody).toContain(`<!-- ldexp:plan-hash ${first.outputs['plan-hash']!} -->`);

    expect(first.outputs['changes']).toBe('true');
    expect(first.outputs['plan-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(first.outputs['summary']!)).toEqual({
      create: 1,
      update: 0,
      noOp: 0,
      unmanaged: 0,
      unapplied: 0,
      steps: 1,
      byImpact: { create: 1 },
    });
    expect(first.outputs['failure-reason']).toBe('');
    expect(first.summary).toContain('Search ranking test');
    expect(first.stdout).toContain(`::add-mask::${LD_TOKEN}`);

    await editManifest('search-ranking.yaml', (text) =>
      text.replace('name: Search ranking test', 'name: Search ranking trial'),
    );
    const second = await action('plan', onPullRequest());
    expect(second.code).toBe(0);
    const comments = planComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Search ranking trial');
    expect(comments[0]!.body).toContain(`<!-- ldexp:plan-hash ${second.outputs['plan-hash']!} -->`);
    expect(second.outputs['plan-hash']).not.toBe(first.outputs['plan-hash']);
    expect(github.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    // Planning never writes to LaunchDarkly.
    expect(writes()).toEqual([]);
  });

  it('keeps an oversized plan under GitHub’s limit with the summary intact, and the full plan in the job summary', async () => {
    const documents = Array.from({ length: 150 }, (_, index) => {
      const key = `search-variant-${String(index).padStart(3, '0')}`;
      return (
        `apiVersion: ldexp/v1\nkind: Experiment\nmetadata: { key: ${key}, project: web, environment: staging }\n` +
        `spec:\n  name: Search variant ${String(index)}\n  description: ${'A long description that makes the plan bigger. '.repeat(6)}\n` +
        `  state: draft\n  iteration:\n    hypothesis: Variant ${String(index)} helps\n    primaryMetric: add-to-cart\n    metrics: [add-to-cart]\n` +
        `    flags: { search-ranking: { rule: fallthrough } }\n    treatments:\n` +
        `      - { name: Classic, baseline: true, allocationPercent: 50, variation: Classic }\n` +
        `      - { name: Semantic, allocationPercent: 50, variation: Semantic }\n`
      );
    });
    await writeFile(join(workspace, 'experiments', 'many.yaml'), documents.join('---\n'));

    const run = await action('plan', onPullRequest());
    expect(run.code).toBe(0);
    const body = planComments()[0]!.body;
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('151 to create');
    expect(body).toContain(`<!-- ldexp:plan-hash ${run.outputs['plan-hash']!} -->`);
    expect(body).toMatch(/more experiments not shown; the full plan is in the job summary/);
    expect(JSON.parse(run.outputs['summary']!)).toMatchObject({ create: 151, steps: 151 });
    expect(run.summary.length).toBeGreaterThan(65_536);
    expect(run.summary).toContain('Search variant 149');
    expect(run.summary).not.toContain('not shown');
  });

  it('escapes hostile strings from manifests in the comment', async () => {
    await editManifest('search-ranking.yaml', (text) =>
      text.replace(
        'description: Does semantic search help shoppers find products?',
        `description: "</details><script>alert(1)</script> @octocat [win](https://evil.example) <!-- ldexp:plan-hash ${'0'.repeat(64)} --> | # x"`,
      ),
    );
    const run = await action('plan', onPullRequest());
    expect(run.code).toBe(0);
    const body = planComments()[0]!.body;
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('</details><script>');
    expect(body).not.toMatch(/@octocat/);
    expect(body).toContain('@\u200Doctocat');
    expect(body).not.toContain('[win](https://evil.example)');
    expect(body).not.toContain(`<!-- ldexp:plan-hash ${'0'.repeat(64)}`);
    expect(body).toContain('&lt;/details&gt;&lt;script&gt;');
    // The one hash in the comment is the plan's own.
    expect(body.match(/<!-- ldexp:plan-hash [0-9a-f]{64} -->/g)).toEqual([
      `<!-- ldexp:plan-hash ${run.outputs['plan-hash']!} -->`,
    ]);
  });

  it('turns manifest errors into annotations, a failed run and a comment listing them', async () => {
    await editManifest('search-ranking.yaml', (text) =>
      text.replace(
        'allocationPercent: 50\n        variation: Semantic',
        'allocationPercent: 40\n        variation: Semantic',
      ),
    );
    const run = await action('plan', onPullRequest());
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('invalid-manifests');
    expect(run.outputs['plan-hash']).toBeUndefined();
    const annotation = run.stdout.split('\n').find((line) => line.startsWith('::error file='));
    expect(annotation).toMatch(/^::error file=experiments\/search-ranking\.yaml,line=\d+,col=\d+.*::.*100/);
    expect(run.stdout).toContain('::error::1 error(s) in the manifests');
    const body = planComments()[0]!.body;
    expect(body).toContain('search-ranking.yaml');
    expect(body).not.toContain('ldexp:plan-hash');
  });

  it('on a fork without a token: validates offline, ends neutral and does not comment', async () => {
    const run = await action('plan', onPullRequest({ fork: true }), { 'api-token': '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice::This pull request comes from a fork. GitHub does not pass secrets');
    expect(run.outputs).toEqual({ 'failure-reason': '' });
    expect(github.requests).toEqual([]);
    expect(emulator.requests).toEqual([]);
  });
});

describe('apply on push', () => {
  it('applies when the plan equals the reviewed one, and replies with the report', async () => {
    const plan = await action('plan', onPullRequest());
    mergedPullRequest();
    const apply = await action('apply', onPush());

    expect(apply.code).toBe(0);
    expect(apply.outputs['failure-reason']).toBe('');
    expect(apply.outputs['plan-hash']).toBe(plan.outputs['plan-hash']);
    expect(JSON.parse(apply.outputs['summary']!)).toMatchObject({
      create: 1,
      applied: { ok: 1, failed: 0, skipped: 0 },
    });
    expect(writes().map((request) => [request.method, request.path, request.status])).toEqual([
      ['POST', EXPERIMENTS_PATH, 201],
    ]);
    expect(writes()[0]!.body).toMatchObject({ key: 'search-ranking-test', name: 'Search ranking test' });
    expect(
      github.requests.some((request) => request.path === `/repos/${OWNER}/${REPO}/commits/${MERGE_SHA}/pulls`),
    ).toBe(true);
    const replies = github.commentsOn(PR).filter((comment) => comment.body.startsWith('<!-- ldexp:apply -->'));
    expect(replies).toHaveLength(1);
    expect(apply.summary).toContain('Search ranking test');

    // Applied means in sync: the next plan has nothing to do.
    const after = await action('plan', onPullRequest());
    expect(after.outputs['changes']).toBe('false');
  });

  it('refuses with plan-changed when LaunchDarkly moved after the review', async () => {
    const plan = await action('plan', onPullRequest());
    mergedPullRequest();
    // Someone creates the experiment in the LaunchDarkly UI meanwhile, under another name.
    const created = await createInTheUi('Search ranking (made in the UI)');
    expect(created.status).toBe(201);
    const before = writes().length;

    const apply = await action('apply', onPush());
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('plan-changed');
    expect(apply.outputs['plan-hash']).not.toBe(plan.outputs['plan-hash']);
    expect(writes()).toHaveLength(before);
    expect(apply.summary).toContain('The plan changed since review');
    expect(apply.summary).toContain('```diff');
    // The new plan renames the experiment back; Markdown escapes the parentheses.
    expect(apply.summary).toContain('Search ranking \\(made in the UI\\)');
  });

  it('refuses with plan-changed when the manifests moved after the review', async () => {
    await action('plan', onPullRequest());
    mergedPullRequest();
    await editManifest('search-ranking.yaml', (text) =>
      text.replace('Semantic ranking increases add-to-cart', 'Semantic ranking doubles add-to-cart'),
    );
    const apply = await action('apply', onPush());
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('plan-changed');
    expect(writes()).toEqual([]);
    expect(apply.summary).toContain('doubles add-to-cart');
    const replies = github.commentsOn(PR).filter((comment) => !comment.body.startsWith(MARKER));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('refused, nothing was changed');
  });

  it('refuses with no-reviewed-plan when the commit has no pull request, unless allowed', async () => {
    const refused = await action('apply', onPush());
    expect(refused.outputs['failure-reason']).toBe('no-reviewed-plan');
    expect(writes()).toEqual([]);

    const allowed = await action('apply', onPush(), { 'allow-unreviewed-changes': 'true' });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('::notice::Applying an unreviewed plan because allow-unreviewed-changes is true');
    expect(writes().map((request) => request.method)).toEqual(['POST']);
  });
});

/** What a person does in the LaunchDarkly UI: create the experiment, under another name. */
async function createInTheUi(name: string): Promise<Response> {
  const headers = { Authorization: LD_TOKEN, 'LD-API-Version': '20240415' };
  const flag = (await (await fetch(`${emulator.url}/api/v2/flags/web/search-ranking`, { headers })).json()) as {
    variations: { _id: string; name: string }[];
  };
  const variation = (variationName: string) =>
    flag.variations.find((candidate) => candidate.name === variationName)?._id;
  const body = {
    key: 'search-ranking-test',
    name,
    iteration: {
      hypothesis: 'Semantic ranking increases add-to-cart',
      canReshuffleTraffic: true,
      randomizationUnit: 'user',
      metrics: [{ key: 'add-to-cart', isGroup: false }],
      primarySingleMetricKey: 'add-to-cart',
      flags: { 'search-ranking': { ruleId: 'fallthrough', flagConfigVersion: 1 } },
      treatments: [
        {
          name: 'Classic',
          baseline: true,
          allocationPercent: '50',
          parameters: [{ flagKey: 'search-ranking', variationId: variation('Classic') }],
        },
        {
          name: 'Semantic',
          baseline: false,
          allocationPercent: '50',
          parameters: [{ flagKey: 'search-ranking', variationId: variation('Semantic') }],
        },
      ],
    },
  };
  return fetch(`${emulator.url}${EXPERIMENTS_PATH}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
