/** One live holdout → its manifest document. Key and name live on the base experiment. */
import type { LdHoldout } from '../live/ld-types.js';
import { comparedIteration } from '../normalize/index.js';
import { holdoutKey } from '../resolve/index.js';
import { numberOf, sortedUnique, warn, type ResourceContext } from './context.js';
import type { ManifestData } from './types.js';

export function holdoutDocument(holdout: LdHoldout, context: ResourceContext): ManifestData {
  const base = holdout.baseExperiment;
  const it = comparedIteration(base);
  const spec: ManifestData = { name: base.name === '' ? holdoutKey(holdout) : base.name };
  if (base.name === '') warn(context, '/spec/name', 'LaunchDarkly holds an empty name; exported as the key');
  const description = holdout.description ?? base.description;
  if (description !== undefined) spec['description'] = description;
  if (it?.randomizationUnit !== undefined && it.randomizationUnit !== 'user')
    spec['randomizationUnit'] = it.randomizationUnit;
  const attributes = it?.attributes ?? [];
  if (attributes.length > 0) spec['attributes'] = sortedUnique(attributes);
  spec['holdoutAmount'] = amountOf(holdout, context);
  Object.assign(spec, metricsOf(holdout, context));
  if (base._maintainerId !== '') spec['maintainerId'] = base._maintainerId;
  spec['state'] = holdout.status === 'ended' ? 'ended' : 'active';
  return {
    apiVersion: 'ldexp/v1',
    kind: 'Holdout',
    metadata: { key: holdoutKey(holdout), project: context.target.project, environment: context.target.environment },
    spec,
  };
}

function amountOf(holdout: LdHoldout, context: ResourceContext): number {
  const amount = numberOf(holdout.holdoutAmount);
  if (amount !== undefined && amount > 0 && amount < 100) return amount;
  warn(
    context,
    '/spec/holdoutAmount',
    `"${holdout.holdoutAmount}" is not a percentage strictly between 0 and 100, as a manifest needs; exported as ${String(amount ?? 0)}`,
  );
  return amount ?? 0;
}

/** The primary is a metric key and is listed in `metrics` too (HoldoutPrimaryNotInMetrics). */
function metricsOf(holdout: LdHoldout, context: ResourceContext): ManifestData {
  const it = comparedIteration(holdout.baseExperiment);
  const metrics = (it?.metrics ?? []).map((m) => (m.isGroup ? { group: m.key } : m.key));
  const primary = it?.primarySingleMetric?.key ?? metrics.find((m): m is string => typeof m === 'string');
  if (it?.primarySingleMetric === undefined) {
    warn(
      context,
      '/spec/primaryMetric',
      `LaunchDarkly reports no primary metric for the holdout${primary === undefined ? '' : `; exported as its first metric "${primary}"`}`,
    );
  }
  if (primary !== undefined && !metrics.includes(primary)) metrics.unshift(primary);
  return { ...(primary !== undefined ? { primaryMetric: primary } : {}), metrics };
}
