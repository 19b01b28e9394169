import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

// Decimal allocations (33.3 + 33.3 + 33.4) do not add up exactly in floating point.
const TOLERANCE = 1e-9;

/** Allocations sum to 100 and are not all zero (the schema already keeps each in [0, 100]). */
export function allocation({ doc, report }: RuleContext<ExperimentDocument>): void {
  const percents = doc.spec.iteration.treatments.map((t) => t.allocationPercent);
  const sum = percents.reduce((total, p) => total + p, 0);
  if (percents.every((p) => p === 0)) {
    const message = 'spec.iteration.treatments: every allocationPercent is 0; at least one treatment must get traffic';
    report('AllocationAllZero', '/spec/iteration/treatments', message);
    return;
  }
  if (Math.abs(sum - 100) > TOLERANCE) {
    const rounded = Math.round(sum * 1e6) / 1e6;
    const message = `spec.iteration.treatments: allocationPercent values sum to ${String(rounded)} (${percents.join(' + ')}); they must sum to 100`;
    report('AllocationSum', '/spec/iteration/treatments', message);
  }
}
