/**
 * The edits that make one experiment manifest say what LaunchDarkly holds, field by field: a
 * field is rewritten only when its canonical form (the one plan compares) differs, and it is
 * rewritten in the human form export writes. Fields a manifest leaves out stay unmanaged.
 */
import { isDeepStrictEqual } from 'node:util';

import { experimentDocument, resourceContext } from '../export/index.js';
import type { ManifestData } from '../export/index.js';
import type { LiveState } from '../live/types.js';
import { ANALYSIS_SETTINGS } from '../manifest/types.js';
import type { ExperimentManifest, ManifestSet } from '../manifest/types.js';
import { canonicalFromDesired, canonicalInEnvironment, withoutUnmanaged } from '../normalize/index.js';
import type { CanonicalExperiment } from '../normalize/index.js';
import { findLiveExperiment, liveEnvironment } from '../live/lookup.js';
import { resolveExperiment } from '../resolve/index.js';
import { resourceAddress } from '../types.js';
import type { DocumentPull, FieldEdit } from './types.js';

/** Edits for one experiment (of one environment); `skipped` says why none could be computed. */
export function pullExperiment(manifest: ExperimentManifest, manifests: ManifestSet, live: LiveState): DocumentPull {
  const address = resourceAddress('experiment', manifest, manifest.key);
  const environment = liveEnvironment(live, manifest);
  const experiment = findLiveExperiment(environment, manifest.key);
  if (!experiment) return { address, edits: [], skipped: 'not in LaunchDarkly (apply creates it)' };
  const context = resourceContext(live, environment, address);
  const exported = experimentDocument(experiment, context);
  if (!exported) return { address, edits: [], skipped: 'LaunchDarkly holds no iteration for it' };
  const { resolved, problems } = resolveExperiment(manifest, manifests, live);
  if (!resolved) {
    const first = problems.find((p) => p.severity === 'error');
    return { address, edits: [], skipped: `its references do not resolve (${first?.message ?? 'unknown problem'})` };
  }
  const desired = canonicalFromDesired(resolved);
  const current = withoutUnmanaged(canonicalInEnvironment(experiment, environment), desired);
  const spec = exported['spec'] as ManifestData;
  const edits = [
    ...fieldEdits(desired, current, spec, manifest),
    ...designEdits(desired, current, spec['iteration'] as ManifestData, manifest),
    ...stateEdits(manifest, spec),
  ];
  return { address, edits };
}

type Get = (c: CanonicalExperiment) => unknown;

function differs(desired: CanonicalExperiment, current: CanonicalExperiment, get: Get): boolean {
  return !isDeepStrictEqual(get(desired), get(current));
}

const SPEC = ['spec'] as const;
const ITERATION = ['spec', 'iteration'] as const;

/** Experiment-level fields; a default is written out when LaunchDarkly has it and the manifest said otherwise. */
function fieldEdits(
  desired: CanonicalExperiment,
  current: CanonicalExperiment,
  spec: ManifestData,
  manifest: ExperimentManifest,
): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const simple: [keyof CanonicalExperiment, string, unknown][] = [
    ['name', 'name', spec['name']],
    ['description', 'description', spec['description']],
    ['maintainerId', 'maintainerId', spec['maintainerId']],
    ['tags', 'tags', spec['tags'] ?? []],
    ['methodology', 'methodology', spec['methodology'] ?? 'bayesian'],
    ['dataSource', 'dataSource', spec['dataSource'] ?? 'launchdarkly'],
    ['type', 'type', spec['type'] ?? 'experiment'],
    ['holdout', 'holdout', spec['holdout']],
  ];
  for (const [field, key, value] of simple) {
    if (differs(desired, current, (c) => c[field])) edits.push({ path: [...SPEC, key], value, field: `spec.${key}` });
  }
  if (differs(desired, current, (c) => c.analysisConfig)) {
    const exported = (spec['analysis'] ?? {}) as ManifestData;
    for (const key of ANALYSIS_SETTINGS) {
      if (manifest.spec.analysis?.[key] === undefined) continue;
      edits.push({ path: [...SPEC, 'analysis', key], value: exported[key], field: `spec.analysis.${key}` });
    }
  }
  return edits;
}

/** Iteration fields; flags and treatments change entry by entry when both sides have the same ones. */
function designEdits(
  desired: CanonicalExperiment,
  current: CanonicalExperiment,
  iteration: ManifestData,
  manifest: ExperimentManifest,
): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const simple: [string, unknown][] = [
    ['hypothesis', iteration['hypothesis']],
    ['randomizationUnit', iteration['randomizationUnit'] ?? 'user'],
    ['attributes', iteration['attributes'] ?? []],
    ['canReshuffleTraffic', iteration['canReshuffleTraffic'] ?? true],
    ['reallocationFrequencyMillis', iteration['reallocationFrequencyMillis']],
    ['metrics', iteration['metrics'] ?? []],
  ];
  for (const [key, value] of simple) {
    const get: Get = (c) => (c.iteration as unknown as Record<string, unknown>)[key];
    if (differs(desired, current, get))
      edits.push({ path: [...ITERATION, key], value, field: `spec.iteration.${key}` });
  }
  if (differs(desired, current, (c) => c.iteration.primary)) {
    for (const key of ['primaryMetric', 'primaryFunnel']) {
      edits.push({ path: [...ITERATION, key], value: iteration[key], field: `spec.iteration.${key}` });
    }
  }
  const flagsDiffer = differs(desired, current, (c) => c.iteration.flags);
  const treatmentsDiffer = differs(desired, current, (c) => c.iteration.treatments);
  if (!flagsDiffer && !treatmentsDiffer) return edits;
  const sameShape =
    isDeepStrictEqual(Object.keys(desired.iteration.flags), Object.keys(current.iteration.flags)) &&
    isDeepStrictEqual(
      desired.iteration.treatments.map((t) => t.name),
      current.iteration.treatments.map((t) => t.name),
    );
  if (!sameShape) {
    edits.push(
      { path: [...ITERATION, 'flags'], value: iteration['flags'], field: 'spec.iteration.flags' },
      { path: [...ITERATION, 'treatments'], value: iteration['treatments'], field: 'spec.iteration.treatments' },
    );
    return edits;
  }
  return [
    ...edits,
    ...flagEdits(desired, current, iteration),
    ...treatmentEdits(desired, current, iteration, manifest),
  ];
}

function flagEdits(desired: CanonicalExperiment, current: CanonicalExperiment, iteration: ManifestData): FieldEdit[] {
  const exported = iteration['flags'] as Record<string, ManifestData>;
  const edits: FieldEdit[] = [];
  for (const [key, flag] of Object.entries(desired.iteration.flags)) {
    const live = current.iteration.flags[key];
    const at = [...ITERATION, 'flags', key];
    if (flag.ruleId !== live?.ruleId)
      edits.push({ path: [...at, 'rule'], value: exported[key]?.['rule'], field: `spec.iteration.flags.${key}.rule` });
    if (flag.notInExperimentVariationId !== live?.notInExperimentVariationId) {
      const value = exported[key]?.['notInExperiment'];
      edits.push({ path: [...at, 'notInExperiment'], value, field: `spec.iteration.flags.${key}.notInExperiment` });
    }
  }
  return edits;
}

function treatmentEdits(
  desired: CanonicalExperiment,
  current: CanonicalExperiment,
  iteration: ManifestData,
  manifest: ExperimentManifest,
): FieldEdit[] {
  const exported = iteration['treatments'] as ManifestData[];
  const flagKeys = Object.keys(desired.iteration.flags);
  const edits: FieldEdit[] = [];
  manifest.spec.iteration.treatments.forEach((written, index) => {
    const want = desired.iteration.treatments.find((t) => t.name === written.name);
    const have = current.iteration.treatments.find((t) => t.name === written.name);
    const out = exported.find((t) => t['name'] === written.name);
    if (!want || !have || !out) return;
    const at = [...ITERATION, 'treatments', index];
    const field = `spec.iteration.treatments[${String(index)}]`;
    if (want.allocationPercent !== have.allocationPercent)
      edits.push({
        path: [...at, 'allocationPercent'],
        value: out['allocationPercent'],
        field: `${field}.allocationPercent`,
      });
    if (want.baseline !== have.baseline)
      edits.push({ path: [...at, 'baseline'], value: have.baseline ? true : undefined, field: `${field}.baseline` });
    if (isDeepStrictEqual(want.parameters, have.parameters)) return;
    if (flagKeys.length === 1) {
      edits.push(
        { path: [...at, 'variation'], value: out['variation'], field: `${field}.variation` },
        { path: [...at, 'variations'], value: undefined, field: `${field}.variation` },
      );
      return;
    }
    const variations = out['variations'] as ManifestData;
    for (const key of flagKeys) {
      const a = want.parameters.find((p) => p.flagKey === key)?.variationId;
      const b = have.parameters.find((p) => p.flagKey === key)?.variationId;
      if (a !== b)
        edits.push({ path: [...at, 'variations', key], value: variations[key], field: `${field}.variations.${key}` });
    }
  });
  return edits;
}

/** `state`, and `stop` with it: kept in step with the live iteration status. */
function stateEdits(manifest: ExperimentManifest, spec: ManifestData): FieldEdit[] {
  const state = spec['state'];
  if (state === manifest.spec.state) return [];
  const stop = state === 'stopped' || state === 'archived' ? spec['stop'] : undefined;
  return [
    { path: [...SPEC, 'state'], value: state, field: 'spec.state' },
    { path: [...SPEC, 'stop'], value: stop, field: 'spec.stop' },
  ];
}
