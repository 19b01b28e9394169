/**
 * Live state → manifest files (pure). One file per experiment and holdout, one Config document;
 * holdout base experiments belong to their holdout and are not experiments of their own.
 */
import type { LiveEnvironment, LiveState } from '../live/types.js';
import { liveStatus } from '../normalize/index.js';
import { holdoutKey, liveExperiments } from '../live/lookup.js';
import { resourceAddress, type Target } from '../types.js';
import { resourceContext, type ResourceContext } from './context.js';
import { experimentDocument } from './experiment.js';
import { holdoutDocument } from './holdout.js';
import { renderYaml } from './render.js';
import type { ExportOptions, ExportResult, ExportedFile, ExportedResource, ManifestData } from './types.js';

export const CONFIG_FILE = 'ldexp.yaml';

/** Every experiment and holdout of the exported environments, as manifest files. */
export function exportManifests(live: LiveState, options: ExportOptions): ExportResult {
  const result: ExportResult = { files: [configFile(options)], warnings: [], archivedSkipped: [] };
  for (const environment of live.environments) {
    if (environment.project !== options.project || !options.environments.includes(environment.environment)) continue;
    for (const resource of exportEnvironment(live, environment, options, result.archivedSkipped)) {
      result.warnings.push(...resource.warnings);
      if (resource.document === undefined) continue;
      result.files.push({
        path: filePath(resource),
        kind: resource.kind,
        address: resource.address,
        text: renderYaml([resource.document], header(options, resource.target)),
      });
    }
  }
  return result;
}

/** The manifest form of each live resource of one environment, holdouts first. */
export function exportEnvironment(
  live: LiveState,
  environment: LiveEnvironment,
  options: Pick<ExportOptions, 'includeArchived'>,
  archivedSkipped: string[] = [],
): ExportedResource[] {
  const target: Target = { project: environment.project, environment: environment.environment };
  const out: ExportedResource[] = [];
  for (const holdout of environment.holdouts) {
    const key = holdoutKey(holdout);
    const context = resourceContext(live, environment, resourceAddress('holdout', target, key));
    out.push(resource('Holdout', key, context, holdoutDocument(holdout, context)));
  }
  for (const experiment of liveExperiments(environment)) {
    const address = resourceAddress('experiment', target, experiment.key);
    if (!options.includeArchived && liveStatus(experiment) === 'archived') {
      archivedSkipped.push(address);
      continue;
    }
    const context = resourceContext(live, environment, address);
    out.push(resource('Experiment', experiment.key, context, experimentDocument(experiment, context)));
  }
  return out;
}

function resource(
  kind: ExportedResource['kind'],
  key: string,
  context: ResourceContext,
  document: ManifestData | undefined,
): ExportedResource {
  return { kind, key, target: context.target, address: context.address, document, warnings: context.warnings };
}

/** `<environment>/<key>.yaml`, holdouts under `<environment>/holdouts/`. */
export function filePath(resource: Pick<ExportedResource, 'kind' | 'key' | 'target'>): string {
  const folder = segment(resource.target.environment);
  const name = `${segment(resource.key)}.yaml`;
  return resource.kind === 'Holdout' ? `${folder}/holdouts/${name}` : `${folder}/${name}`;
}

/** A key as one safe path segment: keys are letters, digits, `.`, `_`, `-`, but a key of dots alone would climb. */
function segment(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

function header(options: ExportOptions, target: Target): string[] {
  return [
    `Exported by ldexp from ${options.source} (project ${target.project}, environment ${target.environment}) at ${options.exportedAt}.`,
    'Review and commit it: `ldexp plan` shows no changes until Git or LaunchDarkly changes.',
  ];
}

function configFile(options: ExportOptions): ExportedFile {
  const [only] = options.environments;
  const config: ManifestData = { apiVersion: 'ldexp/v1', kind: 'Config', project: options.project };
  if (options.environments.length === 1 && only !== undefined) config['environment'] = only;
  const lines = [
    `Exported by ldexp from ${options.source} (project ${options.project}, ${options.environments.length === 1 ? 'environment' : 'environments'} ${options.environments.join(', ')}) at ${options.exportedAt}.`,
  ];
  return { path: CONFIG_FILE, kind: 'Config', text: renderYaml([config], lines) };
}
