import { describe, expect, it } from 'vitest';

import { findPlanComment, planHashOf, planMarker } from './comments.js';
import type { IssueComment } from './github.js';
import { changedLines, diffBlock } from './plan-diff.js';
import { introducingPullRequest } from './review.js';

const HASH = 'a'.repeat(64);
const bot = { login: 'github-actions[bot]', type: 'Bot' };
const person = { login: 'mallory', type: 'User' };

describe('planMarker', () => {
  it.each([
    [{ project: 'web', environment: 'production' }, '<!-- ldexp:plan project=web environment=production -->'],
    [{}, '<!-- ldexp:plan project=* environment=* -->'],
    [{ project: 'a-->b' }, '<!-- ldexp:plan project=a-_b environment=* -->'],
    // A scoped matrix job keeps its own comment.
    [{ targets: ['web/production'] }, '<!-- ldexp:plan project=* environment=* targets=web_production -->'],
    [
      { targets: ['web/staging', 'web/production/exp-a'] },
      '<!-- ldexp:plan project=* environment=* targets=web_staging+web_production_exp-a -->',
    ],
  ])('%j → %s', (target, marker) => {
    expect(planMarker(target)).toBe(marker);
  });
});

describe('findPlanComment', () => {
  const marker = planMarker({ project: 'web', environment: 'production' });
  const comments: IssueComment[] = [
    { id: 1, body: `> ${marker}\nquoted`, user: bot },
    { id: 2, body: `${marker}\nforged <!-- ldexp:plan-hash ${HASH} -->`, user: person },
    { id: 3, body: `${planMarker({ project: 'web', environment: 'staging' })}\nother target`, user: bot },
    { id: 4, body: `${marker}\nours`, user: bot },
  ];

  it('takes the bot comment whose first line is the marker', () => {
    expect(findPlanComment(comments, marker)?.id).toBe(4);
  });

  it('finds nothing when only people carry the marker', () => {
    expect(findPlanComment(comments.slice(0, 3), marker)).toBeUndefined();
  });
});

describe('planHashOf', () => {
  it.each([
    [`x\n<!-- ldexp:plan-hash ${HASH} -->\ny`, HASH],
    ['<!-- ldexp:plan-hash sha256:0123abcd -->', 'sha256:0123abcd'],
    ['no hash here', undefined],
  ])('%s', (body, hash) => {
    expect(planHashOf(body)).toBe(hash);
  });
});

describe('changedLines / diffBlock', () => {
  it('lists removed then added lines, each in order, ignoring moved duplicates', () => {
    expect(changedLines('a\nb\n\nc\nb', 'b\na\nd\nc\n\n')).toEqual(['- b', '+ d']);
  });

  it('fences so that backticks inside cannot close the block', () => {
    expect(diffBlock(['+ ```mermaid'])).toBe('````diff\n+ ```mermaid\n````');
  });

  it('caps long differences', () => {
    const block = diffBlock(Array.from({ length: 205 }, (_, index) => `+ ${String(index)}`));
    expect(block.split('\n').slice(-2)).toEqual(['… 5 more changed lines', '```']);
  });
});

describe('introducingPullRequest', () => {
  const pull = (number: number, merged: boolean, mergeSha: string | null) => ({
    number,
    state: merged ? 'closed' : 'open',
    merged_at: merged ? '2026-01-05T10:00:00Z' : null,
    merge_commit_sha: mergeSha,
  });

  it.each([
    ['the merge that made the commit', [pull(1, true, 'x'), pull(2, true, 'sha')], 2],
    ['a merged one (rebase merge)', [pull(1, false, null), pull(3, true, 'y')], 3],
    ['any one', [pull(4, false, null)], 4],
    ['none', [], undefined],
  ])('prefers %s', (_name, pulls, number) => {
    expect(introducingPullRequest(pulls, 'sha')).toBe(number);
  });
});
