import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import { LdexpError } from '../../src/errors.js';
import { parsePlanJson, planSchema, renderPlanJson } from '../../src/render/index.js';
import { emptyPlan, realisticPlan } from './plan-fixtures.js';

const published = JSON.parse(
  readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8'),
) as object;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof LdexpError ? error.code : 'not an LdexpError';
  }
  return undefined;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary paths of the JSON
type Loose = Record<string, any>;

function withChange(mutate: (value: Loose) => void): string {
  const value = JSON.parse(renderPlanJson(realisticPlan())) as Loose;
  mutate(value);
  return JSON.stringify(value);
}

describe('plan JSON', () => {
  it('round-trips: parse(render(plan)) equals plan', () => {
    for (const p of [realisticPlan(), emptyPlan()]) expect(parsePlanJson(renderPlanJson(p))).toEqual(p);
  });

  it('validates against the published schema file, which equals the schema in code', () => {
    expect(published).toEqual(planSchema);
    const validate = new Ajv({ strict: true }).compile(published);
    expect(validate(JSON.parse(renderPlanJson(realisticPlan())))).toBe(true);
  });

  it('writes a stable key order with 2-space indent and a trailing newline', () => {
    const text = renderPlanJson(realisticPlan());
    expect(text.split('\n').slice(0, 3)).toEqual([
      '{',
      '  "formatVersion": 1,',
      `  "hash": "${realisticPlan().hash}",`,
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    const shuffled = Object.fromEntries(Object.entries(realisticPlan()).reverse()) as ReturnType<typeof realisticPlan>;
    expect(renderPlanJson(shuffled)).toBe(text);
    expect(text.indexOf('"address"')).toBeLessThan(text.indexOf('"changes"'));
  });

  it.each([
    ['a wrong formatVersion', withChange((v) => (v.formatVersion = 2)), 'PlanFormatVersion'],
    ['a missing formatVersion', withChange((v) => delete v.formatVersion), 'PlanFormatVersion'],
    ['text that is not JSON', '{"formatVersion": 1,', 'InvalidPlanFile'],
    ['a JSON array', '[]', 'InvalidPlanFile'],
    ['a missing hash', withChange((v) => delete v.hash), 'InvalidPlanFile'],
    ['an unknown top-level field', withChange((v) => (v.extra = true)), 'InvalidPlanFile'],
    ['an unknown step field', withChange((v) => (v.steps[0].token = 'x')), 'InvalidPlanFile'],
    ['an unknown impact', withChange((v) => (v.steps[0].impact = 'huge')), 'InvalidPlanFile'],
    [
      'an instruction kind LaunchDarkly does not document',
      withChange((v) => (v.steps[0].instructions = ['deleteExperiment'])),
      'InvalidPlanFile',
    ],
    ['a relative step path', withChange((v) => (v.steps[0].path = 'api/v2')), 'InvalidPlanFile'],
    ['a line of 0', withChange((v) => (v.warnings[0].position.line = 0)), 'InvalidPlanFile'],
    ['an unknown byImpact key', withChange((v) => (v.summary.byImpact.huge = 1)), 'InvalidPlanFile'],
    ['an empty after list (absent when empty)', withChange((v) => (v.steps[1].after = [])), 'InvalidPlanFile'],
    ['an empty step id in after', withChange((v) => (v.steps[1].after = [''])), 'InvalidPlanFile'],
  ])('rejects %s', (_, text, code) => {
    expect(codeOf(() => parsePlanJson(text))).toBe(code);
  });

  it('accepts a step that runs after others (ordering only)', () => {
    const text = withChange((v) => (v.steps[5].after = ['s1', 's3']));
    expect(parsePlanJson(text).steps[5]!.after).toEqual(['s1', 's3']);
  });

  it('accepts any request body', () => {
    const text = withChange((v) => (v.steps[0].body = { anything: [1, { nested: null }] }));
    expect(parsePlanJson(text).steps[0]!.body).toEqual({ anything: [1, { nested: null }] });
  });

  it('lists every schema problem with its pointer', () => {
    const text = withChange((v) => {
      v.steps[0].token = 'x';
      v.steps[1].method = 'DELETE';
    });
    expect(messageOf(() => parsePlanJson(text))).toBe(
      'The plan file is not a valid ldexp plan:\n' +
        '- /steps/0 must NOT have additional properties: token\n' +
        '- /steps/1/method must be equal to one of the allowed values: "POST", "PATCH"',
    );
    expect(messageOf(() => parsePlanJson(withChange((v) => (v.formatVersion = 2))))).toBe(
      'The plan file has formatVersion 2; this ldexp reads formatVersion 1. Make the plan again with this version.',
    );
  });
});
