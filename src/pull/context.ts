/** What export needs to write one resource in its human form, for a manifest pull compares against. */
import type { ResourceContext } from '../export/context.js';
import { liveProject } from '../live/lookup.js';
import type { LiveEnvironment, LiveState } from '../live/types.js';
import type { Target } from '../types.js';

export function exportContextFor(
  manifest: Target,
  environment: LiveEnvironment,
  live: LiveState,
  address: string,
): ResourceContext {
  return {
    target: { project: manifest.project, environment: manifest.environment },
    project: liveProject(live, manifest.project).project,
    environment,
    address,
    warnings: [],
  };
}
