import { describe, expect, it } from 'vitest';

import type { Impact } from '../../src/plan/types.js';
import { renderConfirmation } from '../../src/render/index.js';
import { plan, realisticPlan, resource, step } from './plan-fixtures.js';

function withImpacts(impacts: Impact[]) {
  return plan({
    resources: [resource('a', { stepIds: impacts.map((_, i) => `s${String(i + 1)}`) })],
    steps: impacts.map((impact, i) => step(`s${String(i + 1)}`, 'experiment/web/production/a', { impact })),
  });
}

describe('renderConfirmation', () => {
  it('repeats the target and counts the risky steps', () => {
    expect(renderConfirmation(realisticPlan(), { color: false })).toEqual({
      notice:
        'Target: app.launchdarkly.com · projects: web · environments: production\n⚠ 2 steps reset results, 1 is irreversible.\n',
      question: "Apply 8 steps to app.launchdarkly.com? Only 'yes' is accepted: ",
    });
  });

  it.each<[Impact[], string | undefined]>([
    [['metadata', 'stop', 'archive'], undefined],
    [['new-iteration'], '⚠ 1 step resets results.'],
    [['irreversible'], '⚠ 1 step is irreversible.'],
    [['irreversible', 'irreversible'], '⚠ 2 steps are irreversible.'],
    [
      ['new-iteration', 'new-iteration', 'irreversible', 'irreversible'],
      '⚠ 2 steps reset results, 2 are irreversible.',
    ],
  ])('%j → %s', (impacts, risk) => {
    const { notice } = renderConfirmation(withImpacts(impacts), { color: false });
    expect(notice.trimEnd().split('\n').slice(1)).toEqual(risk === undefined ? [] : [risk]);
  });

  it('keeps the port of a local URL and paints the risk bold red only with color', () => {
    const p = {
      ...withImpacts(['new-iteration']),
      target: { baseUrl: 'http://127.0.0.1:8787', projects: ['a', 'b'], environments: ['x'] },
    };
    const plain = renderConfirmation(p, { color: false });
    expect(plain.notice.split('\n')[0]).toBe('Target: 127.0.0.1:8787 · projects: a, b · environments: x');
    expect(plain.question).toBe("Apply 1 step to 127.0.0.1:8787? Only 'yes' is accepted: ");
    expect(renderConfirmation(p, { color: true }).notice).toContain(
      '\u001b[1m\u001b[31m⚠ 1 step resets results.\u001b[39m\u001b[22m',
    );
  });
});
