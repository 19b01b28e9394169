/** Flatten canonical values into `human path → text`, with IDs replaced by names. */
import type { CanonicalExperiment, CanonicalHoldout, CanonicalMetric } from '../normalize/types.js';
import { showJson } from '../resolve/json.js';
import type { NameBook } from '../resolve/names.js';
import type { FieldChange } from '../plan/types.js';

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
export function flattenExperiment(e: CanonicalExperiment, names: NameBook): Map<string, string> {
  const out = new Map<string, string>();
  const put = (field: string, value: unknown): void => {
    if (value !== undefined) out.set(field, text(value));
  };
  put('name', e.name);
  put('description', e.description);
  put('maintainerId', e.maintainerId);
  put('tags', e.tags?.join(', '));
  put('methodology', e.methodology);
  put('dataSource', e.dataSource);
  put('type', e.type);
  for (const [key, value] of Object.entries(e.analysisConfig ?? {})) put(`analysisConfig.${key}`, value);
  // `null` (in no holdout) reads as unset, like a field that has no value.
  put('holdout', e.holdout ?? undefined);
  const it = e.iteration;
  put('iteration.hypothesis', it.hypothesis);
  put('iteration.randomizationUnit', it.randomizationUnit);
  put('iteration.attributes', it.attributes?.join(', '));
  put('iteration.canReshuffleTraffic', it.canReshuffleTraffic);
  put('iteration.reallocationFrequencyMillis', it.reallocationFrequencyMillis);
  put(it.primary.isGroup ? 'iteration.primaryFunnel' : 'iteration.primaryMetric', metricText(names, it.primary));
  put('iteration.metrics', it.metrics.map((m) => metricText(names, m)).join(', '));
  for (const [key, flag] of Object.entries(it.flags)) {
    put(`iteration.flags[${key}].rule`, names.rule(key, flag.ruleId));
    put(`iteration.flags[${key}].notInExperiment`, names.variation(key, flag.notInExperimentVariationId));
  }
  for (const t of it.treatments) {
    put(`iteration.treatments[${t.name}].baseline`, t.baseline);
    put(`iteration.treatments[${t.name}].allocationPercent`, t.allocationPercent);
    for (const p of t.parameters) {
      put(`iteration.treatments[${t.name}].variation[${p.flagKey}]`, names.variation(p.flagKey, p.variationId));
    }
  }
  return out;
}

/** Every displayed field of a holdout. */
export function flattenHoldout(h: CanonicalHoldout): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(h)) {
    if (value === undefined) continue;
    const shown: unknown = key === 'metrics' ? (value as CanonicalMetric[]).map((m) => m.key) : value;
    out.set(key, Array.isArray(shown) ? shown.map(text).join(', ') : text(shown));
  }
  return out;
}

/** Field-by-field changes from → to, over the union of fields (desired order, then live-only ones). */
export function fieldChanges(desired: Map<string, string>, live: Map<string, string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...desired.keys(), ...live.keys()])) {
    const from = live.get(field);
    const to = desired.get(field);
    if (from === to) continue;
    const change: FieldChange = { field };
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    changes.push(change);
  }
  return changes;
}
