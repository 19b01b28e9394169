/** Metrics, metric groups (beta), context kinds and experimentation settings. */
import { notFound } from './http-error.js';
import { compact, type JsonObject } from './json.js';
import { API, link, pageLinks, paths, readPage } from './links.js';
import { dependentGroupRep } from './metric-represent.js';
import type { RequestContext, RouteResult } from './router.js';
import type { MetricGroupState, MetricState, ProjectState } from './state.js';
import { EMULATOR_MEMBER_ID } from './store.js';

/** The documented page-size cap for metrics and metric groups. */
const MAX_LIMIT = 50;

function projectOf(ctx: RequestContext): ProjectState {
  return ctx.store.project(ctx.params['projectKey'] ?? '');
}

/** getMetrics: `MetricCollectionRep` with `totalCount` (not `total_count`). */
export function listMetrics(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  const page = readPage(ctx, 20, MAX_LIMIT);
  const all = [...project.metrics.values()];
  const items = all.slice(page.offset, page.offset + page.limit).map((m) => metricRep(project, m));
  const links = pageLinks(paths.metrics(project.key), ctx.query, page, all.length);
  return { status: 200, body: { items, totalCount: all.length, _links: links } };
}

/** getMetric. */
export function getMetric(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  const key = ctx.params['metricKey'] ?? '';
  const metric = project.metrics.get(key);
  if (!metric) throw notFound(`Unknown metric key "${key}" in project "${project.key}"`);
  return { status: 200, body: metricRep(project, metric) };
}

function metricRep(project: ProjectState, metric: MetricState): JsonObject {
  return compact({
    _id: metric._id,
    _versionId: metric.versionId,
    _version: metric.version,
    key: metric.key,
    name: metric.name,
    kind: metric.kind,
    _links: {
      parent: link(paths.metrics(project.key)),
      self: link(paths.metric(project.key, metric.key)),
    },
    tags: metric.tags,
    _creationDate: metric.creationDate,
    maintainerId: EMULATOR_MEMBER_ID,
    description: metric.description,
    isNumeric: metric.isNumeric,
    eventKey: metric.eventKey,
    analysisUnits: project.randomizationUnits.map((u) => u.randomizationUnit),
    unitAggregationType: metric.unitAggregationType,
    // Choice: every emulated metric comes from LaunchDarkly's own event data.
    dataSource: { key: 'launchdarkly' },
    archived: false,
  });
}

/** getMetricGroups (beta). */
export function listMetricGroups(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  const page = readPage(ctx, 20, MAX_LIMIT);
  const all = [...project.metricGroups.values()];
  const items = all.slice(page.offset, page.offset + page.limit).map((g) => groupRep(project, g));
  const links = pageLinks(paths.metricGroups(project.key), ctx.query, page, all.length);
  return { status: 200, body: { items, totalCount: all.length, _links: links } };
}

/** getMetricGroup (beta). */
export function getMetricGroup(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  const key = ctx.params['metricGroupKey'] ?? '';
  const group = project.metricGroups.get(key);
  if (!group) throw notFound(`Unknown metric group key "${key}" in project "${project.key}"`);
  return { status: 200, body: groupRep(project, group) };
}

/** `MetricGroupRep`: the iteration form (key, name, kind, links, metrics) plus the group's own details. */
function groupRep(project: ProjectState, group: MetricGroupState): JsonObject {
  return compact({
    _id: group._id,
    ...dependentGroupRep(project, group),
    description: group.description,
    tags: group.tags,
    _creationDate: group.creationDate,
    _lastModified: group.creationDate,
    maintainer: { key: EMULATOR_MEMBER_ID, kind: 'member' },
    _version: group.version,
  });
}

/** getContextKindsByProjectKey. */
export function listContextKinds(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  const items = project.contextKinds.map((kind) => ({
    key: kind.key,
    name: kind.name,
    description: kind.description,
    version: kind.version,
    creationDate: kind.creationDate,
    lastModified: kind.creationDate,
    createdFrom: 'default',
    hideInTargeting: false,
    archived: false,
    _links: { self: link(`${paths.contextKinds(project.key)}/${kind.key}`) },
  }));
  return { status: 200, body: { items, _links: { self: link(paths.contextKinds(project.key)) } } };
}

/** getExperimentationSettings (`RandomizationSettingsRep`). */
export function getExperimentationSettings(ctx: RequestContext): RouteResult {
  const project = projectOf(ctx);
  return {
    status: 200,
    body: {
      _projectId: project._id,
      _projectKey: project.key,
      randomizationUnits: project.randomizationUnits.map((unit) => ({
        randomizationUnit: unit.randomizationUnit,
        default: unit.default,
        _hidden: false,
        _displayName: unit.displayName,
      })),
      _creationDate: project.creationDate,
      _links: { self: link(paths.settings(project.key)), project: link(`${API}/projects/${project.key}`) },
    },
  };
}
