/**
 * Tiny builders for planning tests: manifests with a fake source map, a small LaunchDarkly world
 * (project `web`, environment `production`), and `liveFromDesired`, which builds the live state
 * LaunchDarkly would hold after applying a desired set.
 */
import type {
  LdExperiment,
  LdFlag,
  LdHoldout,
  LdIteration,
  LdMetric,
  LdMetricGroup,
  LdRule,
  LdVariation,
} from '../../src/live/ld-types.js';
import type { LiveEnvironment, LiveProject, LiveState } from '../../src/live/types.js';
import type {
  ExperimentManifest,
  ExperimentSpec,
  HoldoutManifest,
  HoldoutSpec,
  IterationSpec,
  ManifestConfig,
  ManifestSet,
  ManifestSource,
} from '../../src/manifest/types.js';
import { resolveExperiment, resolveHoldout } from '../../src/resolve/index.js';
import type { SourcePosition } from '../../src/types.js';

export const PROJECT = 'web';
export const ENV = 'production';
export const BASE_URL = 'https://app.launchdarkly.com';

// ── source map ─────────────────────────────────────────────────────────────────────────────────

function escapeToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Every JSON pointer of a value, depth first, as a YAML file would list them line by line. */
function pointers(value: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, `${at}/${String(i)}`)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointers(v, `${at}/${escapeToken(k)}`));
  }
  return out;
}

/**
 * A fake source map: every value of the document gets its own line, in document order (like YAML
 * block style), column = 1 + 2 × depth; unknown pointers fall back to their nearest ancestor.
 */
export function fakeSource(file: string, document: unknown): ManifestSource {
  // The document starts on line 1, together with its first key.
  const lines = new Map([
    ['', 1],
    ...pointers(document)
      .slice(1)
      .map((p, i): [string, number] => [p, i + 1]),
  ]);
  return {
    file,
    documentIndex: 0,
    locate(pointer: string): SourcePosition {
      let p = pointer;
      while (!lines.has(p) && p !== '') p = p.slice(0, p.lastIndexOf('/'));
      const depth = p === '' ? 0 : p.split('/').length - 1;
      return { file, line: lines.get(p) ?? 1, column: 1 + 2 * Math.max(depth - 1, 0) };
    },
  };
}

/** The position a manifest's source gives a pointer (for assertions). */
export function positionOf(m: { source: ManifestSource }, pointer: string): SourcePosition {
  return m.source.locate(pointer);
}

// ── manifests ──────────────────────────────────────────────────────────────────────────────────

/** Iteration overrides; `undefined` removes a default (e.g. `primaryMetric: undefined` with a funnel). */
export type IterationOverrides = { [K in keyof IterationSpec]?: IterationSpec[K] | undefined };

export function iterationSpec(overrides: IterationOverrides = {}): IterationSpec {
  const spec = {
    hypothesis: 'Moving the button above the fold lifts conversion',
    randomizationUnit: 'user',
    canReshuffleTraffic: true,
    primaryMetric: 'checkout-conversion',
    metrics: ['checkout-conversion', 'page-load-ms'],
    flags: { 'checkout-button': { rule: 'fallthrough' } },
    treatments: [
      { name: 'Control', baseline: true, allocationPercent: 50, variations: { 'checkout-button': 'control' } },
      { name: 'Above the fold', baseline: false, allocationPercent: 50, variations: { 'checkout-button': 'top' } },
    ],
    ...overrides,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as unknown as IterationSpec;
}

export interface ExperimentOverrides extends Partial<Omit<ExperimentSpec, 'iteration'>> {
  key?: string;
  project?: string;
  environment?: string;
  iteration?: IterationOverrides;
}

/** An experiment manifest; defaults: draft, one flag, two treatments, 50/50. */
export function experiment(overrides: ExperimentOverrides = {}): ExperimentManifest {
  const { key = 'checkout-button', project = PROJECT, environment = ENV, iteration, ...spec } = overrides;
  const fullSpec: ExperimentSpec = {
    name: 'Checkout button placement',
    methodology: 'bayesian',
    dataSource: 'launchdarkly',
    type: 'experiment',
    state: 'draft',
    ...spec,
    iteration: iterationSpec(iteration),
  };
  const document = {
    apiVersion: 'ldexp/v1',
    kind: 'Experiment',
    metadata: { key, project, environment },
    spec: fullSpec,
  };
  return { kind: 'Experiment', key, project, environment, spec: fullSpec, source: fakeSource(`${key}.yaml`, document) };
}

export interface HoldoutOverrides extends Partial<HoldoutSpec> {
  key?: string;
  project?: string;
  environment?: string;
}

/** A holdout manifest; defaults: active, 5%, revenue. */
export function holdout(overrides: HoldoutOverrides = {}): HoldoutManifest {
  const { key = 'q4-holdout', project = PROJECT, environment = ENV, ...spec } = overrides;
  const fullSpec: HoldoutSpec = {
    name: 'Q4 holdout',
    randomizationUnit: 'user',
    holdoutAmount: 5,
    primaryMetric: 'revenue',
    metrics: ['revenue'],
    state: 'active',
    ...spec,
  };
  const document = { apiVersion: 'ldexp/v1', kind: 'Holdout', metadata: { key, project, environment }, spec: fullSpec };
  return { kind: 'Holdout', key, project, environment, spec: fullSpec, source: fakeSource(`${key}.yaml`, document) };
}

export function manifestSet(
  experiments: ExperimentManifest[] = [],
  holdouts: HoldoutManifest[] = [],
  config: Partial<ManifestConfig> = {},
): ManifestSet {
  return {
    config: { prune: false, managedTag: 'ldexp-managed', ...config },
    experiments,
    holdouts,
    files: [...experiments, ...holdouts].map((m) => m.source.file),
    scope: { limits: [] },
  };
}

// ── the LaunchDarkly world ─────────────────────────────────────────────────────────────────────

export function variation(id: string, value: unknown, name?: string): LdVariation {
  return name === undefined ? { _id: id, value } : { _id: id, value, name };
}

export interface FlagOptions {
  variations?: LdVariation[];
  rules?: LdRule[];
  on?: boolean;
  archived?: boolean;
  version?: number;
  environments?: string[];
}

export function flag(key: string, options: FlagOptions = {}): LdFlag {
  const environment = {
    on: options.on ?? true,
    archived: false,
    version: options.version ?? 7,
    rules: options.rules ?? [],
    fallthrough: { variation: 0 },
  };
  return {
    key,
    name: key,
    kind: 'multivariate',
    _version: 3,
    archived: options.archived ?? false,
    variations: options.variations ?? [],
    environments: Object.fromEntries((options.environments ?? [ENV, 'staging']).map((e) => [e, { ...environment }])),
  };
}

/** The default flags: a string flag with rules, and a boolean flag with unnamed variations. */
export function defaultFlags(): LdFlag[] {
  return [
    flag('checkout-button', {
      variations: [
        variation('var-control', 'control', 'control'),
        variation('var-top', 'top', 'top'),
        variation('var-bottom', 'bottom', 'Bottom placement'),
      ],
      rules: [
        { _id: 'rule-1', ref: 'beta-users', description: 'Beta users', clauses: [] },
        { _id: 'rule-2', description: 'Everyone in Canada', clauses: [] },
      ],
    }),
    flag('banner', { variations: [variation('var-true', true), variation('var-false', false)] }),
  ];
}

export function metric(key: string, name = key): LdMetric {
  return { _id: `id-${key}`, _versionId: `v-${key}`, key, name, kind: 'custom' };
}

export function defaultMetrics(): LdMetric[] {
  return [
    metric('checkout-conversion', 'Checkout conversion'),
    metric('page-load-ms', 'Page load time'),
    metric('revenue', 'Revenue'),
    metric('signups'),
  ];
}

export function defaultGroups(): LdMetricGroup[] {
  return [{ _id: 'g1', key: 'checkout-funnel', name: 'Checkout funnel', kind: 'funnel', metrics: [] }];
}

export function liveProject(
  options: { flags?: LdFlag[]; metrics?: LdMetric[]; groups?: LdMetricGroup[]; missingFlags?: string[] } = {},
): LiveProject {
  return {
    key: PROJECT,
    flags: new Map((options.flags ?? defaultFlags()).map((f) => [f.key, f])),
    missingFlags: new Set(options.missingFlags ?? []),
    metrics: new Map((options.metrics ?? defaultMetrics()).map((m) => [m.key, m])),
    metricGroups: new Map((options.groups ?? defaultGroups()).map((g) => [g.key, g])),
    contextKinds: [
      { key: 'user', name: 'User' },
      { key: 'account', name: 'Account' },
    ],
    randomizationUnits: ['user', 'account'],
  };
}

export function liveState(
  options: { project?: LiveProject; experiments?: LdExperiment[]; holdouts?: LdHoldout[]; environment?: string } = {},
): LiveState {
  const environment: LiveEnvironment = {
    project: PROJECT,
    environment: options.environment ?? ENV,
    experiments: options.experiments ?? [],
    holdouts: options.holdouts ?? [],
  };
  return {
    baseUrl: BASE_URL,
    projects: new Map([[PROJECT, options.project ?? liveProject()]]),
    environments: [environment],
  };
}

/** A bare live experiment (no iteration) to spread overrides into. */
export function ldExperiment(overrides: Partial<LdExperiment> & { key: string }): LdExperiment {
  return {
    _id: `exp-${overrides.key}`,
    name: overrides.key,
    _maintainerId: 'member-1',
    _creationDate: 1_700_000_000_000,
    environmentKey: ENV,
    _links: {},
    ...overrides,
  };
}

// ── converged live state ───────────────────────────────────────────────────────────────────────

function ldIteration(m: ExperimentManifest, live: LiveState, desired: ManifestSet): LdIteration {
  const { resolved } = resolveExperiment(m, desired, live);
  if (!resolved) throw new Error(`liveFromDesired: ${m.key} does not resolve`);
  const project = live.projects.get(m.project)!;
  const metricRep = (key: string, isGroup: boolean) => ({
    key,
    _versionId: `v-${key}`,
    name: (isGroup ? project.metricGroups.get(key)?.name : project.metrics.get(key)?.name) ?? key,
    kind: isGroup ? 'funnel' : 'custom',
    isGroup,
    _links: {},
  });
  const status = m.spec.state === 'draft' ? 'not_started' : m.spec.state === 'running' ? 'running' : 'stopped';
  const iteration: LdIteration = {
    _id: `it-${m.key}-1`,
    hypothesis: m.spec.iteration.hypothesis,
    status,
    createdAt: 1_700_000_000_000,
    canReshuffleTraffic: m.spec.iteration.canReshuffleTraffic,
    randomizationUnit: m.spec.iteration.randomizationUnit,
    flags: Object.fromEntries(
      resolved.flags.map((f) => [
        f.key,
        {
          targetingRule: f.ruleId,
          flagConfigVersion: f.flagConfigVersion,
          notInExperimentVariationId: f.notInExperimentVariationId,
          _links: {},
        },
      ]),
    ),
    treatments: resolved.treatments.map((t) => ({
      _id: t.parameters[0]?.variationId ?? t.name,
      name: t.name,
      allocationPercent: String(t.allocationPercent),
      baseline: t.baseline,
      parameters: t.parameters,
    })),
    metrics: resolved.metrics.map((mk) => metricRep(mk.key, mk.isGroup)),
  };
  if (status !== 'not_started') iteration.startedAt = 1_700_000_100_000;
  if (m.spec.iteration.attributes) iteration.attributes = [...m.spec.iteration.attributes].reverse();
  if (m.spec.iteration.reallocationFrequencyMillis !== undefined) {
    iteration.reallocationFrequencyMillis = m.spec.iteration.reallocationFrequencyMillis;
  }
  if (resolved.primary.isGroup) iteration.primaryFunnel = { ...metricRep(resolved.primary.key, true) };
  else iteration.primarySingleMetric = metricRep(resolved.primary.key, false);
  if (status === 'stopped' && m.spec.stop) {
    iteration.winningTreatmentId = iteration.treatments?.find((t) => t.name === m.spec.stop?.winner)?._id ?? '';
  }
  return iteration;
}

function ldExperimentFrom(m: ExperimentManifest, live: LiveState, desired: ManifestSet): LdExperiment {
  const spec = m.spec;
  const iteration = ldIteration(m, live, desired);
  const out = ldExperiment({
    key: m.key,
    name: spec.name,
    environmentKey: m.environment,
    methodology: spec.methodology,
    dataSource: spec.dataSource,
    type: spec.type,
    tags: [...(spec.tags ?? [])].reverse(),
    _maintainerId: spec.maintainerId ?? 'member-1',
  });
  if (spec.description !== undefined) out.description = spec.description;
  if (typeof spec.holdout === 'string') out.holdoutId = `holdout-id-${spec.holdout}`;
  if (spec.analysis) {
    const a = spec.analysis;
    out.analysisConfig = {
      ...(a.bayesianThreshold !== undefined ? { bayesianThreshold: String(a.bayesianThreshold) } : {}),
      ...(a.significanceThreshold !== undefined ? { significanceThreshold: String(a.significanceThreshold) } : {}),
      ...(a.testDirection !== undefined ? { testDirection: a.testDirection } : {}),
      ...(a.multipleComparisonCorrection
        ? {
            multipleComparisonCorrectionMethod: a.multipleComparisonCorrection.method,
            multipleComparisonCorrectionScope: a.multipleComparisonCorrection.scope,
          }
        : {}),
      ...(a.sequentialTesting !== undefined ? { sequentialTestingEnabled: a.sequentialTesting } : {}),
    };
  }
  if (iteration.status === 'not_started') out.draftIteration = iteration;
  else out.currentIteration = iteration;
  if (spec.state === 'archived') out.archivedDate = 1_700_000_200_000;
  return out;
}

function ldHoldoutFrom(h: HoldoutManifest, live: LiveState): LdHoldout {
  const { resolved } = resolveHoldout(h, live);
  if (!resolved) throw new Error(`liveFromDesired: holdout ${h.key} does not resolve`);
  const base = ldExperiment({
    key: h.key,
    name: h.spec.name,
    type: 'holdout',
    _maintainerId: h.spec.maintainerId ?? 'member-1',
    currentIteration: {
      _id: `it-${h.key}`,
      hypothesis: '',
      status: 'running',
      createdAt: 1_700_000_000_000,
      randomizationUnit: h.spec.randomizationUnit,
      primarySingleMetric: {
        key: h.spec.primaryMetric,
        _versionId: 'v',
        name: h.spec.primaryMetric,
        kind: 'custom',
        _links: {},
      },
      metrics: resolved.metrics.map((m) => ({
        key: m.key,
        _versionId: 'v',
        name: m.key,
        kind: 'custom',
        isGroup: m.isGroup,
        _links: {},
      })),
      ...(h.spec.attributes ? { attributes: h.spec.attributes } : {}),
    },
  });
  const out: LdHoldout = {
    _id: `holdout-id-${h.key}`,
    status: h.spec.state === 'ended' ? 'ended' : 'running',
    holdoutAmount: String(h.spec.holdoutAmount),
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    baseExperiment: base,
  };
  if (h.spec.description !== undefined) out.description = h.spec.description;
  return out;
}

/**
 * The live state LaunchDarkly would hold after applying `desired` (single project `web`): every
 * experiment in its state, IDs resolved against `flags` / `metrics`, numbers as strings, sets in
 * another order, unmanaged server fields present. Experiments asking for `archived` exist archived.
 */
export function liveFromDesired(
  desired: ManifestSet,
  flags: LdFlag[] = defaultFlags(),
  metrics: LdMetric[] = defaultMetrics(),
): LiveState {
  const world = liveState({ project: liveProject({ flags, metrics }) });
  const environments = new Map<string, LiveEnvironment>();
  const envOf = (environment: string): LiveEnvironment => {
    const found = environments.get(environment) ?? { project: PROJECT, environment, experiments: [], holdouts: [] };
    environments.set(environment, found);
    return found;
  };
  envOf(ENV);
  // Holdouts exist before their experiments, which resolve against them; as in LaunchDarkly, a holdout
  // ends only after its experiments joined it.
  for (const h of desired.holdouts) {
    envOf(h.environment).holdouts.push(ldHoldoutFrom({ ...h, spec: { ...h.spec, state: 'active' } }, world));
  }
  world.environments = [...environments.values()];
  for (const m of desired.experiments) envOf(m.environment).experiments.push(ldExperimentFrom(m, world, desired));
  for (const h of desired.holdouts) {
    const live = envOf(h.environment).holdouts.find((l) => l.baseExperiment.key === h.key);
    if (live && h.spec.state === 'ended') live.status = 'ended';
  }
  return { ...world, environments: [...environments.values()] };
}
