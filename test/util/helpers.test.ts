/** The helpers written once in src/: exact inputs → outputs. */
import { describe, expect, it } from 'vitest';

import { liveRequestFor } from '../../src/live/index.js';
import { problemAt } from '../../src/manifest/problem.js';
import { targetId, uniqueTargets, type Target } from '../../src/types.js';
import { compareCodeUnits } from '../../src/util/compare.js';
import { childPointer, parsePointer, pointer, pointerToPath, toPointer } from '../../src/util/json-pointer.js';
import { isRecord } from '../../src/util/records.js';
import { experiment, holdout, manifestSet } from '../helpers/builders.js';

describe('JSON pointers', () => {
  it.each<[(string | number)[], string]>([
    [[], ''],
    [['spec', 'iteration', 0], '/spec/iteration/0'],
    [['flags', 'a/b'], '/flags/a~1b'],
    [['~1'], '/~01'],
    [[''], '/'],
  ])('%j ⇄ %s', (segments, text) => {
    expect(toPointer(segments)).toBe(text);
    expect(pointer(...segments)).toBe(text);
    expect(parsePointer(text)).toEqual(segments.map(String));
  });

  it.each([
    ['', 'document'],
    ['/spec/iteration/treatments/1/name', 'spec.iteration.treatments[1].name'],
    ['/spec/iteration/flags/checkout-button', 'spec.iteration.flags["checkout-button"]'],
  ])('%s reads as %s', (text, path) => {
    expect(pointerToPath(text)).toBe(path);
  });

  it('appends one escaped segment', () => {
    expect(childPointer('/spec/flags', 'a/b~c')).toBe('/spec/flags/a~1b~0c');
  });
});

describe('isRecord', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['x', false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});

describe('compareCodeUnits', () => {
  it('sorts by UTF-16 code units, whatever the locale', () => {
    expect(['b', 'B', 'a', 'é', 'Z', 'a'].sort(compareCodeUnits)).toEqual(['B', 'Z', 'a', 'a', 'b', 'é']);
    expect([compareCodeUnits('a', 'b'), compareCodeUnits('b', 'a'), compareCodeUnits('a', 'a')]).toEqual([-1, 1, 0]);
  });
});

describe('targets', () => {
  it('de-duplicates by project and environment, first seen first, as plain targets', () => {
    const items: (Target & { key?: string })[] = [
      { project: 'web', environment: 'prod', key: 'a' },
      { project: 'web', environment: 'dev' },
      { project: 'web', environment: 'prod', key: 'b' },
      { project: 'api', environment: 'prod' },
    ];
    expect(uniqueTargets(items)).toEqual([
      { project: 'web', environment: 'prod' },
      { project: 'web', environment: 'dev' },
      { project: 'api', environment: 'prod' },
    ]);
    // A separator no key can hold: `a/b` + `c` and `a` + `b/c` stay apart.
    expect(targetId({ project: 'a/b', environment: 'c' })).not.toBe(targetId({ project: 'a', environment: 'b/c' }));
  });

  it('a run reads every target of its manifests and the flags each project needs', () => {
    const desired = manifestSet(
      [experiment(), experiment({ key: 'other', environment: 'staging' })],
      [holdout({ prerequisiteFlag: 'gate' }), holdout({ key: 'plain' })],
    );
    expect(liveRequestFor(desired)).toEqual({
      targets: [
        { project: 'web', environment: 'production' },
        { project: 'web', environment: 'staging' },
      ],
      flagKeys: new Map([['web', new Set(['checkout-button', 'gate'])]]),
    });
  });
});

describe('problemAt', () => {
  const source = {
    locate: (p: string) => ({ file: 'x.yaml', line: p.length, column: 1 }),
    locateKey: (p: string) => ({ file: 'x.yaml', line: p.length, column: 0 }),
  };
  it.each([
    [
      {},
      {
        severity: 'error',
        code: 'C',
        message: 'm',
        position: { file: 'x.yaml', line: 5, column: 1 },
        pointer: '/spec',
      },
    ],
    [
      { severity: 'warning' as const, candidates: ['a'] },
      {
        severity: 'warning',
        code: 'C',
        message: 'm',
        position: { file: 'x.yaml', line: 5, column: 1 },
        pointer: '/spec',
        candidates: ['a'],
      },
    ],
    [
      { atKey: true },
      {
        severity: 'error',
        code: 'C',
        message: 'm',
        position: { file: 'x.yaml', line: 5, column: 0 },
        pointer: '/spec',
      },
    ],
  ])('%j', (options, expected) => {
    expect(problemAt(source, '/spec', 'C', 'm', options)).toEqual(expected);
  });

  it('points at the value when the source cannot place keys', () => {
    expect(problemAt({ locate: source.locate }, '/spec', 'C', 'm', { atKey: true }).position?.column).toBe(1);
  });
});
