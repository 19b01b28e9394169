import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

const TREATMENTS = '/spec/iteration/treatments';

/** Exactly one treatment is the baseline: results are measured against it. */
export function baselineCount({ doc, report }: RuleContext<ExperimentDocument>): void {
  const treatments = doc.spec.iteration.treatments;
  const baselines = treatments.flatMap((t, index) => (t.baseline === true ? [index] : []));
  const [first, ...others] = baselines;
  if (first === undefined) {
    const names = treatments.map((t) => t.name);
    const message = `spec.iteration.treatments: no treatment has baseline: true; mark exactly one of ${names.join(', ')}`;
    report('BaselineCount', TREATMENTS, message, { candidates: names });
    return;
  }
  const firstName = treatments[first]?.name ?? '';
  for (const index of others) {
    const message = `spec.iteration.treatments[${String(index)}] "${treatments[index]?.name ?? ''}" is a second baseline (treatments[${String(first)}] "${firstName}" is one already); exactly one treatment has baseline: true`;
    report('BaselineCount', `${TREATMENTS}/${String(index)}/baseline`, message);
  }
}
