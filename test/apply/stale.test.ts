import { describe, expect, it } from 'vitest';

import { checkFingerprints } from '../../src/apply/stale.js';
import { plan, resource } from './builders.js';

const saved = plan([], {
  fingerprints: { 'experiment/p/e/a': 'sha-a', 'experiment/p/e/b': 'sha-b', 'holdout/p/e/h': 'sha-h' },
  resources: [
    resource('experiment/p/e/a', 'update'),
    resource('experiment/p/e/new', 'create'),
    resource('experiment/p/e/c', 'no-op'),
  ],
});

describe('checkFingerprints', () => {
  it.each([
    {
      name: 'nothing moved',
      current: {
        'experiment/p/e/a': 'sha-a',
        'experiment/p/e/b': 'sha-b',
        'holdout/p/e/h': 'sha-h',
        'experiment/p/e/c': 'x',
      },
      expected: [],
    },
    {
      name: 'a changed fingerprint',
      current: { 'experiment/p/e/a': 'sha-a2', 'experiment/p/e/b': 'sha-b', 'holdout/p/e/h': 'sha-h' },
      expected: ['experiment/p/e/a'],
    },
    {
      name: 'a live object went away',
      current: { 'experiment/p/e/a': 'sha-a', 'experiment/p/e/b': 'sha-b' },
      expected: ['holdout/p/e/h'],
    },
    {
      name: 'an object the plan creates now exists',
      current: {
        'experiment/p/e/a': 'sha-a',
        'experiment/p/e/b': 'sha-b',
        'holdout/p/e/h': 'sha-h',
        'experiment/p/e/new': 'n',
      },
      expected: ['experiment/p/e/new'],
    },
    {
      name: 'everything at once, sorted',
      current: { 'experiment/p/e/new': 'n', 'experiment/p/e/b': 'other' },
      expected: ['experiment/p/e/a', 'experiment/p/e/b', 'experiment/p/e/new', 'holdout/p/e/h'],
    },
  ])('$name', ({ current, expected }) => {
    expect(checkFingerprints(saved, current)).toEqual(expected);
  });

  it('ignores inherited keys such as "constructor"', () => {
    const withOdd = plan([], { fingerprints: { constructor: 'x' } });
    expect(checkFingerprints(withOdd, {})).toEqual(['constructor']);
  });
});
