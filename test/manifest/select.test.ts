/** `--target` selectors: parsing, matching, and narrowing a manifest set (src/manifest/select.ts). */
import { describe, expect, it } from 'vitest';

import { formatSelector, parseSelector, selectTargets } from '../../src/manifest/select.js';
import type { TargetSelector } from '../../src/manifest/select.js';
import { experiment, holdout, manifestSet } from '../helpers/builders.js';

describe('parseSelector', () => {
  it.each<[string, TargetSelector | undefined]>([
    ['web/production', { project: 'web', environment: 'production' }],
    ['web/production/checkout-button', { project: 'web', environment: 'production', key: 'checkout-button' }],
    ['my.proj/env_1/key-2', { project: 'my.proj', environment: 'env_1', key: 'key-2' }],
    ['web', undefined],
    ['web/', undefined],
    ['/production', undefined],
    ['web/production/', undefined],
    ['web/production/a/b', undefined],
    ['web/*', undefined],
    ['web/prod uction', undefined],
  ])('%s', (text, expected) => {
    expect(parseSelector(text)).toEqual(expected);
    if (expected) expect(formatSelector(expected)).toBe(text);
  });
});

const SET = manifestSet(
  [
    experiment({ key: 'a', environment: 'production' }),
    experiment({ key: 'b', environment: 'production' }),
    experiment({ key: 'a', environment: 'staging' }),
    experiment({ key: 'c', project: 'shop', environment: 'production' }),
  ],
  [holdout({ key: 'h', environment: 'staging' })],
);
const addresses = (set: typeof SET): string[] =>
  [...set.experiments, ...set.holdouts].map((m) => `${m.kind} ${m.project}/${m.environment}/${m.key}`);

describe('selectTargets', () => {
  it.each<[string, string[], string[], string[]]>([
    ['no selector keeps everything', [], addresses(SET), []],
    [
      'a target keeps its experiments and holdouts',
      ['web/staging'],
      ['Experiment web/staging/a', 'Holdout web/staging/h'],
      [],
    ],
    ['a key keeps that resource only', ['web/production/b'], ['Experiment web/production/b'], ['targetKeys']],
    [
      'selectors add up',
      ['shop/production', 'web/production/a'],
      ['Experiment web/production/a', 'Experiment shop/production/c'],
      ['targetKeys'],
    ],
  ])('%s', (_, selectors, kept, limits) => {
    const { manifests, problems } = selectTargets(
      SET,
      selectors.map((s) => parseSelector(s)!),
    );
    expect(problems).toEqual([]);
    expect(addresses(manifests)).toEqual(kept);
    expect(manifests.scope.limits.map((l) => l.kind)).toEqual(limits);
  });

  it('a selector that matches nothing is an error naming the targets that exist', () => {
    const { problems } = selectTargets(SET, [parseSelector('web/dev')!, parseSelector('web/production/zzz')!]);
    const targets = ['shop/production', 'web/production', 'web/staging'];
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'TargetMatchesNothing',
        message: `--target web/dev matches no document; the documents' targets are: ${targets.join(', ')}`,
        candidates: targets,
      },
      {
        severity: 'error',
        code: 'TargetMatchesNothing',
        message: `--target web/production/zzz matches no document; the documents' targets are: ${targets.join(', ')}`,
        candidates: targets,
      },
    ]);
  });

  it('documents are not changed: a selected experiment keeps its own target', () => {
    const { manifests } = selectTargets(SET, [parseSelector('web/production/a')!]);
    expect(manifests.experiments[0]).toBe(SET.experiments[0]);
  });
});
