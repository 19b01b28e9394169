/** Metric and metric-group representations, as used inside iterations and by the metric endpoints. */
import { compact, type JsonObject } from './json.js';
import { link, paths } from './links.js';
import type { MetricGroupState, MetricRefState, MetricState, ProjectState } from './state.js';

/** `MetricV2Rep`: a metric as an iteration's primary or secondary metric. */
export function metricV2Rep(projectKey: string, metric: MetricState): JsonObject {
  return compact({
    key: metric.key,
    _versionId: metric.versionId,
    name: metric.name,
    kind: metric.kind,
    isNumeric: metric.isNumeric,
    unitAggregationType: metric.unitAggregationType,
    eventKey: metric.eventKey,
    _links: { self: link(paths.metric(projectKey, metric.key)) },
  });
}

/** `MetricInGroupRep` entries of a metric group. */
export function metricsInGroupRep(project: ProjectState, group: MetricGroupState): JsonObject[] {
  return group.metrics.flatMap((member) => {
    const metric = project.metrics.get(member.key);
    if (!metric) return [];
    return [
      compact({
        ...metricV2Rep(project.key, metric),
        nameInGroup: member.nameInGroup,
        analysisUnits: project.randomizationUnits.map((u) => u.randomizationUnit),
      }),
    ];
  });
}

/** `DependentMetricGroupRepWithMetrics`: an iteration's primary funnel. */
export function dependentGroupRep(project: ProjectState, group: MetricGroupState): JsonObject {
  return {
    key: group.key,
    name: group.name,
    kind: group.kind,
    _links: {
      parent: link(paths.project(project.key)),
      self: link(paths.metricGroup(project.key, group.key)),
    },
    metrics: metricsInGroupRep(project, group),
  };
}

/** `DependentMetricOrMetricGroupRep`; `undefined` when the metric no longer exists. */
export function dependentMetricRep(project: ProjectState, ref: MetricRefState): JsonObject | undefined {
  if (ref.isGroup) {
    const group = project.metricGroups.get(ref.key);
    if (!group) return undefined;
    return {
      key: group.key,
      // Choice: a group has no version ID of its own in the store; its _id plus version stands in.
      _versionId: `${group._id}:${String(group.version)}`,
      name: group.name,
      kind: group.kind,
      isGroup: true,
      _links: { self: link(paths.metricGroup(project.key, group.key)) },
      metrics: metricsInGroupRep(project, group),
    };
  }
  const metric = project.metrics.get(ref.key);
  if (!metric) return undefined;
  return compact({
    key: metric.key,
    _versionId: metric.versionId,
    name: metric.name,
    kind: metric.kind,
    isNumeric: metric.isNumeric,
    eventKey: metric.eventKey,
    isGroup: false,
    _links: { self: link(paths.metric(project.key, metric.key)) },
  });
}
