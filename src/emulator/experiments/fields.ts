/**
 * `updateExperimentFields`: `{<field>: {operation, value?}}` applied to the experiment and the
 * iteration being edited. Values have the shapes of ExperimentPost / IterationInput. Array fields:
 * `update` replaces, `add` appends (items already present are skipped), `remove` drops the given
 * items (by key for metrics, by name for treatments) or, without a value, all of them.
 */
import { asObject, optBool, optEnum, optString, reqString, stringArray, type Body } from '../check.js';
import { badRequest } from '../http-error.js';
import { isRecord } from '../../util/records.js';
import type { AnalysisConfigState, ExperimentState, IterationState, IterationStatus, ProjectState } from '../state.js';
import { parseFlagInputs, parseMetricInputs, parseTreatments } from './iteration-input.js';
import { MUTABLE_FIELDS, type FieldAction } from './mutability.js';
import { finalizeIteration, checkRandomizationUnit } from './validate-iteration.js';

export interface FieldTarget {
  project: ProjectState;
  envKey: string;
  experiment: ExperimentState;
  iteration: IterationState;
  /** The status whose mutability rules apply. */
  status: IterationStatus;
}

type Setter = (target: FieldTarget, op: FieldAction, value: unknown, path: string) => void;

const OPERATIONS: readonly FieldAction[] = ['add', 'update', 'remove'];

/** Apply every field update, or throw a 400 naming the first field that is not allowed. */
export function applyFieldUpdates(target: FieldTarget, raw: unknown, path: string): void {
  const updates = asObject(raw, path);
  if (Object.keys(updates).length === 0) throw badRequest(`${path} must name at least one field`);
  for (const [field, rawUpdate] of Object.entries(updates)) {
    const p = `${path}.${field}`;
    const update = asObject(rawUpdate, p);
    const op = update['operation'];
    if (typeof op !== 'string' || !(OPERATIONS as readonly string[]).includes(op)) {
      throw badRequest(`${p}.operation must be one of add, update, remove`);
    }
    const action = op as FieldAction;
    const setter = SETTERS[field];
    if (!setter) throw badRequest(`${p}: unknown experiment field "${field}"`);
    const allowed = MUTABLE_FIELDS[target.status][field] ?? [];
    if (!allowed.includes(action)) {
      throw badRequest(
        `${p}: field "${field}" does not allow "${action}" while the iteration is ${target.status}` +
          ` (allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'})`,
      );
    }
    if (action !== 'remove' && update['value'] === undefined) {
      throw badRequest(`${p}.value is required for "${action}"`);
    }
    setter(target, action, update['value'], `${p}.value`);
  }
  finalizeIteration(target.project, target.iteration, target.experiment._id);
  target.iteration.version += 1;
}

/** `AnalysisConfigInput` → state. */
export function parseAnalysisConfig(raw: unknown, path: string): AnalysisConfigState {
  const input = asObject(raw, path);
  const config: AnalysisConfigState = {};
  const bayesian = optString(input, 'bayesianThreshold', path);
  const significance = optString(input, 'significanceThreshold', path);
  const direction = optString(input, 'testDirection', path);
  const method = optEnum(input, 'multipleComparisonCorrectionMethod', METHODS, path);
  const scope = optEnum(input, 'multipleComparisonCorrectionScope', SCOPES, path);
  const sequential = optBool(input, 'sequentialTestingEnabled', path);
  if (bayesian !== undefined) config.bayesianThreshold = bayesian;
  if (significance !== undefined) config.significanceThreshold = significance;
  if (direction !== undefined) config.testDirection = direction;
  if (method !== undefined) config.multipleComparisonCorrectionMethod = method;
  if (scope !== undefined) config.multipleComparisonCorrectionScope = scope;
  if (sequential !== undefined) config.sequentialTestingEnabled = sequential;
  return config;
}

const METHODS = ['bonferroni', 'benjamini-hochberg'] as const;
const SCOPES = ['variations', 'variations-and-metrics', 'metrics'] as const;
export const METHODOLOGIES = ['bayesian', 'frequentist', 'export_only'] as const;
export const DATA_SOURCES = ['launchdarkly', 'snowflake'] as const;

function wrap(value: unknown): Body {
  return { value };
}

function nonEmptyString(value: unknown, path: string): string {
  return reqString(wrap(value), 'value', path.replace(/\.value$/, ''));
}

function enumValue<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  const out = optEnum(wrap(value), 'value', allowed, path.replace(/\.value$/, ''));
  if (out === undefined) throw badRequest(`${path} is required`);
  return out;
}

/** Shared add/update/remove over an array whose items are identified by `id`. */
function arrayOp<T>(
  current: readonly T[],
  op: FieldAction,
  value: unknown,
  parse: (items: unknown, path: string) => T[],
  id: (item: T) => string,
  path: string,
): T[] {
  if (op === 'update') return parse(value, path);
  if (op === 'add') {
    const items = parse(Array.isArray(value) ? value : [value], path);
    const have = new Set(current.map(id));
    return [...current, ...items.filter((item) => !have.has(id(item)))];
  }
  if (value === undefined) return [];
  const drop = new Set((Array.isArray(value) ? value : [value]).map((item) => identity(item, path)));
  return current.filter((item) => !drop.has(id(item)));
}

function identity(item: unknown, path: string): string {
  if (typeof item === 'string') return item;
  if (isRecord(item)) {
    const key = item['key'] ?? item['name'];
    if (typeof key === 'string') return key;
  }
  throw badRequest(`${path}: items to remove must be strings or objects with a key or name`);
}

const strings = (value: unknown, path: string) => stringArray(value, path);
const self = (item: string) => item;

const SETTERS: Record<string, Setter> = {
  name: (t, _op, v, p) => {
    t.experiment.name = nonEmptyString(v, p);
  },
  description: (t, op, v, p) => {
    if (op === 'remove') delete t.experiment.description;
    else t.experiment.description = stringValue(v, p);
  },
  maintainerId: (t, _op, v, p) => {
    t.experiment.maintainerId = nonEmptyString(v, p);
  },
  tags: (t, op, v, p) => {
    t.experiment.tags = arrayOp(t.experiment.tags, op, v, strings, self, p);
  },
  methodology: (t, _op, v, p) => {
    t.experiment.methodology = enumValue(v, METHODOLOGIES, p);
  },
  analysisConfig: (t, op, v, p) => {
    if (op === 'remove') delete t.experiment.analysisConfig;
    else t.experiment.analysisConfig = parseAnalysisConfig(v, p);
  },
  dataSource: (t, _op, v, p) => {
    t.experiment.dataSource = enumValue(v, DATA_SOURCES, p);
  },
  hypothesis: (t, _op, v, p) => {
    t.iteration.hypothesis = nonEmptyString(v, p);
  },
  canReshuffleTraffic: (t, _op, v, p) => {
    if (typeof v !== 'boolean') throw badRequest(`${p} must be a boolean`);
    t.iteration.canReshuffleTraffic = v;
  },
  metrics: (t, op, v, p) => {
    const parse = (items: unknown, path: string) => parseMetricInputs(items, path).refs;
    t.iteration.metrics = arrayOp(t.iteration.metrics, op, v, parse, (m) => m.key, p);
  },
  primarySingleMetricKey: (t, op, v, p) => {
    delete t.iteration.primarySingleMetricKey;
    if (op === 'remove') return;
    t.iteration.primarySingleMetricKey = nonEmptyString(v, p);
    // Choice: one primary at a time, so setting the single metric clears the funnel.
    delete t.iteration.primaryFunnelKey;
  },
  primaryFunnelKey: (t, op, v, p) => {
    delete t.iteration.primaryFunnelKey;
    if (op === 'remove') return;
    t.iteration.primaryFunnelKey = nonEmptyString(v, p);
    delete t.iteration.primarySingleMetricKey;
  },
  treatments: (t, op, v, p) => {
    t.iteration.treatments = arrayOp(t.iteration.treatments, op, v, parseTreatments, (x) => x.name, p);
  },
  flags: (t, _op, v, p) => {
    t.iteration.flags = parseFlagInputs(t.project, t.envKey, v, p);
  },
  randomizationUnit: (t, op, v, p) => {
    if (op === 'remove') {
      delete t.iteration.randomizationUnit;
      return;
    }
    const unit = nonEmptyString(v, p);
    checkRandomizationUnit(t.project, unit);
    t.iteration.randomizationUnit = unit;
  },
  reallocationFrequencyMillis: (t, op, v, p) => {
    if (op === 'remove') {
      delete t.iteration.reallocationFrequencyMillis;
      return;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`${p} must be an integer`);
    t.iteration.reallocationFrequencyMillis = v;
  },
  attributes: (t, op, v, p) => {
    t.iteration.attributes = arrayOp(t.iteration.attributes, op, v, strings, self, p);
  },
};

function stringValue(value: unknown, path: string): string {
  if (typeof value !== 'string') throw badRequest(`${path} must be a string`);
  return value;
}
