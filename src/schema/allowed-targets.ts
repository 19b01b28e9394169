/**
 * The targets allow-list: `allowedTargets` in the Config and `--allow-target` (the Action's
 * `allowed-targets`). Each is a list of `project/environment` patterns, `project/*` standing for
 * every environment of a project. A target must match every list given, so the command line can
 * narrow the Config's list but never widen it.
 */
import type { ManifestConfig, TargetDefaults } from '../manifest/types.js';
import type { Target } from '../types.js';

/** `project/environment` or `project/*`, with LaunchDarkly key characters. */
export const TARGET_PATTERN = /^[A-Za-z0-9._-]+\/([A-Za-z0-9._-]+|\*)$/;

/** One allow-list and where it was given, for messages ("allowedTargets in ldexp.yaml"). */
export interface AllowList {
  origin: string;
  patterns: readonly string[];
}

/** The CLI flag and the Action input are the same list, given two ways. */
export const COMMAND_LINE_ORIGIN = "--allow-target (the Action's allowed-targets)";

/** The lists in force for a run: the Config's, then the command line's. Empty = any target. */
export function allowListsOf(config: ManifestConfig, defaults: TargetDefaults): AllowList[] {
  const lists: AllowList[] = [];
  if (config.allowedTargets !== undefined) {
    lists.push({ origin: `allowedTargets in ${config.file ?? 'the Config'}`, patterns: config.allowedTargets });
  }
  if (defaults.allowedTargets !== undefined) {
    lists.push({ origin: COMMAND_LINE_ORIGIN, patterns: defaults.allowedTargets });
  }
  return lists;
}

export function matchesPattern(target: Target, pattern: string): boolean {
  const slash = pattern.indexOf('/');
  const project = pattern.slice(0, slash);
  const environment = pattern.slice(slash + 1);
  return project === target.project && (environment === '*' || environment === target.environment);
}

/** The first list that refuses the target, or undefined when every list allows it. */
export function refusingList(target: Target, lists: readonly AllowList[]): AllowList | undefined {
  return lists.find((list) => !list.patterns.some((pattern) => matchesPattern(target, pattern)));
}

/** Whether any pattern of the list names the project (then the environment is what is refused). */
export function listNamesProject(list: AllowList, project: string): boolean {
  return list.patterns.some((pattern) => pattern.slice(0, pattern.indexOf('/')) === project);
}

/** "web/production is not in allowedTargets in ldexp.yaml (web/staging, web/dev)". */
export function refusalReason(target: Target, list: AllowList): string {
  return `${target.project}/${target.environment} is not allowed by ${list.origin} (${list.patterns.join(', ')})`;
}
