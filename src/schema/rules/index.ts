/** The semantic rules, per kind, in the order their problems read best. */
import type { ExperimentDocument, HoldoutDocument } from '../documents.js';
import { allocation } from './allocation.js';
import { baselineCount } from './baseline-count.js';
import { unknownDataSource } from './data-source.js';
import { duplicateTreatmentName } from './duplicate-treatment-name.js';
import { environmentConflict } from './environment-conflict.js';
import { emptyHoldout } from './holdout-null.js';
import { holdoutPrimaryInMetrics } from './holdout-primary.js';
import { mabOnlyField } from './mab-only.js';
import { primaryMetricChoice } from './primary-metric.js';
import { missingStop, unknownWinner } from './stop.js';
import { treatmentFlags } from './treatment-flags.js';
import type { Rule } from './types.js';

export type { Rule, RuleContext } from './types.js';

export const experimentRules: readonly Rule<ExperimentDocument>[] = [
  environmentConflict,
  unknownDataSource,
  baselineCount,
  duplicateTreatmentName,
  allocation,
  treatmentFlags,
  primaryMetricChoice,
  mabOnlyField,
  missingStop,
  unknownWinner,
  emptyHoldout,
];

export const holdoutRules: readonly Rule<HoldoutDocument>[] = [holdoutPrimaryInMetrics];
