/** The allow-list's pure rules: patterns, and how the Config's and the command line's lists combine. */
import { describe, expect, it } from 'vitest';

import { allowListsOf, matchesPattern, refusingList } from '../../src/schema/allowed-targets.js';

const target = { project: 'web', environment: 'production' };

describe('matchesPattern', () => {
  it.each([
    ['web/production', true],
    ['web/*', true],
    ['web/staging', false],
    ['checkout/production', false],
    ['checkout/*', false],
    ['webx/production', false],
    ['web/productio', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matchesPattern(target, pattern)).toBe(expected);
  });
});

describe('refusingList: a target must be in every list given', () => {
  const config = { prune: false, managedTag: 'm', file: 'ldexp.yaml' };
  it.each([
    [undefined, undefined, undefined],
    [['web/*'], undefined, undefined],
    [undefined, ['web/production'], undefined],
    [['web/*'], ['web/production'], undefined],
    [['web/staging'], undefined, 'allowedTargets in ldexp.yaml'],
    [['web/*'], ['web/staging'], "--allow-target (the Action's allowed-targets)"],
    // The command line cannot widen the Config's list.
    [['web/staging'], ['web/production'], 'allowedTargets in ldexp.yaml'],
  ])('Config %j, command line %j → refused by %s', (fromConfig, fromCommandLine, refusedBy) => {
    const lists = allowListsOf(
      { ...config, ...(fromConfig ? { allowedTargets: fromConfig } : {}) },
      fromCommandLine ? { allowedTargets: fromCommandLine } : {},
    );
    expect(refusingList(target, lists)?.origin).toBe(refusedBy);
  });
});
