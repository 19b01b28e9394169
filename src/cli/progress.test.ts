import { describe, expect, it } from 'vitest';

import { createProgressReporter } from './progress.js';

function stream(isTTY: boolean): { write(text: string): void; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

describe('progress reporter', () => {
  it('writes plain lines when not on a terminal, and hides requests unless verbose', () => {
    const out = stream(false);
    const reporter = createProgressReporter(out, { verbose: false });
    reporter.report({ type: 'phase', message: 'Reading live state' });
    reporter.report({ type: 'request', method: 'GET', path: '/api/v2/x', status: 200 });
    const description = 'Starting iteration of checkout-button (web/production)';
    reporter.report({ type: 'step-start', stepId: 's1', description, index: 1, total: 3 });
    reporter.report({ type: 'step-end', stepId: 's1', description, status: 'ok', index: 1, total: 3 });
    reporter.report({
      type: 'step-end',
      stepId: 's2',
      description,
      status: 'failed',
      message: 'boom',
      index: 2,
      total: 3,
    });
    reporter.done();
    expect(out.text).toBe(
      [
        'Reading live state…',
        '[1/3] Starting iteration of checkout-button (web/production)…',
        '[1/3] Starting iteration of checkout-button (web/production): done',
        '[2/3] Starting iteration of checkout-button (web/production) failed: boom',
        '',
      ].join('\n'),
    );
  });

  it('rewrites one live line on a terminal and keeps failures on their own line', () => {
    const out = stream(true);
    const reporter = createProgressReporter(out, { verbose: true });
    reporter.report({ type: 'request', method: 'GET', path: '/p', status: 200 });
    reporter.report({
      type: 'step-end',
      stepId: 's2',
      description: 'Archiving old (web/production)',
      status: 'skipped',
      index: 2,
      total: 2,
    });
    reporter.done();
    expect(out.text).toBe('\r\x1b[KGET /p → 200\r\x1b[K[2/2] Archiving old (web/production) skipped\n');
  });

  it('ignores events that arrive after done, such as reads still in flight when a run failed', () => {
    const out = stream(false);
    const reporter = createProgressReporter(out, { verbose: true });
    reporter.done();
    reporter.report({ type: 'request', method: 'GET', path: '/late', status: 200 });
    expect(out.text).toBe('');
  });
});
