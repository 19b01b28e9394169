/** LaunchDarkly API paths (without the base URL) for the requests a plan makes. */
import type { ResourceRef, Target } from '../types.js';
import type { StepKind } from './types.js';

function environmentPath(t: Target): string {
  return `/api/v2/projects/${encodeURIComponent(t.project)}/environments/${encodeURIComponent(t.environment)}`;
}

export function experimentsPath(t: Target): string {
  return `${environmentPath(t)}/experiments`;
}

export function experimentPath(t: Target, key: string): string {
  return `${experimentsPath(t)}/${encodeURIComponent(key)}`;
}

export function iterationsPath(t: Target, key: string): string {
  return `${experimentPath(t, key)}/iterations`;
}

export function holdoutsPath(t: Target): string {
  return `${environmentPath(t)}/holdouts`;
}

export function holdoutPath(t: Target, key: string): string {
  return `${holdoutsPath(t)}/${encodeURIComponent(key)}`;
}

/** A flag with one environment (getFeatureFlag): where a moved flag version is read again. */
export function flagPath(project: string, flag: string, environment: string): string {
  return `/api/v2/flags/${encodeURIComponent(project)}/${encodeURIComponent(flag)}?env=${encodeURIComponent(environment)}`;
}

/** Where a request of `kind` about `target` goes: creates go to the collection, patches to the object. */
export function requestPath(kind: StepKind, target: ResourceRef): string {
  switch (kind) {
    case 'createExperiment':
      return experimentsPath(target);
    case 'createIteration':
      return iterationsPath(target, target.key);
    case 'patchExperiment':
      return experimentPath(target, target.key);
    case 'createHoldout':
      return holdoutsPath(target);
    case 'patchHoldout':
      return holdoutPath(target, target.key);
  }
}
