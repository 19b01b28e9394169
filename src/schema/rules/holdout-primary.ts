import type { HoldoutDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** A holdout's primary metric is one of its metrics (LaunchDarkly flags it inside the metrics list). */
export function holdoutPrimaryInMetrics({ doc, report }: RuleContext<HoldoutDocument>): void {
  const { primaryMetric, metrics } = doc.spec;
  const keys = metrics.map((m) => (typeof m === 'string' ? m : m.group));
  if (keys.includes(primaryMetric)) return;
  const message = `spec.primaryMetric: "${primaryMetric}" is not in spec.metrics (${keys.join(', ')}); add it to metrics`;
  report('HoldoutPrimaryNotInMetrics', '/spec/primaryMetric', message, { candidates: keys });
}
