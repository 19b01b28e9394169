/** Metric and metric-group keys → `MetricInput`s, checked against the project. */
import type { LiveProject } from '../live/types.js';
import type { MetricRef } from '../manifest/types.js';
import { closestFirst } from './candidates.js';
import { failed, found, type Outcome } from './outcome.js';
import type { MetricKey } from './types.js';

/** A metric reference as a `{ key, isGroup }` pair, without checking it exists. */
export function metricKey(ref: MetricRef): MetricKey {
  return typeof ref === 'string' ? { key: ref, isGroup: false } : { key: ref.group, isGroup: true };
}

/** Check that a metric (or metric group) exists in the project. */
export function resolveMetric(project: LiveProject, ref: MetricKey): Outcome<MetricKey> {
  const known = ref.isGroup ? project.metricGroups : project.metrics;
  if (known.has(ref.key)) return found(ref);
  const candidates = closestFirst(ref.key, known.keys());
  const what = ref.isGroup ? 'metric group' : 'metric';
  return failed(
    ref.isGroup ? 'UnknownMetricGroup' : 'UnknownMetric',
    `project "${project.key}" has no ${what} "${ref.key}"${candidates.length > 0 ? `; closest: ${candidates.slice(0, 5).join(', ')}` : ''}`,
    candidates,
  );
}

/** Primary first, then the others in order, each once. */
export function withPrimary(primary: MetricKey, metrics: MetricKey[]): MetricKey[] {
  const seen = new Set<string>();
  const out: MetricKey[] = [];
  for (const m of [primary, ...metrics]) {
    const id = `${String(m.isGroup)}:${m.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(m);
  }
  return out;
}

/** Check that a randomization unit is a context kind or randomization unit of the project. */
export function resolveRandomizationUnit(project: LiveProject, unit: string): Outcome<string> {
  const known = new Set([...project.randomizationUnits, ...project.contextKinds.map((k) => k.key)]);
  // An empty list means the project's settings could not be read; LaunchDarkly will judge.
  if (known.size === 0 || known.has(unit)) return found(unit);
  const candidates = closestFirst(unit, known);
  return failed(
    'UnknownRandomizationUnit',
    `project "${project.key}" has no randomization unit "${unit}"; it has: ${candidates.join(', ')}`,
    candidates,
  );
}
