import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** Exactly one of primaryMetric / primaryFunnel: LaunchDarkly analyses the experiment by one primary. */
export function primaryMetricChoice({ doc, report }: RuleContext<ExperimentDocument>): void {
  const { primaryMetric, primaryFunnel } = doc.spec.iteration;
  if (primaryMetric !== undefined && primaryFunnel !== undefined) {
    const message = 'spec.iteration: set exactly one of primaryMetric or primaryFunnel, not both';
    report('PrimaryMetricChoice', '/spec/iteration/primaryFunnel', message, { atKey: true });
  } else if (primaryMetric === undefined && primaryFunnel === undefined) {
    const message =
      'spec.iteration: no primary metric; set primaryMetric (a metric key) or primaryFunnel (a metric group key)';
    report('PrimaryMetricChoice', '/spec/iteration', message);
  }
}
