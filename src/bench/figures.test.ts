import { describe, expect, it } from 'vitest';

import { chainDepth, formatMs, formatRatio, median, renderTable } from './figures.js';

describe('bench figures', () => {
  it.each([
    [[], Number.NaN],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [260, 26, '10×'],
    [260, 112, '2.3×'],
    [1000, 3, '333×'],
    [50, 100, '0.5×'],
    [undefined, 10, '—'],
    [10, 0, '—'],
  ])('formatRatio(%s, %s) is %s', (baseline, measured, expected) => {
    expect(formatRatio(baseline, measured)).toBe(expected);
  });

  it.each([
    [999.6, '1000 ms'],
    [12_345, '12.3 s'],
    [undefined, '—'],
  ])('formatMs(%s) is %s', (ms, expected) => {
    expect(formatMs(ms)).toBe(expected);
  });

  it.each([
    ['nothing', [], 0],
    ['one request', [{ start: 0, end: 20 }], 1],
    ['ten in flight together', Array.from({ length: 10 }, (_, i) => ({ start: i, end: i + 20 })), 1],
    [
      'a list, then three reads it names, then one more',
      [
        { start: 0, end: 20 },
        { start: 21, end: 41 },
        { start: 22, end: 42 },
        { start: 23, end: 43 },
        { start: 44, end: 64 },
      ],
      3,
    ],
    [
      'listed out of order',
      [
        { start: 50, end: 70 },
        { start: 0, end: 20 },
        { start: 25, end: 45 },
      ],
      3,
    ],
  ])('chainDepth: %s', (_name, intervals, expected) => {
    expect(chainDepth(intervals)).toBe(expected);
  });

  it('renders a table with text in the first and last columns and numbers right-aligned', () => {
    expect(
      renderTable([
        ['scenario', 'wall', 'note'],
        ['a', '5 ms', 'x'],
        ['longer', '1000 ms', 'yy'],
      ]),
    ).toBe(
      ['scenario     wall  note', '--------  -------  ----', 'a            5 ms  x', 'longer    1000 ms  yy', ''].join(
        '\n',
      ),
    );
  });
});
