/** A retry is announced in every output: the CLI on a terminal, the CLI in CI, the Action's log. */
import { describe, expect, it } from 'vitest';

import { createLogReporter } from '../../src/action/log-reporter.js';
import { createProgressReporter } from '../../src/cli/progress.js';
import { describeRetry, type RetryEvent } from '../../src/reporter.js';

const RETRY: RetryEvent = {
  type: 'retry',
  method: 'GET',
  path: '/api/v2/projects/web/environments/production/experiments?limit=20',
  failure: '503',
  delayMs: 2000,
  attempt: 2,
  attempts: 5,
};
const LINE =
  'GET /api/v2/projects/web/environments/production/experiments?limit=20 → 503; retrying in 2.0 s (attempt 2 of 5)';

function stream(isTTY: boolean): { write(text: string): void; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

describe('retry lines', () => {
  it.each([
    [RETRY, LINE],
    [
      { ...RETRY, method: 'PATCH', path: '/x', failure: '409 optimistic_locking_error', delayMs: 750, attempt: 3 },
      'PATCH /x → 409 optimistic_locking_error; retrying in 0.8 s (attempt 3 of 5)',
    ],
  ])('describeRetry %#', (event, line) => {
    expect(describeRetry(event)).toBe(line);
  });

  it('CLI, not on a terminal and not verbose: a plain line', () => {
    const out = stream(false);
    const reporter = createProgressReporter(out, { verbose: false });
    reporter.report({ type: 'phase', message: 'Reading project web' });
    reporter.report(RETRY);
    reporter.done();
    expect(out.text).toBe(`Reading project web…\n${LINE}\n`);
  });

  it('CLI on a terminal: a line of its own that the live line does not overwrite', () => {
    const out = stream(true);
    const reporter = createProgressReporter(out, { verbose: false });
    reporter.report({ type: 'phase', message: 'Reading project web' });
    reporter.report(RETRY);
    reporter.report({ type: 'phase', message: 'Planning' });
    reporter.done();
    expect(out.text).toBe(`\r\x1b[KReading project web…\r\x1b[K${LINE}\n\r\x1b[KPlanning…\r\x1b[K`);
  });

  it("the Action's log", () => {
    const lines: string[] = [];
    createLogReporter((line) => lines.push(line)).report(RETRY);
    expect(lines).toEqual([LINE]);
  });
});
