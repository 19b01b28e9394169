import { describe, expect, it } from 'vitest';

import type { PlanStep } from '../../src/plan/types.js';
import { stepTitle } from '../../src/apply/step-title.js';

describe('stepTitle: a step in words for progress lines', () => {
  it.each<[PlanStep['kind'], PlanStep['instructions'], string, string]>([
    ['createExperiment', [], 'experiment/web/production/checkout', 'Creating experiment checkout (web/production)'],
    [
      'patchExperiment',
      ['startIteration'],
      'experiment/web/production/checkout',
      'Starting iteration of checkout (web/production)',
    ],
    [
      'patchExperiment',
      ['updateExperimentFields', 'startIteration'],
      'experiment/web/staging/checkout',
      'Starting iteration of checkout (web/staging)',
    ],
    [
      'patchExperiment',
      ['saveAndStartNewIteration'],
      'experiment/web/production/a',
      'Starting a new iteration of a (web/production)',
    ],
    ['createIteration', [], 'experiment/web/production/a', 'Creating a new iteration of a (web/production)'],
    ['patchExperiment', ['stopIteration'], 'experiment/web/production/a', 'Stopping a (web/production)'],
    [
      'patchExperiment',
      ['stopIteration', 'archiveExperiment'],
      'experiment/web/production/a',
      'Stopping and archiving a (web/production)',
    ],
    ['patchExperiment', ['archiveExperiment'], 'experiment/web/production/a', 'Archiving a (web/production)'],
    ['patchExperiment', ['restoreExperiment'], 'experiment/web/production/a', 'Restoring a (web/production)'],
    [
      'patchExperiment',
      ['updateExperimentFields'],
      'experiment/web/production/a',
      'Updating experiment a (web/production)',
    ],
    ['createHoldout', [], 'holdout/web/production/q1', 'Creating holdout q1 (web/production)'],
    ['patchHoldout', ['endHoldout'], 'holdout/web/production/q1', 'Ending holdout q1 (web/production)'],
    [
      'patchHoldout',
      ['removeExperiment'],
      'holdout/web/production/q1',
      'Removing an experiment from holdout q1 (web/production)',
    ],
    ['patchHoldout', ['updateName'], 'holdout/web/production/q1', 'Updating holdout q1 (web/production)'],
  ])('%s %j on %s', (kind, instructions, resource, title) => {
    expect(stepTitle({ kind, instructions, resource })).toBe(title);
  });
});
