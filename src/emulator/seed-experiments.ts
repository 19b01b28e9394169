/** Seed holdouts and the compact seed experiment form → store state. */
import { finalizeIteration } from './experiments/validate-iteration.js';
import { stableId } from './ids.js';
import { SEED_EPOCH, variationIndex } from './seed-util.js';
import type { SeedExperiment, SeedIteration, SeedProject, SeedTreatment } from './seed-types.js';
import type {
  EnvState,
  ExperimentState,
  HoldoutState,
  IterationFlagState,
  IterationState,
  IterationStatus,
  MetricRefState,
  ProjectState,
  TreatmentState,
} from './state.js';
import { EMULATOR_MEMBER_ID } from './store.js';

const DAY = 86_400_000;

function envFor(project: ProjectState, envKey: string, path: string): EnvState {
  const env = project.environments.get(envKey);
  if (!env) throw new Error(`${path}: unknown environment "${envKey}"`);
  return env;
}

/** Holdouts first: experiments refer to them by key. */
export function addSeedHoldouts(project: ProjectState, spec: SeedProject, path: string): void {
  for (const [envKey, holdouts] of Object.entries(spec.holdouts ?? {})) {
    const env = envFor(project, envKey, `${path}.holdouts`);
    holdouts.forEach((h, i) => {
      const p = `${path}.holdouts.${envKey}[${i}]`;
      if (env.holdouts.has(h.key)) throw new Error(`${p}: duplicate holdout key "${h.key}"`);
      const metrics = metricRefs(project, h.metrics ?? (h.primaryMetric ? [h.primaryMetric] : []), p);
      const unit = h.randomizationUnit ?? 'user';
      if (!project.contextKinds.some((k) => k.key === unit))
        throw new Error(`${p}: randomizationUnit "${unit}" is not a context kind`);
      const holdout: HoldoutState = {
        _id: stableId('holdout', project.key, envKey, h.key),
        key: h.key,
        name: h.name ?? h.key,
        holdoutAmount: String(h.holdoutAmount),
        randomizationUnit: unit,
        attributes: h.attributes ?? [],
        metrics,
        maintainerId: EMULATOR_MEMBER_ID,
        createdAt: SEED_EPOCH,
        updatedAt: SEED_EPOCH,
        baseExperimentId: stableId('holdout-experiment', project.key, envKey, h.key),
      };
      if (h.description !== undefined) holdout.description = h.description;
      const primary = h.primaryMetric ?? metrics.find((m) => !m.isGroup)?.key;
      if (primary !== undefined) holdout.primaryMetricKey = primary;
      if (h.status === 'running' || h.status === 'ended') holdout.startedAt = SEED_EPOCH + DAY;
      if (h.status === 'ended') holdout.endedAt = SEED_EPOCH + 30 * DAY;
      env.holdouts.set(h.key, holdout);
    });
  }
}

/** Experiments in their compact seed form. */
export function addSeedExperiments(project: ProjectState, spec: SeedProject, path: string): void {
  for (const [envKey, experiments] of Object.entries(spec.experiments ?? {})) {
    const env = envFor(project, envKey, `${path}.experiments`);
    experiments.forEach((e, i) => {
      const p = `${path}.experiments.${envKey}[${i}]`;
      if (env.experiments.has(e.key) || env.holdouts.has(e.key)) throw new Error(`${p}: duplicate key "${e.key}"`);
      env.experiments.set(e.key, buildExperiment(project, env, e, p));
    });
  }
}

function buildExperiment(project: ProjectState, env: EnvState, spec: SeedExperiment, path: string): ExperimentState {
  const id = stableId('experiment', project.key, env.key, spec.key);
  const experiment: ExperimentState = {
    _id: id,
    key: spec.key,
    name: spec.name ?? spec.key,
    maintainerId: spec.maintainerId ?? EMULATOR_MEMBER_ID,
    creationDate: SEED_EPOCH,
    environmentKey: env.key,
    methodology: spec.methodology ?? 'bayesian',
    dataSource: spec.dataSource ?? 'launchdarkly',
    type: spec.type ?? 'experiment',
    tags: spec.tags ?? [],
    previousIterations: [],
  };
  if (spec.description !== undefined) experiment.description = spec.description;
  if (spec.analysisConfig !== undefined) experiment.analysisConfig = { ...spec.analysisConfig };
  if (spec.holdout !== undefined) {
    const holdout = env.holdouts.get(spec.holdout);
    if (!holdout) throw new Error(`${path}.holdout: unknown holdout "${spec.holdout}" in ${env.key}`);
    experiment.holdoutId = holdout._id;
    if (spec.state === 'running' && holdout.startedAt === undefined) holdout.startedAt = SEED_EPOCH + DAY;
  }
  const build = (it: SeedIteration, n: number, status: IterationStatus, p: string) =>
    buildIteration(project, env, experiment, it, n, status, p);
  experiment.previousIterations = (spec.previousIterations ?? []).map((it, n) =>
    build(it, n, 'stopped', `${path}.previousIterations[${n}]`),
  );
  const n = experiment.previousIterations.length;
  const main = build(
    spec.iteration,
    n,
    spec.state === 'draft' ? 'not_started' : spec.state === 'running' ? 'running' : 'stopped',
    `${path}.iteration`,
  );
  if (spec.state === 'draft') experiment.draftIteration = main;
  else experiment.currentIteration = main;
  if (spec.draftIteration) {
    if (spec.state === 'draft') throw new Error(`${path}.draftIteration: a draft experiment has only one iteration`);
    experiment.draftIteration = build(spec.draftIteration, n + 1, 'not_started', `${path}.draftIteration`);
  }
  if (spec.state === 'archived') experiment.archivedDate = SEED_EPOCH + 40 * DAY;
  return experiment;
}

function buildIteration(
  project: ProjectState,
  env: EnvState,
  experiment: ExperimentState,
  spec: SeedIteration,
  n: number,
  status: IterationStatus,
  path: string,
): IterationState {
  const flagSpecs = spec.flags ?? (spec.flag ? [{ flag: spec.flag, ...(spec.rule ? { rule: spec.rule } : {}) }] : []);
  if (flagSpecs.length === 0) throw new Error(`${path}: give "flag" or "flags"`);
  const flags: Record<string, IterationFlagState> = {};
  for (const f of flagSpecs) {
    flags[f.flag] = flagConfig(project, env, f.flag, f.rule, f.notInExperimentVariation, path);
  }
  const metricKeys = spec.metrics ?? (spec.primaryMetric ? [spec.primaryMetric] : []);
  const metrics = metricRefs(project, metricKeys, path);
  const primary = spec.primaryMetric ?? metricKeys[0];
  if (primary === undefined) throw new Error(`${path}: give "metrics" or "primaryMetric"`);
  if (!metrics.some((m) => m.key === primary)) metrics.unshift(...metricRefs(project, [primary], path));
  const base = SEED_EPOCH + n * 10 * DAY;
  const iteration: IterationState = {
    _id: stableId('iteration', experiment._id, n),
    hypothesis: spec.hypothesis ?? `Seeded iteration ${n + 1} of ${experiment.key}`,
    status,
    createdAt: base,
    canReshuffleTraffic: spec.canReshuffleTraffic ?? true,
    flags,
    version: 1,
    metrics,
    randomizationUnit: spec.randomizationUnit ?? 'user',
    attributes: spec.attributes ?? [],
    treatments: treatments(project, Object.keys(flags), spec.treatments, path),
  };
  if (spec.reallocationFrequencyMillis !== undefined) {
    if (experiment.type !== 'mab') throw new Error(`${path}.reallocationFrequencyMillis: only for type mab`);
    iteration.reallocationFrequencyMillis = spec.reallocationFrequencyMillis;
  }
  if (project.metricGroups.has(primary)) iteration.primaryFunnelKey = primary;
  else iteration.primarySingleMetricKey = primary;
  try {
    finalizeIteration(project, iteration, experiment._id);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  if (status !== 'not_started') iteration.startedAt = base + DAY;
  if (status === 'stopped') {
    iteration.endedAt = base + 8 * DAY;
    iteration.winningTreatmentId = winner(iteration, spec.winner, path);
    if (spec.winningReason !== undefined) iteration.winningReason = spec.winningReason;
  }
  return iteration;
}

function flagConfig(
  project: ProjectState,
  env: EnvState,
  flagKey: string,
  rule: string | undefined,
  notIn: string | number | boolean | undefined,
  path: string,
): IterationFlagState {
  const flag = project.flags.get(flagKey);
  const config = flag?.environments[env.key];
  if (!flag || !config) throw new Error(`${path}: unknown flag "${flagKey}"`);
  let ruleId = 'fallthrough';
  if (rule !== undefined && rule !== 'fallthrough') {
    const found = config.rules.find((r) => r.ref === rule || r._id === rule || r.description === rule);
    if (!found) throw new Error(`${path}: flag "${flagKey}" has no rule "${rule}" in ${env.key}`);
    ruleId = found._id;
  }
  const out: IterationFlagState = { ruleId, flagConfigVersion: config.version };
  if (notIn !== undefined) {
    const index = variationIndex(flag.variations, notIn, `${path}.notInExperimentVariation`);
    out.notInExperimentVariationId = flag.variations[index]?._id ?? '';
  }
  return out;
}

function metricRefs(project: ProjectState, keys: readonly string[], path: string): MetricRefState[] {
  return keys.map((key) => {
    if (project.metrics.has(key)) return { key, isGroup: false };
    if (project.metricGroups.has(key)) return { key, isGroup: true };
    throw new Error(`${path}: unknown metric or metric group "${key}"`);
  });
}

function treatments(project: ProjectState, flagKeys: string[], specs: SeedTreatment[], path: string): TreatmentState[] {
  const anyBaseline = specs.some((t) => t.baseline === true);
  return specs.map((t, i) => {
    const p = `${path}.treatments[${i}]`;
    const params =
      t.parameters ?? (t.variation !== undefined && flagKeys[0] ? [{ flag: flagKeys[0], variation: t.variation }] : []);
    if (params.length === 0) throw new Error(`${p}: give "variation" or "parameters"`);
    const parameters = params.map((param) => {
      const flag = project.flags.get(param.flag);
      if (!flag) throw new Error(`${p}: unknown flag "${param.flag}"`);
      const variation = flag.variations[variationIndex(flag.variations, param.variation, p)];
      return { flagKey: flag.key, variationId: variation?._id ?? '' };
    });
    const first = project.flags
      .get(params[0]?.flag ?? '')
      ?.variations.find((v) => v._id === parameters[0]?.variationId);
    return {
      _id: '',
      name: t.name ?? first?.name ?? JSON.stringify(first?.value),
      baseline: t.baseline ?? (!anyBaseline && i === 0),
      allocationPercent: String(t.allocation),
      parameters,
    };
  });
}

function winner(iteration: IterationState, ref: string | undefined, path: string): string {
  const found =
    ref === undefined
      ? iteration.treatments.find((t) => t.baseline)
      : iteration.treatments.find((t) => t.name === ref || t._id === ref);
  if (!found) throw new Error(`${path}.winner: no treatment "${ref ?? '(baseline)'}"`);
  return found._id;
}
