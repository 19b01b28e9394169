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
    reporter.report({ type: 'step-start', stepId: 's1', description: 'creates x', index: 1, total: 2 });
    reporter.report({ type: 'step-end', stepId: 's1', status: 'failed', message: 'boom', index: 1, total: 2 });
    reporter.done();
    expect(out.text).toBe('Reading live state…\n[1/2] creates x…\n[1/2] s1 failed: boom\n');
  });

  it('rewrites one live line on a terminal and keeps failures on their own line', () => {
    const out = stream(true);
    const reporter = createProgressReporter(out, { verbose: true });
    reporter.report({ type: 'request', method: 'GET', path: '/p', status: 200 });
    reporter.report({ type: 'step-end', stepId: 's2', status: 'skipped', index: 2, total: 2 });
    reporter.done();
    expect(out.text).toBe('\r\x1b[KGET /p → 200\r\x1b[K[2/2] s2 skipped\n');
  });

  it('ignores events that arrive after done, such as reads still in flight when a run failed', () => {
    const out = stream(false);
    const reporter = createProgressReporter(out, { verbose: true });
    reporter.done();
    reporter.report({ type: 'request', method: 'GET', path: '/late', status: 200 });
    expect(out.text).toBe('');
  });
});
