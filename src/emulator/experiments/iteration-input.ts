/** `IterationInput` (and its parts, reused by `updateExperimentFields`) → iteration state. */
import {
  asObject,
  optBool,
  optInt,
  optString,
  optStringArray,
  percentString,
  reqArray,
  reqBool,
  reqInt,
  reqString,
  type Body,
} from '../check.js';
import { badRequest } from '../http-error.js';
import type { IterationFlagState, IterationState, MetricRefState, ProjectState, TreatmentState } from '../state.js';
import { finalizeIteration } from './validate-iteration.js';

/** `MetricInput[]`; also returns the key marked with the deprecated `primary: true`, if any. */
export function parseMetricInputs(value: unknown, path: string): { refs: MetricRefState[]; primary?: MetricRefState } {
  if (!Array.isArray(value)) throw badRequest(`${path} must be an array`);
  let primary: MetricRefState | undefined;
  const refs = value.map((raw, index) => {
    const item = asObject(raw, `${path}[${index}]`);
    const ref = {
      key: reqString(item, 'key', `${path}[${index}]`),
      isGroup: optBool(item, 'isGroup', `${path}[${index}]`) ?? false,
    };
    if (optBool(item, 'primary', `${path}[${index}]`) === true) primary = ref;
    return ref;
  });
  return primary ? { refs, primary } : { refs };
}

/** `TreatmentInput[]`; IDs are assigned later, once the iteration's flags are known. */
export function parseTreatments(value: unknown, path: string): TreatmentState[] {
  if (!Array.isArray(value)) throw badRequest(`${path} must be an array`);
  return value.map((raw, index) => {
    const p = `${path}[${index}]`;
    const item = asObject(raw, p);
    return {
      _id: '',
      name: reqString(item, 'name', p),
      baseline: reqBool(item, 'baseline', p),
      allocationPercent: percentString(item, 'allocationPercent', p),
      parameters: reqArray(item, 'parameters', p).map((param, i) => {
        const pp = asObject(param, `${p}.parameters[${i}]`);
        return {
          flagKey: reqString(pp, 'flagKey', `${p}.parameters[${i}]`),
          variationId: reqString(pp, 'variationId', `${p}.parameters[${i}]`),
        };
      }),
    };
  });
}

/**
 * `map<flagKey, FlagInput>`. The rule must exist in this environment and `flagConfigVersion`
 * must be the flag's current version there. Choice: the per-environment `version` is the one
 * compared (the document does not say which of the two flag versions it means); a stale version
 * is a 400.
 */
export function parseFlagInputs(
  project: ProjectState,
  envKey: string,
  value: unknown,
  path: string,
): Record<string, IterationFlagState> {
  const map = asObject(value, path);
  const out: Record<string, IterationFlagState> = {};
  for (const [flagKey, raw] of Object.entries(map)) {
    const p = `${path}.${flagKey}`;
    const input = asObject(raw, p);
    const ruleId = reqString(input, 'ruleId', p);
    const version = reqInt(input, 'flagConfigVersion', p);
    const notIn = optString(input, 'notInExperimentVariationId', p);
    const flag = project.flags.get(flagKey);
    if (!flag) throw badRequest(`${path}: unknown flag "${flagKey}"`);
    const env = flag.environments[envKey];
    if (!env) throw badRequest(`${path}: flag "${flagKey}" has no environment "${envKey}"`);
    if (ruleId !== 'fallthrough' && !env.rules.some((rule) => rule._id === ruleId)) {
      throw badRequest(`${p}.ruleId "${ruleId}" is not a rule of flag "${flagKey}" in ${envKey}`);
    }
    if (version !== env.version) {
      throw badRequest(
        `${p}.flagConfigVersion ${version} is stale: flag "${flagKey}" is at version ${env.version} in ${envKey}`,
      );
    }
    out[flagKey] =
      notIn === undefined
        ? { ruleId, flagConfigVersion: version }
        : { ruleId, flagConfigVersion: version, notInExperimentVariationId: notIn };
  }
  return out;
}

export interface IterationContext {
  project: ProjectState;
  envKey: string;
  experimentId: string;
  iterationId: string;
  now: number;
}

/** A validated `not_started` iteration from an `IterationInput` body. */
export function iterationFromInput(ctx: IterationContext, raw: unknown, path: string): IterationState {
  const input: Body = asObject(raw, path);
  const hypothesis = reqString(input, 'hypothesis', path);
  const metrics = parseMetricInputs(reqArray(input, 'metrics', path), `${path}.metrics`);
  const treatments = parseTreatments(reqArray(input, 'treatments', path), `${path}.treatments`);
  if (input['flags'] === undefined) throw badRequest(`${path}.flags is required`);
  const flags = parseFlagInputs(ctx.project, ctx.envKey, input['flags'], `${path}.flags`);
  const iteration: IterationState = {
    _id: ctx.iterationId,
    hypothesis,
    status: 'not_started',
    createdAt: ctx.now,
    canReshuffleTraffic: optBool(input, 'canReshuffleTraffic', path) ?? true,
    flags,
    version: 1,
    metrics: metrics.refs,
    // The document: randomizationUnit "Defaults to user".
    randomizationUnit: optString(input, 'randomizationUnit', path) ?? 'user',
    attributes: optStringArray(input, 'attributes', path) ?? [],
    treatments,
  };
  setPrimary(iteration, input, metrics.primary, path);
  const frequency = optInt(input, 'reallocationFrequencyMillis', path);
  if (frequency !== undefined) iteration.reallocationFrequencyMillis = frequency;
  const covariate = optString(input, 'covariateId', path);
  if (covariate !== undefined) iteration.covariateId = covariate;
  finalizeIteration(ctx.project, iteration, ctx.experimentId);
  return iteration;
}

function setPrimary(
  iteration: IterationState,
  input: Body,
  deprecatedPrimary: MetricRefState | undefined,
  path: string,
): void {
  const single = optString(input, 'primarySingleMetricKey', path);
  const funnel = optString(input, 'primaryFunnelKey', path);
  if (single !== undefined) iteration.primarySingleMetricKey = single;
  if (funnel !== undefined) iteration.primaryFunnelKey = funnel;
  // Choice: the deprecated `MetricInput.primary` still works when neither key is given.
  if (single === undefined && funnel === undefined && deprecatedPrimary) {
    if (deprecatedPrimary.isGroup) iteration.primaryFunnelKey = deprecatedPrimary.key;
    else iteration.primarySingleMetricKey = deprecatedPrimary.key;
  }
}
