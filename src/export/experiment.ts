/** One live experiment → its manifest document (manifest-format.md), with warnings for what does not fit. */
import type { LdAnalysisConfig, LdExperiment, LdIteration, LdTreatment } from '../live/ld-types.js';
import { comparedIteration, liveStatus } from '../normalize/index.js';
import { findLiveHoldoutById, holdoutKey } from '../resolve/index.js';
import { numberOf, sortedUnique, warn, type ResourceContext } from './context.js';
import { ruleReference, variationReference } from './references.js';
import type { ManifestData } from './types.js';

const MAX_ATTRIBUTES = 5;
const METHODOLOGIES = new Set(['bayesian', 'frequentist', 'export_only']);
const TYPES = new Set(['experiment', 'mab']);

/** The manifest of a live experiment; undefined when it has no iteration to describe (warned). */
export function experimentDocument(experiment: LdExperiment, context: ResourceContext): ManifestData | undefined {
  const iteration = comparedIteration(experiment);
  if (!iteration) {
    warn(
      context,
      '/spec/iteration',
      'the experiment has no iteration in LaunchDarkly, so it has no manifest form; not exported',
    );
    return undefined;
  }
  const spec: ManifestData = { name: nonEmpty(context, '/spec/name', experiment.name, experiment.key) };
  if (experiment.description !== undefined) spec['description'] = experiment.description;
  if (experiment._maintainerId !== '') spec['maintainerId'] = experiment._maintainerId;
  Object.assign(spec, tagsOf(experiment, context), kindFields(experiment, context));
  const analysis = analysisOf(experiment.analysisConfig ?? {}, context);
  if (analysis) spec['analysis'] = analysis;
  const holdout = holdoutOf(experiment, context);
  if (holdout !== undefined) spec['holdout'] = holdout;
  const state = liveStatus(experiment);
  spec['state'] = state;
  spec['iteration'] = iterationOf(iteration, experiment, context);
  const stop = stopOf(iteration, state, context);
  if (stop) spec['stop'] = stop;
  return {
    apiVersion: 'ldexp/v1',
    kind: 'Experiment',
    metadata: { key: experiment.key, project: context.target.project, environment: context.target.environment },
    spec,
  };
}

function nonEmpty(context: ResourceContext, field: string, value: string | undefined, fallback: string): string {
  if (value !== undefined && value !== '') return value;
  warn(context, field, `LaunchDarkly holds an empty value, which a manifest cannot state; exported as "${fallback}"`);
  return fallback;
}

function tagsOf(experiment: LdExperiment, context: ResourceContext): ManifestData {
  const tags = experiment.tags ?? [];
  if (tags.length === 0) return {};
  if (tags.includes('')) {
    warn(context, '/spec/tags', 'an empty tag cannot be written in a manifest; tags left out (not managed)');
    return {};
  }
  return { tags: sortedUnique(tags) };
}

/** methodology, dataSource and type: written only when they differ from the documented default. */
function kindFields(experiment: LdExperiment, context: ResourceContext): ManifestData {
  const out: ManifestData = {};
  const { methodology, dataSource, type } = experiment;
  if (methodology !== undefined && methodology !== 'bayesian') {
    if (METHODOLOGIES.has(methodology)) out['methodology'] = methodology;
    else warn(context, '/spec/methodology', `methodology "${methodology}" is not one a manifest can state; left out`);
  }
  if (dataSource !== undefined && dataSource !== '' && dataSource !== 'launchdarkly') out['dataSource'] = dataSource;
  if (type !== undefined && type !== 'experiment') {
    if (TYPES.has(type)) out['type'] = type;
    else warn(context, '/spec/type', `type "${type}" is not one a manifest can state; left out`);
  }
  return out;
}

function analysisOf(config: LdAnalysisConfig, context: ResourceContext): ManifestData | undefined {
  const out: ManifestData = {};
  const threshold = (name: 'bayesianThreshold' | 'significanceThreshold'): void => {
    const raw = config[name];
    if (raw === undefined) return;
    const n = numberOf(raw);
    if (n === undefined) warn(context, `/spec/analysis/${name}`, `"${raw}" is not a number; left out (not managed)`);
    else out[name] = n;
  };
  threshold('bayesianThreshold');
  threshold('significanceThreshold');
  if (config.testDirection !== undefined && config.testDirection !== '') out['testDirection'] = config.testDirection;
  const method = config.multipleComparisonCorrectionMethod;
  const scope = config.multipleComparisonCorrectionScope;
  if (method !== undefined && scope !== undefined) out['multipleComparisonCorrection'] = { method, scope };
  else if (method !== undefined || scope !== undefined) {
    warn(
      context,
      '/spec/analysis/multipleComparisonCorrection',
      'LaunchDarkly holds only one of the correction method and scope; a manifest states both or neither, so it is left out (not managed)',
    );
  }
  if (config.sequentialTestingEnabled !== undefined) out['sequentialTesting'] = config.sequentialTestingEnabled;
  return Object.keys(out).length > 0 ? out : undefined;
}

function holdoutOf(experiment: LdExperiment, context: ResourceContext): string | undefined {
  const id = experiment.holdoutId;
  if (id === undefined || id === '') return undefined;
  const holdout = findLiveHoldoutById(context.environment, id);
  if (holdout) return holdoutKey(holdout);
  warn(
    context,
    '/spec/holdout',
    `the experiment is in holdout "${id}", which is not in this environment; membership left out (not managed)`,
  );
  return undefined;
}

function iterationOf(it: LdIteration, experiment: LdExperiment, context: ResourceContext): ManifestData {
  const out: ManifestData = {
    hypothesis: nonEmpty(context, '/spec/iteration/hypothesis', it.hypothesis, experiment.name || experiment.key),
  };
  if (it.randomizationUnit !== undefined && it.randomizationUnit !== 'user')
    out['randomizationUnit'] = it.randomizationUnit;
  const attributes = it.attributes ?? [];
  if (attributes.length > MAX_ATTRIBUTES || attributes.includes('')) {
    warn(
      context,
      '/spec/iteration/attributes',
      `${attributes.length > MAX_ATTRIBUTES ? `${String(attributes.length)} attributes, more than the ${String(MAX_ATTRIBUTES)} a manifest allows` : 'an empty attribute name'}; attributes left out (not managed)`,
    );
  } else if (attributes.length > 0) out['attributes'] = sortedUnique(attributes);
  if (it.canReshuffleTraffic === false) out['canReshuffleTraffic'] = false;
  if (it.reallocationFrequencyMillis !== undefined) {
    if (experiment.type === 'mab') out['reallocationFrequencyMillis'] = it.reallocationFrequencyMillis;
    else
      warn(
        context,
        '/spec/iteration/reallocationFrequencyMillis',
        'a manifest states it only for type mab; left out (not managed)',
      );
  }
  Object.assign(out, metricsOf(it, context));
  const flagKeys = Object.keys(it.flags ?? {}).sort();
  out['flags'] = flagsOf(it, flagKeys, context);
  out['treatments'] = (it.treatments ?? []).map((t, i) => treatmentOf(t, i, flagKeys, context));
  checkTreatments(it.treatments ?? [], context);
  return out;
}

function metricsOf(it: LdIteration, context: ResourceContext): ManifestData {
  const out: ManifestData = {};
  const primary = it.primarySingleMetric
    ? { key: it.primarySingleMetric.key, isGroup: false }
    : it.primaryFunnel
      ? { key: it.primaryFunnel.key, isGroup: true }
      : undefined;
  if (primary?.isGroup === true) out['primaryFunnel'] = primary.key;
  else if (primary) out['primaryMetric'] = primary.key;
  else
    warn(
      context,
      '/spec/iteration/primaryMetric',
      'the iteration has no primary metric in LaunchDarkly; a manifest needs one',
    );
  const others = (it.metrics ?? []).filter((m) => !(m.key === primary?.key && m.isGroup === primary.isGroup));
  const seen = new Set<string>();
  const metrics = others.flatMap((m) => {
    const id = `${String(m.isGroup)}:${m.key}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [m.isGroup ? { group: m.key } : m.key];
  });
  if (metrics.length > 0) out['metrics'] = metrics;
  return out;
}

function flagsOf(it: LdIteration, flagKeys: readonly string[], context: ResourceContext): ManifestData {
  const baseline = (it.treatments ?? []).find((t) => t.baseline === true);
  const out: ManifestData = {};
  for (const key of flagKeys) {
    const live = it.flags?.[key];
    const flag = context.project.flags.get(key);
    const at = `/spec/iteration/flags/${key}`;
    const environment = flag?.environments[context.target.environment];
    if (!flag || !environment || !live) {
      warn(context, at, `flag "${key}" could not be read in ${context.target.environment}; its rule is exported by ID`);
      out[key] = { rule: live?.targetingRule ?? 'fallthrough' };
      continue;
    }
    const rule = ruleReference(key, environment, live.targetingRule ?? 'fallthrough');
    if (rule.problem !== undefined) warn(context, `${at}/rule`, rule.problem);
    const entry: ManifestData = { rule: rule.ref };
    const notIn = live.notInExperimentVariationId;
    const baselineVariation = baseline?.parameters?.find((p) => p.flagKey === key)?.variationId;
    // Written only when it differs from the documented default, the baseline's variation.
    if (notIn !== undefined && notIn !== '' && notIn !== baselineVariation) {
      const chosen = variationReference(flag, notIn);
      if (chosen.problem !== undefined) warn(context, `${at}/notInExperiment`, chosen.problem);
      entry['notInExperiment'] = chosen.ref;
    }
    out[key] = entry;
  }
  return out;
}

function treatmentOf(
  t: LdTreatment,
  index: number,
  flagKeys: readonly string[],
  context: ResourceContext,
): ManifestData {
  const at = `/spec/iteration/treatments/${String(index)}`;
  const out: ManifestData = { name: nonEmpty(context, `${at}/name`, t.name, `Treatment ${String(index + 1)}`) };
  if (t.baseline === true) out['baseline'] = true;
  const percent = numberOf(t.allocationPercent);
  if (percent === undefined)
    warn(context, `${at}/allocationPercent`, `"${t.allocationPercent}" is not a number; exported as 0`);
  out['allocationPercent'] = percent ?? 0;
  const variations: ManifestData = {};
  for (const key of flagKeys) {
    const id = t.parameters?.find((p) => p.flagKey === key)?.variationId;
    const flag = context.project.flags.get(key);
    if (id === undefined) {
      warn(context, `${at}/variations/${key}`, `the treatment names no variation of flag "${key}"`);
      continue;
    }
    if (!flag) {
      variations[key] = { id };
      continue;
    }
    const chosen = variationReference(flag, id);
    if (chosen.problem !== undefined) warn(context, `${at}/variations/${key}`, chosen.problem);
    variations[key] = chosen.ref;
  }
  const [only] = flagKeys;
  if (flagKeys.length === 1 && only !== undefined && only in variations) out['variation'] = variations[only];
  else out['variations'] = variations;
  return out;
}

/** The schema rules a live iteration may break (LaunchDarkly enforces most of them, but not all the same way). */
function checkTreatments(treatments: readonly LdTreatment[], context: ResourceContext): void {
  const at = '/spec/iteration/treatments';
  const baselines = treatments.filter((t) => t.baseline === true).length;
  if (baselines !== 1)
    warn(context, at, `${String(baselines)} treatments are the baseline in LaunchDarkly; a manifest needs exactly one`);
  const names = treatments.map((t) => t.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0)
    warn(context, at, `treatment names repeat (${sortedUnique(repeated).join(', ')}); a manifest needs unique names`);
  const sum = treatments.reduce((total, t) => total + (numberOf(t.allocationPercent) ?? 0), 0);
  if (Math.abs(sum - 100) > 1e-9)
    warn(context, at, `allocations sum to ${String(sum)} in LaunchDarkly; a manifest needs 100`);
}

/** `stop` for a stopped iteration: the winner by treatment name, and the reason. */
function stopOf(it: LdIteration, state: string, context: ResourceContext): ManifestData | undefined {
  if (it.status !== 'stopped') return undefined;
  const treatments = it.treatments ?? [];
  const id = it.winningTreatmentId;
  const winner =
    id === undefined
      ? undefined
      : (treatments.find((t) => t._id === id) ?? treatments.find((t) => t.parameters?.[0]?.variationId === id));
  const out: ManifestData = {};
  if (winner) out['winner'] = winner.name;
  else {
    const baseline = treatments.find((t) => t.baseline === true) ?? treatments[0];
    if (baseline === undefined) return undefined;
    if (state === 'stopped')
      warn(
        context,
        '/spec/stop/winner',
        `LaunchDarkly names no winning treatment${id === undefined ? '' : ` ("${id}" is none of them)`}; exported as the baseline "${baseline.name}"`,
      );
    out['winner'] = baseline.name;
  }
  if (it.winningReason !== undefined && it.winningReason !== '') out['reason'] = it.winningReason;
  return out;
}
