/**
 * Load → validate, offline: the first two stages composed, kept apart from `pipeline.ts` so that
 * `ldexp validate` starts without the HTTP client or the later stages.
 */
import { loadManifests, parseSelector, selectTargets, type LoadOptions } from './manifest/index.js';
import type { ManifestSet, TargetDefaults } from './manifest/types.js';
import { manifestValidators, sortProblems, validateDocuments, type CompiledSchemas } from './schema/index.js';
import type { Problem } from './types.js';

export interface ValidateResult {
  manifests: ManifestSet;
  problems: Problem[];
}

/**
 * Every manifest under `paths` as the desired model (narrowed to the `--target` selection), or the
 * problems found. `options.cwd` is what relative paths start from; `options.schemas` replaces the
 * validators generated at build time (tests).
 */
export async function validate(
  paths: readonly string[],
  defaults: TargetDefaults,
  options: LoadOptions & { schemas?: CompiledSchemas } = {},
): Promise<ValidateResult> {
  const loaded = await loadManifests(paths, options);
  const valid = validateDocuments(loaded.documents, defaults, options.schemas ?? manifestValidators);
  const selectors = (defaults.targets ?? []).flatMap((text) => parseSelector(text) ?? []);
  const selected = selectTargets({ ...valid.manifests, files: loaded.files, scope: loaded.scope }, selectors);
  return {
    manifests: selected.manifests,
    problems: sortProblems([...loaded.problems, ...valid.problems, ...selected.problems]),
  };
}
