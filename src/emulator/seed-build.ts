/**
 * Seed → store. IDs that the seed leaves out are derived from keys with `stableId`, timestamps
 * from a fixed epoch, so the same seed always yields byte-identical responses.
 */
import { stableId } from './ids.js';
import { addSeedExperiments, addSeedHoldouts } from './seed-experiments.js';
import { SEED_EPOCH, variationIndex } from './seed-util.js';
import type { SeedFlag, SeedProject, EmulatorSeed, SeedRule } from './seed-types.js';
import type { FlagEnvState, FlagState, ProjectState, RuleState, VariationState } from './state.js';
import { EmulatorStore } from './store.js';

/** Build a store from a seed; throws an `Error` whose message starts with the seed path. */
export function buildStore(seed: EmulatorSeed, now: () => number): EmulatorStore {
  const store = new EmulatorStore(now);
  seed.projects.forEach((spec, index) => {
    const path = `projects[${index}]`;
    if (store.projects.has(spec.key)) throw new Error(`${path}: duplicate project key "${spec.key}"`);
    const project = buildProject(spec, path);
    store.projects.set(project.key, project);
    addSeedHoldouts(project, spec, path);
    addSeedExperiments(project, spec, path);
  });
  return store;
}

function buildProject(spec: SeedProject, path: string): ProjectState {
  const kinds = spec.contextKinds ?? [{ key: 'user', name: 'User' }];
  const units: { randomizationUnit: string; default?: boolean; displayName?: string }[] =
    spec.randomizationUnits ??
    kinds.map((kind) => ({ randomizationUnit: kind.key, displayName: kind.name ?? kind.key }));
  const defaultUnit =
    units.find((u) => u.default)?.randomizationUnit ??
    units.find((u) => u.randomizationUnit === 'user')?.randomizationUnit ??
    units[0]?.randomizationUnit;
  const project: ProjectState = {
    _id: stableId('project', spec.key),
    key: spec.key,
    name: spec.name ?? spec.key,
    creationDate: SEED_EPOCH,
    contextKinds: kinds.map((kind) => ({
      key: kind.key,
      name: kind.name ?? kind.key,
      description: kind.description ?? '',
      version: 1,
      creationDate: SEED_EPOCH,
    })),
    randomizationUnits: units.map((u) => ({
      randomizationUnit: u.randomizationUnit,
      default: u.randomizationUnit === defaultUnit,
      displayName: u.displayName ?? u.randomizationUnit,
    })),
    environments: new Map(spec.environments.map((key) => [key, { key, experiments: new Map(), holdouts: new Map() }])),
    flags: new Map(),
    metrics: new Map(),
    metricGroups: new Map(),
  };
  for (const unit of project.randomizationUnits) {
    if (!project.contextKinds.some((k) => k.key === unit.randomizationUnit)) {
      throw new Error(`${path}.randomizationUnits: "${unit.randomizationUnit}" is not a context kind`);
    }
  }
  (spec.flags ?? []).forEach((flag, i) => {
    addUnique(project.flags, buildFlag(project, flag, `${path}.flags[${i}]`), `${path}.flags[${i}]`);
  });
  addMetrics(project, spec, path);
  return project;
}

function addUnique<T extends { key: string }>(map: Map<string, T>, item: T, path: string): void {
  if (map.has(item.key)) throw new Error(`${path}: duplicate key "${item.key}"`);
  map.set(item.key, item);
}

function addMetrics(project: ProjectState, spec: SeedProject, path: string): void {
  (spec.metrics ?? []).forEach((m, i) => {
    const kind = m.kind ?? 'custom';
    // Choice: a custom metric without an event key listens to the event named like the metric.
    const eventKey = m.eventKey ?? (kind === 'custom' ? m.key : undefined);
    const metric = {
      _id: stableId('metric', project.key, m.key),
      key: m.key,
      name: m.name ?? m.key,
      kind,
      isNumeric: m.isNumeric ?? false,
      tags: m.tags ?? [],
      creationDate: SEED_EPOCH,
      version: 1,
      versionId: stableId('metric-version', project.key, m.key, 1),
      ...(eventKey === undefined ? {} : { eventKey }),
      ...(m.unitAggregationType === undefined ? {} : { unitAggregationType: m.unitAggregationType }),
      ...(m.description === undefined ? {} : { description: m.description }),
    };
    addUnique(project.metrics, metric, `${path}.metrics[${i}]`);
  });
  (spec.metricGroups ?? []).forEach((g, i) => {
    const p = `${path}.metricGroups[${i}]`;
    g.metrics.forEach((m, j) => {
      if (!project.metrics.has(m.key)) throw new Error(`${p}.metrics[${j}]: unknown metric "${m.key}"`);
    });
    const group = {
      _id: stableId('metric-group', project.key, g.key),
      key: g.key,
      name: g.name ?? g.key,
      kind: g.kind,
      tags: g.tags ?? [],
      metrics: g.metrics.map((m) => (m.nameInGroup === undefined ? { key: m.key } : { ...m })),
      creationDate: SEED_EPOCH,
      version: 1,
      ...(g.description === undefined ? {} : { description: g.description }),
    };
    addUnique(project.metricGroups, group, p);
  });
}

function buildFlag(project: ProjectState, spec: SeedFlag, path: string): FlagState {
  const variations: VariationState[] = (spec.variations ?? [{ value: true }, { value: false }]).map((v, i) => ({
    _id: v._id ?? stableId('variation', project.key, spec.key, i),
    value: v.value,
    ...(v.name === undefined ? {} : { name: v.name }),
    ...(v.description === undefined ? {} : { description: v.description }),
  }));
  const boolean = variations.every((v) => typeof v.value === 'boolean');
  const environments: Record<string, FlagEnvState> = {};
  for (const envKey of Object.keys(spec.environments ?? {})) {
    if (!project.environments.has(envKey)) {
      throw new Error(
        `${path}.environments: unknown environment "${envKey}" (${[...project.environments.keys()].join(', ')})`,
      );
    }
  }
  for (const envKey of project.environments.keys()) {
    const env = spec.environments?.[envKey] ?? {};
    const p = `${path}.environments.${envKey}`;
    const last = variations.length - 1;
    environments[envKey] = {
      on: env.on ?? false,
      archived: env.archived ?? false,
      version: env.version ?? 1,
      rules: (env.rules ?? []).map((rule, i) =>
        buildRule(project.key, spec.key, envKey, rule, i, variations, `${p}.rules[${i}]`),
      ),
      fallthroughVariation: variationIndex(variations, env.fallthrough ?? last, `${p}.fallthrough`),
      offVariation: variationIndex(variations, env.offVariation ?? last, `${p}.offVariation`),
      lastModified: SEED_EPOCH,
      salt: stableId('salt', project.key, spec.key, envKey).replace(/-/g, ''),
    };
  }
  return {
    key: spec.key,
    name: spec.name ?? spec.key,
    kind: spec.kind ?? (boolean ? 'boolean' : 'multivariate'),
    variations,
    version: 1,
    creationDate: SEED_EPOCH,
    archived: spec.archived ?? false,
    tags: spec.tags ?? [],
    temporary: false,
    environments,
    ...(spec.description === undefined ? {} : { description: spec.description }),
  };
}

function buildRule(
  projectKey: string,
  flagKey: string,
  envKey: string,
  spec: SeedRule,
  index: number,
  variations: VariationState[],
  path: string,
): RuleState {
  const rule: RuleState = {
    _id: spec._id ?? stableId('rule', projectKey, flagKey, envKey, index),
    clauses: (spec.clauses ?? []).map((c, i) => ({
      _id: stableId('clause', projectKey, flagKey, envKey, index, i),
      attribute: c.attribute,
      op: c.op ?? 'in',
      values: c.values,
      contextKind: c.contextKind ?? 'user',
      negate: c.negate ?? false,
    })),
    trackEvents: false,
  };
  if (spec.ref !== undefined) rule.ref = spec.ref;
  if (spec.description !== undefined) rule.description = spec.description;
  if (spec.variation !== undefined) rule.variation = variationIndex(variations, spec.variation, `${path}.variation`);
  return rule;
}
