import { describe, expect, it } from 'vitest';

import type { VariationRef, RuleRef } from '../../src/manifest/types.js';
import { closestFirst, resolveExperiment, resolveRule, resolveVariation } from '../../src/resolve/index.js';
import {
  defaultFlags,
  experiment,
  flag,
  holdout,
  liveFromDesired,
  liveProject,
  liveState,
  manifestSet,
  positionOf,
  variation,
} from '../helpers/builders.js';
import { errorsOf, planOf } from './helpers.js';

const [checkout, banner] = defaultFlags() as [ReturnType<typeof flag>, ReturnType<typeof flag>];

describe('variation references', () => {
  it.each<[string, VariationRef, string]>([
    ['a name', 'control', 'var-control'],
    ['a value when no name matches', 'bottom', 'var-bottom'],
    ['an explicit id', { id: 'var-top' }, 'var-top'],
    ['an explicit name', { name: 'Bottom placement' }, 'var-bottom'],
    ['an explicit value', { value: 'top' }, 'var-top'],
  ])('%s on a string flag', (_, ref, id) => {
    expect(resolveVariation(checkout, ref)).toEqual({ ok: true, value: id });
  });

  it.each<[string, VariationRef, string]>([
    ['YAML true', true, 'var-true'],
    ['YAML false', false, 'var-false'],
    ['the string "true"', 'true', 'var-true'],
    ['an explicit value', { value: false }, 'var-false'],
  ])('%s on a boolean flag', (_, ref, id) => {
    expect(resolveVariation(banner, ref)).toEqual({ ok: true, value: id });
  });

  it('numbers match numeric values, and numeric strings too', () => {
    const sizes = flag('size', { variations: [variation('v-1', 1), variation('v-2', 2.5, 'large')] });
    expect(resolveVariation(sizes, 2.5)).toEqual({ ok: true, value: 'v-2' });
    expect(resolveVariation(sizes, '1')).toEqual({ ok: true, value: 'v-1' });
    expect(resolveVariation(sizes, { value: 1 })).toEqual({ ok: true, value: 'v-1' });
  });

  it('prefers a name over another variation whose value is that string', () => {
    const tricky = flag('tricky', { variations: [variation('v-a', 'b', 'a'), variation('v-b', 'a', 'other')] });
    expect(resolveVariation(tricky, 'a')).toEqual({ ok: true, value: 'v-a' });
  });

  it('reports two variations with one name as ambiguous', () => {
    const twins = flag('twins', { variations: [variation('v-1', 'x', 'same'), variation('v-2', 'y', 'same')] });
    expect(resolveVariation(twins, 'same')).toEqual({
      ok: false,
      code: 'AmbiguousVariation',
      message:
        'variation "same" matches 2 variations of flag "twins": same ("x"), same ("y"); use { id: ... } to pick one',
      candidates: ['same ("x")', 'same ("y")'],
    });
  });

  it('reports two unnamed variations with one value as ambiguous', () => {
    const twins = flag('twins', { variations: [variation('v-1', 'x'), variation('v-2', 'x')] });
    expect(resolveVariation(twins, 'x')).toMatchObject({ ok: false, code: 'AmbiguousVariation' });
  });

  it('reports an unknown variation with "name (value)" candidates, closest first', () => {
    expect(resolveVariation(checkout, 'topp')).toEqual({
      ok: false,
      code: 'UnknownVariation',
      message:
        'flag "checkout-button" has no variation "topp"; it has: top ("top"), Bottom placement ("bottom"), control ("control")',
      // Scored by name and by value: "bottom" is closer to "topp" than "control" is.
      candidates: ['top ("top")', 'Bottom placement ("bottom")', 'control ("control")'],
    });
    expect(resolveVariation(checkout, { id: 'nope' })).toMatchObject({ ok: false, code: 'UnknownVariation' });
    expect(resolveVariation(banner, 'maybe')).toMatchObject({ ok: false, candidates: ['(false)', '(true)'] });
  });
});

describe('rule references', () => {
  const env = checkout.environments['production']!;
  it.each<[string, RuleRef, string]>([
    ['fallthrough', 'fallthrough', 'fallthrough'],
    ['a ref', 'beta-users', 'rule-1'],
    ['an _id', 'rule-2', 'rule-2'],
    ['a description', 'Everyone in Canada', 'rule-2'],
    ['an explicit id', { id: 'rule-1' }, 'rule-1'],
    ['an explicit ref', { ref: 'beta-users' }, 'rule-1'],
    ['an explicit description', { description: 'Beta users' }, 'rule-1'],
  ])('%s', (_, ref, id) => {
    expect(resolveRule('checkout-button', env, ref)).toEqual({ ok: true, value: id });
  });

  it('tries ref before _id before description', () => {
    const rules = [
      { _id: 'x', description: 'y', clauses: [] },
      { _id: 'y', ref: 'x', clauses: [] },
    ];
    expect(resolveRule('f', { on: true, archived: false, version: 1, rules }, 'x')).toEqual({ ok: true, value: 'y' });
    expect(resolveRule('f', { on: true, archived: false, version: 1, rules }, 'y')).toEqual({ ok: true, value: 'y' });
  });

  it('reports two rules with one description as ambiguous', () => {
    const rules = [
      { _id: 'r1', description: 'Beta', clauses: [] },
      { _id: 'r2', description: 'Beta', clauses: [] },
    ];
    expect(resolveRule('f', { on: true, archived: false, version: 1, rules }, 'Beta')).toEqual({
      ok: false,
      code: 'AmbiguousRule',
      message: 'rule Beta matches 2 rules of flag "f"; use { id: ... } to pick one',
      candidates: ['Beta (r1)', 'Beta (r2)'],
    });
  });

  it('reports an unknown rule with candidates including fallthrough', () => {
    expect(resolveRule('checkout-button', env, 'beta-user')).toEqual({
      ok: false,
      code: 'UnknownRule',
      message: 'flag "checkout-button" has no rule beta-user; it has: beta-users, fallthrough, Everyone in Canada',
      candidates: ['beta-users', 'fallthrough', 'Everyone in Canada'],
    });
  });
});

describe('resolveExperiment', () => {
  it('resolves flags, version, notInExperiment default and metrics', () => {
    const m = experiment({
      iteration: { metrics: ['page-load-ms', { group: 'checkout-funnel' }, 'checkout-conversion'] },
    });
    const { resolved, problems } = resolveExperiment(m, manifestSet([m]), liveState());
    expect(problems).toEqual([]);
    expect(resolved?.flags).toEqual([
      {
        key: 'checkout-button',
        ruleId: 'fallthrough',
        flagConfigVersion: 7,
        notInExperimentVariationId: 'var-control',
      },
    ]);
    expect(resolved?.metrics).toEqual([
      { key: 'checkout-conversion', isGroup: false },
      { key: 'page-load-ms', isGroup: false },
      { key: 'checkout-funnel', isGroup: true },
    ]);
  });

  it('reads flagConfigVersion from the flag environment', () => {
    const flags = defaultFlags();
    const live = liveState({
      project: liveProject({ flags: [flag('checkout-button', { variations: flags[0]!.variations, version: 42 })] }),
    });
    const m = experiment();
    expect(resolveExperiment(m, manifestSet([m]), live).resolved?.flags[0]?.flagConfigVersion).toBe(42);
  });

  interface ErrorCase {
    name: string;
    manifest: ReturnType<typeof experiment>;
    live?: () => ReturnType<typeof liveState>;
    code: string;
    pointer: string;
    message: string;
    candidates?: string[];
  }
  const cases: ErrorCase[] = [
    {
      name: 'unknown flag',
      manifest: experiment({
        iteration: {
          flags: { 'checkout-buton': { rule: 'fallthrough' } },
          treatments: [
            { name: 'A', baseline: true, allocationPercent: 50, variations: { 'checkout-buton': 'a' } },
            { name: 'B', baseline: false, allocationPercent: 50, variations: { 'checkout-buton': 'b' } },
          ],
        },
      }),
      code: 'UnknownFlag',
      pointer: '/spec/iteration/flags/checkout-buton',
      message: 'flag "checkout-buton" does not exist in project "web"',
      candidates: ['checkout-button', 'banner'],
    },
    {
      name: 'flag LaunchDarkly answered 404 for',
      manifest: experiment(),
      live: () => liveState({ project: liveProject({ missingFlags: ['checkout-button'] }) }),
      code: 'UnknownFlag',
      pointer: '/spec/iteration/flags/checkout-button',
      message: 'does not exist',
    },
    {
      name: 'flag without the environment',
      manifest: experiment({ environment: 'dev' }),
      live: () => liveState({ environment: 'dev' }),
      code: 'UnknownFlagEnvironment',
      pointer: '/spec/iteration/flags/checkout-button',
      message: 'flag "checkout-button" has no environment "dev"',
    },
    {
      name: 'unknown rule',
      manifest: experiment({ iteration: { flags: { 'checkout-button': { rule: { ref: 'gamma' } } } } }),
      code: 'UnknownRule',
      pointer: '/spec/iteration/flags/checkout-button/rule',
      message: 'has no rule {"ref":"gamma"}',
    },
    {
      name: 'unknown notInExperiment variation',
      manifest: experiment({
        iteration: { flags: { 'checkout-button': { rule: 'fallthrough', notInExperiment: 'left' } } },
      }),
      code: 'UnknownVariation',
      pointer: '/spec/iteration/flags/checkout-button/notInExperiment',
      message: 'has no variation "left"',
    },
    {
      name: 'unknown treatment variation',
      manifest: experiment({
        iteration: {
          treatments: [
            { name: 'Control', baseline: true, allocationPercent: 50, variations: { 'checkout-button': 'control' } },
            { name: 'Left', baseline: false, allocationPercent: 50, variations: { 'checkout-button': 'lft' } },
          ],
        },
      }),
      code: 'UnknownVariation',
      pointer: '/spec/iteration/treatments/1/variations/checkout-button',
      message: 'flag "checkout-button" has no variation "lft"',
    },
    {
      name: 'unknown primary metric',
      manifest: experiment({ iteration: { primaryMetric: 'checkout-conversions' } }),
      code: 'UnknownMetric',
      pointer: '/spec/iteration/primaryMetric',
      message: 'project "web" has no metric "checkout-conversions"; closest: checkout-conversion',
      candidates: ['checkout-conversion', 'page-load-ms', 'revenue', 'signups'],
    },
    {
      name: 'unknown metric group',
      manifest: experiment({ iteration: { metrics: ['page-load-ms', { group: 'funnel' }] } }),
      code: 'UnknownMetricGroup',
      pointer: '/spec/iteration/metrics/1',
      message: 'has no metric group "funnel"',
      candidates: ['checkout-funnel'],
    },
    {
      name: 'unknown primary funnel',
      manifest: experiment({ iteration: { primaryMetric: undefined, primaryFunnel: 'nope' } }),
      code: 'UnknownMetricGroup',
      pointer: '/spec/iteration/primaryFunnel',
      message: 'has no metric group "nope"',
    },
    {
      name: 'unknown randomization unit',
      manifest: experiment({ iteration: { randomizationUnit: 'acount' } }),
      code: 'UnknownRandomizationUnit',
      pointer: '/spec/iteration/randomizationUnit',
      message: 'project "web" has no randomization unit "acount"; it has: account, user',
      candidates: ['account', 'user'],
    },
    {
      name: 'unknown project',
      manifest: experiment({ project: 'mobile' }),
      code: 'UnknownProject',
      pointer: '/metadata',
      message: 'project "mobile" was not found',
    },
  ];

  it.each(cases)('$name → $code at $pointer', ({ manifest, live, code, pointer, message, candidates }) => {
    const errors = errorsOf(manifestSet([manifest]), live ? live() : liveState());
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([[code, pointer]]);
    expect(errors[0]!.message).toContain(message);
    expect(errors[0]!.position).toEqual(positionOf(manifest, pointer));
    if (candidates) expect(errors[0]!.candidates).toEqual(candidates);
  });

  it('positions point at the line of the value in the file', () => {
    const m = experiment({ iteration: { randomizationUnit: 'org' } });
    const errors = errorsOf(manifestSet([m]), liveState());
    // apiVersion, kind, metadata, key, project, environment, spec, name, methodology, dataSource, type, state, iteration, hypothesis, randomizationUnit
    expect(errors[0]!.position).toEqual({ file: 'checkout-button.yaml', line: 15, column: 5 });
  });

  it('collects every problem of every manifest, not just the first', () => {
    const a = experiment({ key: 'a', iteration: { randomizationUnit: 'org', primaryMetric: 'nope' } });
    const b = experiment({ key: 'b', holdout: 'missing' });
    const errors = errorsOf(manifestSet([a, b], [holdout({ primaryMetric: 'gone' })]), liveState());
    expect(errors.map((e) => `${e.position?.file ?? ''}:${e.code}`)).toEqual([
      'q4-holdout.yaml:UnknownMetric',
      'a.yaml:UnknownMetric',
      'a.yaml:UnknownRandomizationUnit',
      'b.yaml:UnknownHoldout',
    ]);
  });

  it('resolves a holdout prerequisite flag and reports a missing one', () => {
    const errors = errorsOf(manifestSet([], [holdout({ prerequisiteFlag: 'banr' })]), liveState());
    expect(errors.map((e) => [e.code, e.pointer, e.candidates])).toEqual([
      ['UnknownFlag', '/spec/prerequisiteFlag', ['banner', 'checkout-button']],
    ]);
    planOf(manifestSet([], [holdout({ prerequisiteFlag: 'banner' })]), liveFromDesired(manifestSet()));
  });
});

describe('closestFirst', () => {
  it('orders by edit distance, then alphabetically, case-insensitive', () => {
    expect(closestFirst('Revenue', ['signups', 'revenue-2', 'REVENUE', 'avenue'])).toEqual([
      'REVENUE',
      'avenue',
      'revenue-2',
      'signups',
    ]);
  });
});
