/**
 * Schema-valid documents → the desired model: documented defaults filled in, the `variation:`
 * shorthand expanded, every value a fresh copy (nothing is shared with the parsed YAML, and
 * experiments expanded from one document share nothing but their source).
 */
import type {
  ExperimentManifest,
  ExperimentSpec,
  HoldoutManifest,
  ManifestConfig,
  ManifestSource,
  ParsedDocument,
  TreatmentSpec,
} from '../manifest/types.js';
import type { Target } from '../types.js';
import type { ConfigDocument, ExperimentDocument, HoldoutDocument, TreatmentDocument } from './documents.js';
import { ownedPointers } from './ignore.js';

export const DEFAULT_MANAGED_TAG = 'ldexp-managed';

/** The run's Config, with defaults when there is no Config document. */
export function buildConfig(data: ConfigDocument | undefined, file?: string): ManifestConfig {
  return {
    ...(file !== undefined && { file }),
    ...(data?.project !== undefined && { project: data.project }),
    ...(data?.environment !== undefined && { environment: data.environment }),
    prune: data?.prune ?? false,
    managedTag: data?.managedTag ?? DEFAULT_MANAGED_TAG,
    ...(data?.allowedTargets !== undefined && { allowedTargets: data.allowedTargets }),
    ...(data?.ignore !== undefined && { ignore: data.ignore }),
    ...(data?.exclude !== undefined && { exclude: data.exclude }),
  };
}

/**
 * The source of a document, without its data, for problems found after validation (references,
 * lifecycle): they point at a collection's key rather than its first child, and a pointer into
 * the expanded `variations` of a treatment written with the `variation:` shorthand points at it.
 */
export function sourceOf(doc: ParsedDocument): ManifestSource {
  return {
    file: doc.file,
    documentIndex: doc.documentIndex,
    locate: (pointer) => doc.locateSubject(shorthandPointer(doc.data, pointer)),
  };
}

const EXPANDED_SHORTHAND = /^(\/spec\/iteration\/treatments\/(\d+))\/variations\/[^/]+$/;

function shorthandPointer(data: unknown, pointer: string): string {
  const match = EXPANDED_SHORTHAND.exec(pointer);
  if (!match) return pointer;
  const treatments = (data as { spec?: { iteration?: { treatments?: unknown } } } | null)?.spec?.iteration?.treatments;
  const treatment: unknown = Array.isArray(treatments) ? treatments[Number(match[2])] : undefined;
  const usesShorthand = typeof treatment === 'object' && treatment !== null && 'variation' in treatment;
  return usesShorthand ? `${match[1] ?? ''}/variation` : pointer;
}

/** One experiment in one target; `config` adds the run-wide fields owned elsewhere. */
export function buildExperiment(
  data: ExperimentDocument,
  target: Target,
  source: ManifestSource,
  config: ManifestConfig,
): ExperimentManifest {
  const owned = ownedPointers('Experiment', data.spec.ignore, config.ignore);
  return {
    kind: 'Experiment',
    key: data.metadata.key,
    ...target,
    spec: experimentSpec(data),
    source,
    ...(owned && { ownedElsewhere: owned }),
  };
}

/** One holdout in its target. */
export function buildHoldout(
  data: HoldoutDocument,
  target: Target,
  source: ManifestSource,
  config: ManifestConfig,
): HoldoutManifest {
  const { ignore, ...spec } = structuredClone(data.spec);
  const owned = ownedPointers('Holdout', ignore, config.ignore);
  return {
    kind: 'Holdout',
    key: data.metadata.key,
    ...target,
    spec: { ...spec, randomizationUnit: spec.randomizationUnit ?? 'user' },
    source,
    ...(owned && { ownedElsewhere: owned }),
  };
}

function experimentSpec(data: ExperimentDocument): ExperimentSpec {
  // `ignore` is about the document, not a field of the experiment: the manifest keeps it apart.
  const spec: Omit<ExperimentDocument['spec'], 'ignore'> & { ignore?: string[] } = structuredClone(data.spec);
  delete spec.ignore;
  const { iteration } = spec;
  const flags = Object.keys(iteration.flags);
  return {
    ...spec,
    methodology: spec.methodology ?? 'bayesian',
    dataSource: spec.dataSource ?? 'launchdarkly',
    type: spec.type ?? 'experiment',
    iteration: {
      ...iteration,
      randomizationUnit: iteration.randomizationUnit ?? 'user',
      canReshuffleTraffic: iteration.canReshuffleTraffic ?? true,
      metrics: iteration.metrics ?? [],
      treatments: iteration.treatments.map((t) => treatmentSpec(t, flags)),
    },
  };
}

function treatmentSpec(treatment: TreatmentDocument, flags: readonly string[]): TreatmentSpec {
  const { variation, variations, baseline, ...rest } = treatment;
  // Rules guarantee the shorthand only appears with exactly one flag.
  const onlyFlag = flags[0];
  const expanded = variation !== undefined && onlyFlag !== undefined ? { [onlyFlag]: variation } : {};
  return { ...rest, baseline: baseline ?? false, variations: variations ?? expanded };
}
