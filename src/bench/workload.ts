/**
 * Synthetic workloads for `npm run bench`: a seed for the emulator (what LaunchDarkly holds) and
 * manifest files (what Git says), generated together so that the in-sync share plans no change.
 */
import type { EmulatorSeed, SeedExperiment, SeedHoldout } from '../emulator/index.js';

export const PROJECT = 'bench';
export const ENVIRONMENT = 'production';

export interface WorkloadShape {
  experiments: number;
  flags: number;
  metrics: number;
  holdouts: number;
}

/** What each experiment of a workload is: in LaunchDarkly as the manifest says, changed in Git, or new. */
export type Fate = 'inSync' | 'update' | 'create';

/** 70% in sync, 20% to update, 10% to create: spread evenly, not in blocks, so every flag sees each. */
export function fateOf(index: number): Fate {
  const slot = index % 10;
  return slot < 7 ? 'inSync' : slot < 9 ? 'update' : 'create';
}

export function fateCounts(experiments: number): Record<Fate, number> {
  const counts: Record<Fate, number> = { inSync: 0, update: 0, create: 0 };
  for (let i = 0; i < experiments; i++) counts[fateOf(i)]++;
  return counts;
}

const flagKey = (i: number, shape: WorkloadShape): string => `flag-${String(i % shape.flags)}`;
const metricKey = (i: number): string => `metric-${String(i)}`;
const holdoutKey = (i: number): string => `holdout-${String(i)}`;
/** A third of the experiments are drafts, the rest running. */
const stateOf = (i: number): 'draft' | 'running' => (i % 3 === 0 ? 'draft' : 'running');

function experimentMetrics(i: number, shape: WorkloadShape): [string, string] {
  return [metricKey(i % shape.metrics), metricKey((i + 1) % shape.metrics)];
}

function seedExperiment(i: number, shape: WorkloadShape): SeedExperiment {
  const [primary, secondary] = experimentMetrics(i, shape);
  return {
    key: `experiment-${String(i)}`,
    name: `Experiment ${String(i)}`,
    description: `Synthetic experiment ${String(i)}`,
    state: stateOf(i),
    iteration: {
      hypothesis: `Variation B beats A (${String(i)})`,
      flags: [{ flag: flagKey(i, shape), rule: 'fallthrough' }],
      primaryMetric: primary,
      metrics: [primary, secondary],
      treatments: [
        { name: 'A', variation: 'a', allocation: 50, baseline: true },
        { name: 'B', variation: 'b', allocation: 50 },
      ],
    },
  };
}

function seedHoldout(i: number, shape: WorkloadShape): SeedHoldout {
  return {
    key: holdoutKey(i),
    name: `Holdout ${String(i)}`,
    description: `Synthetic holdout ${String(i)}`,
    holdoutAmount: 5,
    randomizationUnit: 'user',
    primaryMetric: metricKey(i % shape.metrics),
    metrics: [metricKey(i % shape.metrics)],
  };
}

/** LaunchDarkly's side: flags, metrics, holdouts, and every experiment that is not to be created. */
export function workloadSeed(shape: WorkloadShape, fate: (i: number) => Fate = fateOf): EmulatorSeed {
  const experiments = range(shape.experiments)
    .filter((i) => fate(i) !== 'create')
    .map((i) => seedExperiment(i, shape));
  return {
    projects: [
      {
        key: PROJECT,
        contextKinds: [{ key: 'user', name: 'User' }],
        environments: [ENVIRONMENT],
        flags: range(shape.flags).map((i) => ({
          key: `flag-${String(i)}`,
          kind: 'multivariate' as const,
          variations: [
            { value: 'a', name: 'A' },
            { value: 'b', name: 'B' },
          ],
          environments: { [ENVIRONMENT]: { on: true, version: 1 } },
        })),
        metrics: range(shape.metrics).map((i) => ({ key: metricKey(i), name: metricKey(i), kind: 'custom' as const })),
        experiments: { [ENVIRONMENT]: experiments },
        holdouts: { [ENVIRONMENT]: range(shape.holdouts).map((i) => seedHoldout(i, shape)) },
      },
    ],
  };
}

/** The manifest of experiment `i`: an update changes its description only (one semantic patch). */
export function experimentManifest(i: number, shape: WorkloadShape, fate: Fate = fateOf(i)): string {
  const seed = seedExperiment(i, shape);
  const [primary, secondary] = experimentMetrics(i, shape);
  const description = fate === 'update' ? `${seed.description ?? ''} (edited)` : (seed.description ?? '');
  return `apiVersion: ldexp/v1
kind: Experiment
metadata:
  key: ${seed.key}
  project: ${PROJECT}
  environment: ${ENVIRONMENT}
spec:
  name: ${seed.name ?? seed.key}
  description: ${description}
  state: ${seed.state}
  iteration:
    hypothesis: ${seed.iteration.hypothesis ?? ''}
    primaryMetric: ${primary}
    metrics: [${primary}, ${secondary}]
    flags:
      ${flagKey(i, shape)}:
        rule: fallthrough
    treatments:
      - { name: A, baseline: true, allocationPercent: 50, variation: A }
      - { name: B, allocationPercent: 50, variation: B }
`;
}

export function holdoutManifest(i: number, shape: WorkloadShape): string {
  const seed = seedHoldout(i, shape);
  return `apiVersion: ldexp/v1
kind: Holdout
metadata:
  key: ${seed.key}
  project: ${PROJECT}
  environment: ${ENVIRONMENT}
spec:
  name: ${seed.name ?? seed.key}
  description: ${seed.description ?? ''}
  randomizationUnit: user
  holdoutAmount: 5
  primaryMetric: ${seed.primaryMetric ?? ''}
  metrics: [${(seed.metrics ?? []).join(', ')}]
  state: active
`;
}

/** Every manifest file of a workload: name → YAML text. */
export function workloadFiles(shape: WorkloadShape, fate: (i: number) => Fate = fateOf): Map<string, string> {
  const files = new Map<string, string>();
  for (const i of range(shape.experiments))
    files.set(`experiment-${String(i)}.yaml`, experimentManifest(i, shape, fate(i)));
  for (const i of range(shape.holdouts)) files.set(`holdout-${String(i)}.yaml`, holdoutManifest(i, shape));
  return files;
}

/** The flags and metrics the experiments of a workload name: what a per-object comparison reads. */
export function referencedKeys(shape: WorkloadShape): { experiments: string[]; flags: string[]; metrics: string[] } {
  const all = range(shape.experiments);
  return {
    experiments: all.map((i) => `experiment-${String(i)}`),
    flags: [...new Set(all.map((i) => flagKey(i, shape)))],
    metrics: [...new Set(all.flatMap((i) => experimentMetrics(i, shape)))],
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
