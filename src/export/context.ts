/** What converting one live resource needs to know, and how it records what it cannot say. */
import { liveProject } from '../live/lookup.js';
import type { LiveEnvironment, LiveProject, LiveState } from '../live/types.js';
import type { Target } from '../types.js';
import type { ExportWarning } from './types.js';

export interface ResourceContext {
  target: Target;
  project: LiveProject;
  environment: LiveEnvironment;
  address: string;
  warnings: ExportWarning[];
}

/** The context of one resource of `environment` (export's, and pull's for a manifest it compares against). */
export function resourceContext(live: LiveState, environment: LiveEnvironment, address: string): ResourceContext {
  return {
    target: { project: environment.project, environment: environment.environment },
    project: liveProject(live, environment.project).project,
    environment,
    address,
    warnings: [],
  };
}

/** Record that `field` (a JSON pointer into the manifest) could not be exported exactly. */
export function warn(context: ResourceContext, field: string, message: string): void {
  context.warnings.push({ address: context.address, field, message });
}

/** Sets (tags, attributes) are written sorted and once each, so an export is stable. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** API percentages and thresholds are strings ("50"); manifests hold numbers. */
export function numberOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return typeof value === 'string' && value.trim() === '' ? undefined : Number.isFinite(n) ? n : undefined;
}
