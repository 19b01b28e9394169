import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** Traffic reallocation is what a multi-armed bandit does; other experiments keep fixed allocations. */
export function mabOnlyField({ doc, report }: RuleContext<ExperimentDocument>): void {
  if (doc.spec.iteration.reallocationFrequencyMillis === undefined || doc.spec.type === 'mab') return;
  const message = `spec.iteration.reallocationFrequencyMillis: only valid with spec.type: mab (spec.type is ${doc.spec.type ?? 'experiment'})`;
  report('MabOnlyField', '/spec/iteration/reallocationFrequencyMillis', message, { atKey: true });
}
