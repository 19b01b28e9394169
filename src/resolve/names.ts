/** Turn IDs back into names for people: variation names, rule descriptions, metric names. */
import { findFlag, liveProject } from '../live/lookup.js';
import type { LiveState } from '../live/types.js';
import type { Target } from '../types.js';
import { showJson } from './json.js';
import { describeRule, FALLTHROUGH } from './rules.js';
import type { MetricKey } from './types.js';

/** Name lookups for one project + environment; unknown IDs are shown as themselves. */
export interface NameBook {
  variation(flagKey: string, variationId: string): string;
  rule(flagKey: string, ruleId: string): string;
  metric(metric: MetricKey): string;
}

/** Build the name book of a target from the live state. */
export function nameBook(live: LiveState, target: Target): NameBook {
  const { project } = liveProject(live, target.project);
  return {
    variation(flagKey, variationId) {
      const variation = findFlag(project, flagKey)?.variations.find((v) => v._id === variationId);
      if (!variation) return variationId;
      return variation.name ?? showJson(variation.value);
    },
    rule(flagKey, ruleId) {
      if (ruleId === FALLTHROUGH) return FALLTHROUGH;
      const rules = findFlag(project, flagKey)?.environments[target.environment]?.rules ?? [];
      const rule = rules.find((r) => r._id === ruleId);
      return rule ? describeRule(rule) : ruleId;
    },
    metric({ key, isGroup }) {
      const name = isGroup ? project.metricGroups.get(key)?.name : project.metrics.get(key)?.name;
      return name ?? key;
    },
  };
}
