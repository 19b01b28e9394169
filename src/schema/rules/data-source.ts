import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

const KNOWN = ['launchdarkly', 'snowflake'];

/** Unknown data sources are warned about, not rejected: LaunchDarkly adds sources over time. */
export function unknownDataSource({ doc, report }: RuleContext<ExperimentDocument>): void {
  const source = doc.spec.dataSource;
  if (source === undefined || KNOWN.includes(source)) return;
  const message = `spec.dataSource: "${source}" is not a data source ldexp knows (${KNOWN.join(', ')}); LaunchDarkly may reject it`;
  report('UnknownDataSource', '/spec/dataSource', message, { severity: 'warning', candidates: KNOWN });
}
