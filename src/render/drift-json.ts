/**
 * `ldexp drift --format json`: the drift report as one JSON document for scripts and scheduled
 * jobs (schemas/drift-report.schema.json). The same parts as the text form: what LaunchDarkly has
 * (`from`, `live`) and what Git says (`to`, `git`), per resource.
 */
import type { DriftEntry, DriftReport } from '../origin/drift.js';
import type { ResourcePlan } from '../plan/types.js';
import { driftSummary } from './drift-text.js';

export function renderDriftJson(report: DriftReport): string {
  const document = {
    formatVersion: 1,
    drifted: report.drift.length > 0,
    summary: driftSummary(report),
    target: report.target,
    ...(report.base ? { base: { ref: report.base.ref, commit: report.base.commit } } : {}),
    drift: report.drift.map(entry),
    pending: report.pending.map(entry),
    notCreated: report.notCreated.map(resource),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function resource(plan: ResourcePlan): Record<string, unknown> {
  const { address, type, project, environment, key, name, source } = plan;
  return { address, type, project, environment, key, name, ...(source ? { source } : {}) };
}

function entry(found: DriftEntry): Record<string, unknown> {
  return {
    ...resource(found.resource),
    noManifest: found.noManifest,
    ...(found.state ? { state: found.state } : {}),
    changes: found.changes.map((change) => ({
      field: change.field,
      ...(change.from === undefined ? {} : { from: change.from }),
      ...(change.to === undefined ? {} : { to: change.to }),
      ...(change.origin === undefined ? {} : { origin: change.origin }),
    })),
  };
}
