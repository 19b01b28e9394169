/**
 * Where each document lives. Precedence: metadata, then the command-line defaults, then Config.
 * `environments: [a, b]` yields one target per environment.
 */
import type { ManifestConfig, TargetDefaults } from '../manifest/types.js';
import type { Target } from '../types.js';
import type { MetadataDocument } from './documents.js';

export type TargetResult = { targets: Target[]; missing: [] } | { targets: []; missing: ('project' | 'environment')[] };

/** The targets of a document, or which of project / environment nobody set. */
export function resolveTargets(
  metadata: MetadataDocument,
  defaults: TargetDefaults,
  config: ManifestConfig,
): TargetResult {
  const project = metadata.project ?? defaults.project ?? config.project;
  const environment = metadata.environment ?? defaults.environment ?? config.environment;
  const environments = metadata.environments ?? (environment === undefined ? [] : [environment]);
  const missing: ('project' | 'environment')[] = [];
  if (project === undefined) missing.push('project');
  if (environments.length === 0) missing.push('environment');
  if (project === undefined || missing.length > 0) return { targets: [], missing };
  return { targets: environments.map((env) => ({ project, environment: env })), missing: [] };
}
