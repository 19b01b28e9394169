/** Flatten canonical values into `human path → text`, with IDs replaced by names. */
import type { CanonicalExperiment, CanonicalHoldout, CanonicalMetric } from '../normalize/types.js';
import { showJson } from '../resolve/json.js';
import type { NameBook } from '../resolve/names.js';
import type { FieldChange } from './types.js';

/** A displayed field's text, and the canonical pointer whose field rule governs it. */
export interface Shown {
  text: string;
  pointer: string;
}

/** Show IDs as themselves when no name book is given. */
export const IDENTITY_NAMES: NameBook = {
  variation: (_flag, id) => id,
  rule: (_flag, id) => id,
  metric: (m) => m.key,
};

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return showJson(value);
}

function metricText(names: NameBook, m: CanonicalMetric): string {
  return names.metric(m) === m.key ? m.key : `${names.metric(m)} (${m.key})`;
}

/** Every displayed field of an experiment, in a fixed order. */
export function flattenExperiment(e: CanonicalExperiment, names: NameBook): Map<string, Shown> {
  const out = new Map<string, Shown>();
  const put = (pointer: string, field: string, value: unknown): void => {
    if (value !== undefined) out.set(field, { text: text(value), pointer });
  };
  put('/name', 'name', e.name);
  put('/description', 'description', e.description);
  put('/maintainerId', 'maintainerId', e.maintainerId);
  put('/tags', 'tags', e.tags?.join(', '));
  put('/methodology', 'methodology', e.methodology);
  put('/dataSource', 'dataSource', e.dataSource);
  put('/type', 'type', e.type);
  for (const [key, value] of Object.entries(e.analysisConfig ?? {})) {
    put('/analysisConfig', `analysisConfig.${key}`, value);
  }
  // `null` (in no holdout) reads as unset, like a field that has no value.
  put('/holdout', 'holdout', e.holdout ?? undefined);
  const it = e.iteration;
  const iteration = (field: string, shown: string, value: unknown): void => {
    put(`/iteration/${field}`, `iteration.${shown}`, value);
  };
  iteration('hypothesis', 'hypothesis', it.hypothesis);
  iteration('randomizationUnit', 'randomizationUnit', it.randomizationUnit);
  iteration('attributes', 'attributes', it.attributes?.join(', '));
  iteration('canReshuffleTraffic', 'canReshuffleTraffic', it.canReshuffleTraffic);
  iteration('reallocationFrequencyMillis', 'reallocationFrequencyMillis', it.reallocationFrequencyMillis);
  iteration('primary', it.primary.isGroup ? 'primaryFunnel' : 'primaryMetric', metricText(names, it.primary));
  iteration('metrics', 'metrics', it.metrics.map((m) => metricText(names, m)).join(', '));
  for (const [key, flag] of Object.entries(it.flags)) {
    iteration('flags', `flags[${key}].rule`, names.rule(key, flag.ruleId));
    iteration('flags', `flags[${key}].notInExperiment`, names.variation(key, flag.notInExperimentVariationId));
  }
  for (const t of it.treatments) {
    iteration('treatments', `treatments[${t.name}].baseline`, t.baseline);
    iteration('treatments', `treatments[${t.name}].allocationPercent`, t.allocationPercent);
    for (const p of t.parameters) {
      const variation = names.variation(p.flagKey, p.variationId);
      iteration('treatments', `treatments[${t.name}].variation[${p.flagKey}]`, variation);
    }
  }
  return out;
}

/** Every displayed field of a holdout. */
export function flattenHoldout(h: CanonicalHoldout): Map<string, Shown> {
  const out = new Map<string, Shown>();
  for (const [key, value] of Object.entries(h)) {
    if (value === undefined) continue;
    const shown: unknown = key === 'metrics' ? (value as CanonicalMetric[]).map((m) => m.key) : value;
    out.set(key, { text: Array.isArray(shown) ? shown.map(text).join(', ') : text(shown), pointer: `/${key}` });
  }
  return out;
}

/** Field-by-field changes from → to, over the union of fields (desired order, then live-only ones). */
export function fieldChanges(desired: Map<string, Shown>, live: Map<string, Shown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...desired.keys(), ...live.keys()])) {
    const from = live.get(field)?.text;
    const to = desired.get(field)?.text;
    if (from === to) continue;
    const change: FieldChange = { field };
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    changes.push(change);
  }
  return changes;
}
