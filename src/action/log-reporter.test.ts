import { describe, expect, it } from 'vitest';

import { createLogReporter } from './log-reporter.js';

describe('the Action log reporter', () => {
  it('names steps by action and experiment, and logs only the ones that did not succeed', () => {
    const lines: string[] = [];
    const reporter = createLogReporter((line) => lines.push(line));
    const description = 'Starting iteration of checkout-button (web/production)';
    reporter.report({ type: 'phase', message: 'Applying' });
    reporter.report({ type: 'step-start', stepId: 's1', description, index: 1, total: 2 });
    reporter.report({ type: 'step-end', stepId: 's1', description, status: 'ok', index: 1, total: 2 });
    reporter.report({ type: 'request', method: 'PATCH', path: '/x', status: 200 });
    reporter.report({
      type: 'step-end',
      stepId: 's2',
      description: 'Archiving old (web/production)',
      status: 'failed',
      message: '400 invalid_request',
      index: 2,
      total: 2,
    });
    expect(lines).toEqual([
      'Applying',
      '[1/2] Starting iteration of checkout-button (web/production)',
      '[2/2] Archiving old (web/production) failed: 400 invalid_request',
    ]);
  });
});
