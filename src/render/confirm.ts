/** The words around the apply confirmation: where the changes go, and how many are risky. */
import { createColors } from 'picocolors';

import type { Plan } from '../plan/types.js';
import { oneLine, plural, riskCounts, WARNING_SIGN } from './words.js';

export interface Confirmation {
  /** Lines shown before the question: the target, then the risky steps counted (bold red). */
  notice: string;
  /** The one-line question, ending where the answer is typed. */
  question: string;
}

/**
 * `Target: app.launchdarkly.com · projects: web · environments: production` and
 * `⚠ 2 steps reset results, 1 is irreversible.`, then `Apply 8 steps to app.launchdarkly.com? …`:
 * the prompt repeats where the changes go, since a wrong LD_API_URL or project is the costly mistake.
 */
export function renderConfirmation(plan: Plan, options: { color: boolean }): Confirmation {
  const c = createColors(options.color);
  const host = oneLine(hostOf(plan.target.baseUrl));
  const target = `projects: ${plan.target.projects.join(', ')} · environments: ${plan.target.environments.join(', ')}`;
  const lines = [`${c.bold('Target:')} ${host} · ${oneLine(target)}`];
  const risks = riskCounts(plan.steps);
  if (risks) lines.push(c.bold(c.red(`${WARNING_SIGN} ${risks}.`)));
  return {
    notice: `${lines.join('\n')}\n`,
    question: `Apply ${plural(plan.steps.length, 'step')} to ${host}? Only 'yes' is accepted: `,
  };
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
