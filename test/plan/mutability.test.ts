/** Field updates are decided against LaunchDarkly's own `mutableFieldsByStatus` when the live experiment carries it. */
import { describe, expect, it } from 'vitest';

import type { LdExperiment } from '../../src/live/ld-types.js';
import type { LiveState } from '../../src/live/types.js';
import { experiment, liveFromDesired, manifestSet, positionOf, type ExperimentOverrides } from '../helpers/builders.js';
import { errorsOf, instructionsOf, planOf } from './helpers.js';

type Mutable = NonNullable<LdExperiment['mutableFieldsByStatus']>;

const ANALYSIS = { bayesianThreshold: 95 };
const RESTART = { hypothesis: 'Bigger button', changeJustification: 'Redesign', replacesIteration: 1 };

/** The default experiment live in `state`, with LaunchDarkly's answer attached (or none). */
function liveWith(
  state: 'draft' | 'running',
  mutable: Mutable | undefined,
  overrides: ExperimentOverrides = {},
): LiveState {
  const live = liveFromDesired(manifestSet([experiment({ state, ...overrides })]));
  const e = live.environments[0]!.experiments[0]!;
  live.environments[0]!.experiments[0] = mutable ? { ...e, mutableFieldsByStatus: mutable } : e;
  return live;
}

const everything: Mutable = {
  not_started: { analysisConfig: ['update', 'remove'], hypothesis: ['update'], name: ['update'] },
  running: { name: ['update'], metrics: ['add'] },
};
const noAnalysisInNewIteration: Mutable = {
  not_started: { hypothesis: ['update'], name: ['update'] },
  running: { name: ['update'] },
};

describe('mutableFieldsByStatus', () => {
  it('refuses, at the manifest position, an analysisConfig change inside saveAndStartNewIteration that LaunchDarkly does not allow', () => {
    const desired = experiment({ state: 'running', analysis: ANALYSIS, iteration: RESTART });
    const errors = errorsOf(manifestSet([desired]), liveWith('running', noAnalysisInNewIteration));
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'FieldNotMutable',
        pointer: '/spec/analysis',
        position: positionOf(desired, '/spec/analysis'),
        message:
          'LaunchDarkly does not allow "update" of field "analysisConfig" of experiment "checkout-button" while the iteration it lands on is a draft (its mutableFieldsByStatus allows: nothing)',
      }),
    ]);
  });

  it('plans the same restart when LaunchDarkly allows it', () => {
    const desired = experiment({ state: 'running', analysis: ANALYSIS, iteration: RESTART });
    const plan = planOf(manifestSet([desired]), liveWith('running', everything));
    expect(instructionsOf(plan.steps[0])).toEqual([
      {
        kind: 'saveAndStartNewIteration',
        changeJustification: 'Redesign',
        value: {
          analysisConfig: { operation: 'update', value: { bayesianThreshold: '95' } },
          hypothesis: { operation: 'update', value: 'Bigger button' },
        },
      },
    ]);
  });

  it('plans it too when LaunchDarkly sends no mutableFieldsByStatus (LaunchDarkly decides during apply)', () => {
    const desired = experiment({ state: 'running', analysis: ANALYSIS, iteration: RESTART });
    const plan = planOf(manifestSet([desired]), liveWith('running', undefined));
    expect(plan.steps.map((s) => s.kind)).toEqual(['patchExperiment']);
    expect(plan.steps[0]!.instructions).toEqual(['saveAndStartNewIteration']);
  });

  it('judges an in-place update of a running experiment by the running rules', () => {
    const desired = experiment({ state: 'running', name: 'Renamed' });
    const errors = errorsOf(manifestSet([desired]), liveWith('running', { running: { tags: ['add'] } }));
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['FieldNotMutable', '/spec/name']]);
    expect(errors[0]!.message).toContain('while the iteration is running (its mutableFieldsByStatus allows: nothing)');
  });

  it('judges a draft edit by the not_started rules, naming what is allowed', () => {
    const desired = experiment({ state: 'draft', iteration: { hypothesis: 'Other' } });
    const errors = errorsOf(manifestSet([desired]), liveWith('draft', { not_started: { hypothesis: ['remove'] } }));
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['FieldNotMutable', '/spec/iteration/hypothesis']]);
    expect(errors[0]!.message).toContain('(its mutableFieldsByStatus allows: remove)');
  });
});
