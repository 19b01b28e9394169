import { describe, expect, it } from 'vitest';

import { githubContextFrom } from './github-context.js';

const env = {
  GITHUB_REPOSITORY: 'acme/experiments',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_SHA: 'abc123',
  GITHUB_API_URL: 'https://ghe.example/api/v3/',
  GITHUB_SERVER_URL: 'https://ghe.example',
  GITHUB_RUN_ID: '77',
};

function prEvent(headRepo: unknown): unknown {
  return { pull_request: { number: 7, head: { repo: headRepo }, base: { repo: { full_name: 'acme/experiments' } } } };
}

describe('githubContextFrom', () => {
  it('reads the repository, run URL and pull request', () => {
    expect(githubContextFrom(env, prEvent({ full_name: 'acme/experiments', fork: true }))).toEqual({
      eventName: 'pull_request',
      owner: 'acme',
      repo: 'experiments',
      sha: 'abc123',
      apiUrl: 'https://ghe.example/api/v3',
      runUrl: 'https://ghe.example/acme/experiments/actions/runs/77',
      // `fork: true` on the head repo alone means the repository is a fork, not the PR.
      pullRequest: { number: 7, fromFork: false },
    });
  });

  it.each([
    ['another repository', { full_name: 'mallory/experiments' }, true],
    ['a deleted fork', null, true],
  ])('marks a pull request from %s as a fork', (_name, headRepo, fromFork) => {
    expect(githubContextFrom(env, prEvent(headRepo)).pullRequest).toEqual({ number: 7, fromFork });
  });

  it.each([
    ['a commit SHA', 'b'.repeat(40), { baseSha: 'b'.repeat(40) }],
    ['anything else', 'main; rm -rf /', {}],
  ])("reads the pull request's base when it is %s", (_name, sha, expected) => {
    const event = {
      pull_request: {
        number: 7,
        head: { repo: { full_name: 'acme/experiments' } },
        base: { sha, repo: { full_name: 'acme/experiments' } },
      },
    };
    expect(githubContextFrom(env, event).pullRequest).toEqual({ number: 7, fromFork: false, ...expected });
  });

  it('has no pull request on push', () => {
    expect(
      githubContextFrom({ ...env, GITHUB_EVENT_NAME: 'push' }, { ref: 'refs/heads/main' }).pullRequest,
    ).toBeUndefined();
  });

  it('needs GITHUB_REPOSITORY', () => {
    expect(() => githubContextFrom({}, {})).toThrow(/GITHUB_REPOSITORY is not set/);
  });
});
