import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** `environment` and `environments` both say where the experiment lives; only one may. */
export function environmentConflict({ doc, report }: RuleContext<ExperimentDocument>): void {
  if (doc.metadata.environment === undefined || doc.metadata.environments === undefined) return;
  const message = 'metadata: set environment or environments, not both';
  report('EnvironmentConflict', '/metadata/environments', message, { atKey: true });
}
