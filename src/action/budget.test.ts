import { describe, expect, it } from 'vitest';

import { stepSummaryText } from './budget.js';

describe('stepSummaryText', () => {
  it('joins sections that fit', () => {
    expect(stepSummaryText(['## a', 'b'])).toBe('## a\n\nb');
  });

  it('replaces what would overflow the 1 MiB limit by one line, counting bytes', () => {
    const big = '█'.repeat(300_000); // 900,000 bytes, 300,000 characters
    expect(stepSummaryText(['## a', big, big])).toBe(
      `## a\n\n${big}\n\n_The rest of this summary did not fit in the 1 MiB GitHub allows._`,
    );
  });
});
