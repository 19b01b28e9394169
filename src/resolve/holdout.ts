/** Resolve one holdout manifest: metrics, randomization unit and prerequisite flag. */
import { findFlag } from '../live/lookup.js';
import type { LiveState } from '../live/types.js';
import type { HoldoutManifest } from '../manifest/types.js';
import { resourceAddress, type Problem } from '../types.js';
import { closestFirst } from './candidates.js';
import { Collector } from './collector.js';
import { metricKey, resolveMetric, resolveRandomizationUnit, withPrimary } from './metrics.js';
import { pointer } from '../util/json-pointer.js';
import type { ResolvedHoldout } from './types.js';

/** Resolve every reference of a holdout; on any problem there is no resolved value. */
export function resolveHoldout(
  manifest: HoldoutManifest,
  live: LiveState,
): { resolved?: ResolvedHoldout; problems: Problem[] } {
  const c = new Collector(manifest);
  const project = c.project(live, manifest.project);
  if (!project) return { problems: c.problems };
  const spec = manifest.spec;
  const primary = { key: spec.primaryMetric, isGroup: false };
  c.take(resolveMetric(project, primary), 'spec', 'primaryMetric');
  const metrics = spec.metrics.map(metricKey);
  metrics.forEach((m, i) => c.take(resolveMetric(project, m), 'spec', 'metrics', i));
  c.take(resolveRandomizationUnit(project, spec.randomizationUnit), 'spec', 'randomizationUnit');
  if (spec.prerequisiteFlag !== undefined && !findFlag(project, spec.prerequisiteFlag)) {
    const candidates = closestFirst(spec.prerequisiteFlag, project.flagKeys ?? project.flags.keys());
    c.add(
      pointer('spec', 'prerequisiteFlag'),
      'UnknownFlag',
      `flag "${spec.prerequisiteFlag}" does not exist in project "${manifest.project}"`,
      candidates,
    );
  }
  if (c.problems.some((p) => p.severity === 'error')) return { problems: c.problems };
  return {
    resolved: {
      manifest,
      address: resourceAddress('holdout', manifest, manifest.key),
      metrics: withPrimary(primary, metrics),
    },
    problems: c.problems,
  };
}
