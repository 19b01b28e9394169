/** The pure parts of emulator conditions: generator, route patterns, fault triggers, limiter, checks. */
import { describe, expect, test } from 'vitest';
import { conditionProblems } from '../../src/emulator/conditions/check.js';
import { describeConditions } from '../../src/emulator/conditions/describe.js';
import { FaultPlan } from '../../src/emulator/conditions/faults.js';
import { between, mulberry32, randomStream } from '../../src/emulator/conditions/prng.js';
import { RateLimiter } from '../../src/emulator/conditions/rate-limiter.js';
import { compileRoutePattern, type RequestTarget } from '../../src/emulator/conditions/route-pattern.js';
import type { EmulatorConditions, FaultRule } from '../../src/emulator/conditions/types.js';
import { ROUTES } from '../../src/emulator/routes.js';

const EXPERIMENT = '/api/v2/projects/{projectKey}/environments/{environmentKey}/experiments/{experimentKey}';
const EXPERIMENTS = '/api/v2/projects/{projectKey}/environments/{environmentKey}/experiments';

/** A request to a route of the emulator, with a concrete path. */
function target(method: string, template: string, pathname?: string): RequestTarget {
  const route = ROUTES.find((r) => r.method === method && r.template === template);
  const concrete = pathname ?? template.replace(/\{[^}]+\}/g, 'x');
  return route ? { method, pathname: concrete, route } : { method, pathname: concrete };
}

const patchExperiment = target('PATCH', EXPERIMENT, '/api/v2/projects/web/environments/production/experiments/e1');
const getExperiment = target('GET', EXPERIMENT, '/api/v2/projects/web/environments/production/experiments/e1');
const listExperiments = target('GET', EXPERIMENTS, '/api/v2/projects/web/environments/production/experiments');
const getFlag = target('GET', '/api/v2/flags/{projectKey}/{featureFlagKey}', '/api/v2/flags/web/new-checkout');
const unknown: RequestTarget = { method: 'GET', pathname: '/api/v2/nothing' };

describe('seeded generator', () => {
  test('mulberry32 gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (random: () => number) => Array.from({ length: 5 }, () => random());
    expect(draw(mulberry32(42))).toEqual(draw(mulberry32(42)));
    expect(draw(mulberry32(42))).not.toEqual(draw(mulberry32(43)));
    expect(draw(mulberry32(1)).map((x) => x.toFixed(6))).toEqual([
      '0.627074',
      '0.002736',
      '0.527447',
      '0.981051',
      '0.968378',
    ]);
  });

  test('streams of one seed differ, and values stay in [0, 1)', () => {
    const a = randomStream(7, 0);
    const b = randomStream(7, 1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(a()).not.toBe(b());
  });

  test('between covers both ends and nothing outside', () => {
    const random = mulberry32(3);
    const seen = new Set(Array.from({ length: 200 }, () => between(random, 10, 12)));
    expect([...seen].sort()).toEqual([10, 11, 12]);
  });
});

describe('route patterns', () => {
  test.each([
    ['patchExperiment', patchExperiment, true],
    ['patchExperiment', getExperiment, false],
    [`PATCH ${EXPERIMENT}`, patchExperiment, true],
    [`PATCH ${EXPERIMENT}`, getExperiment, false],
    [EXPERIMENT, getExperiment, true],
    [EXPERIMENT, listExperiments, false],
    ['/api/v2/projects/*/environments/*/experiments/*', patchExperiment, true],
    ['/api/v2/projects/*/environments/*/experiments/*', listExperiments, false],
    ['**/experiments', listExperiments, true],
    ['**/experiments', patchExperiment, false],
    ['/api/v2/projects/web/**', getExperiment, true],
    ['/api/v2/projects/mobile/**', getExperiment, false],
    ['GET /api/v2/flags/**', getFlag, true],
    ['POST /api/v2/flags/**', getFlag, false],
    ['/api/v2/**', unknown, true],
    ['getFeatureFlag', unknown, false],
  ])('%s matches %o: %s', (pattern, request, expected) => {
    expect(compileRoutePattern(pattern)(request)).toBe(expected);
  });

  test('no pattern matches everything, or every request of the method', () => {
    expect(compileRoutePattern(undefined)(unknown)).toBe(true);
    expect(compileRoutePattern(undefined, 'PATCH')(patchExperiment)).toBe(true);
    expect(compileRoutePattern(undefined, 'PATCH')(getExperiment)).toBe(false);
    expect(compileRoutePattern(EXPERIMENT, 'PATCH')(getExperiment)).toBe(false);
  });

  test.each([
    ['patchExperimnt', undefined, /^unknown operation "patchExperimnt" \(known: getExperiments, createExperiment, /],
    ['patchExperiment', 'GET', /^operation patchExperiment is PATCH, not GET$/],
    [`PATCH ${EXPERIMENT}`, 'GET', /^route "PATCH .*" says PATCH but method is GET$/],
    [
      '/api/v2/projects/{projectKey}/nothing',
      undefined,
      /^no operation has the path template "\/api\/v2\/projects\/\{projectKey\}\/nothing"$/,
    ],
    ['api/v2/flags', undefined, /^route "api\/v2\/flags" must be an operationId or a path starting with \/ or \*$/],
  ])('%s (method %s) is refused', (pattern, method, message) => {
    expect(() => compileRoutePattern(pattern, method)).toThrow(message);
  });
});

/** Which of `count` identical requests each get a fault (by rule index), `-` for none. */
function sequence(rules: FaultRule[], count: number, request: RequestTarget = getExperiment, seed = 1): string {
  const plan = new FaultPlan(rules, seed);
  return Array.from({ length: count }, () => plan.pick(request)?.index ?? '-').join('');
}

describe('fault triggers', () => {
  test('every, nth, times and no trigger', () => {
    expect(sequence([{ kind: 'reset-before', every: 3 }], 9)).toBe('--0--0--0');
    expect(sequence([{ kind: 'reset-before', nth: 2 }], 5)).toBe('-0---');
    expect(sequence([{ kind: 'reset-before', nth: [1, 4] }], 5)).toBe('0--0-');
    expect(sequence([{ kind: 'reset-before', every: 2, times: 2 }], 8)).toBe('-0-0----');
    expect(sequence([{ kind: 'reset-before' }], 3)).toBe('000');
    expect(sequence([{ kind: 'reset-before', times: 1 }], 3)).toBe('0--');
  });

  test('rate draws from the seed: the same seed repeats, another seed differs', () => {
    const rules: FaultRule[] = [{ kind: 'status', status: 503, rate: 0.3 }];
    const first = sequence(rules, 40, getExperiment, 42);
    expect(sequence(rules, 40, getExperiment, 42)).toBe(first);
    expect(sequence(rules, 40, getExperiment, 43)).not.toBe(first);
    expect(first).toMatch(/0/);
    expect(first).toMatch(/-/);
    expect(sequence([{ kind: 'status', status: 503, rate: 0 }], 20)).toBe('-'.repeat(20));
    expect(sequence([{ kind: 'status', status: 503, rate: 1 }], 20)).toBe('0'.repeat(20));
  });

  test('the first rule that fires wins, and every rule still counts the request', () => {
    const rules: FaultRule[] = [
      { kind: 'reset-before', every: 2 },
      { kind: 'slow', delayMs: 5, nth: [2, 3] },
    ];
    // Request 2: both fire, rule 0 wins; request 3: rule 1 fires on its own count; 4: rule 0.
    expect(sequence(rules, 5)).toBe('-010-');
  });

  test('appending a rule does not change the draws of the others', () => {
    const rule: FaultRule = { kind: 'status', status: 500, rate: 0.5 };
    const alone = new FaultPlan([rule], 9);
    const withOther = new FaultPlan([rule, { kind: 'status', status: 503, rate: 0.5 }], 9);
    const a = Array.from({ length: 30 }, () => alone.pick(getExperiment)?.index);
    const b = Array.from({ length: 30 }, () => withOther.pick(getExperiment)?.index);
    // Where rule 0 fired alone it still fires; elsewhere rule 1 may fire instead.
    expect(b.map((index) => (index === 0 ? 0 : undefined))).toEqual(a);
    expect(b).toContain(1);
  });

  test('rules apply to their route only; conflict409 only to PATCH requests', () => {
    const rules: FaultRule[] = [{ kind: 'conflict409', route: EXPERIMENT }];
    const plan = new FaultPlan(rules, 1);
    expect([getExperiment, patchExperiment, listExperiments].map((r) => plan.pick(r)?.index)).toEqual([
      undefined,
      0,
      undefined,
    ]);
  });
});

describe('rate limiter', () => {
  const NOW = 1_000_000; // a window boundary

  test('route and global windows count down, refuse when exhausted, and reset with the window', () => {
    const limiter = new RateLimiter({ route: { limit: 2 }, global: { limit: 3 } });
    const take = (request: RequestTarget, now = NOW) =>
      limiter.take(`${request.method} ${request.route?.template ?? request.pathname}`, request, now);
    expect(take(getExperiment).headers).toEqual({
      'X-Ratelimit-Route-Remaining': '1',
      'X-Ratelimit-Global-Remaining': '2',
      'X-Ratelimit-Reset': String(NOW + 10_000),
    });
    expect(take(getExperiment).limited).toBeUndefined();
    expect(take(getExperiment, NOW + 2_500)).toEqual({
      headers: {
        'X-Ratelimit-Route-Remaining': '0',
        'X-Ratelimit-Global-Remaining': '1',
        'X-Ratelimit-Reset': String(NOW + 10_000),
        'Retry-After': '8',
      },
      limited: { scope: 'route', resetAt: NOW + 10_000 },
    });
    expect(take(listExperiments).headers['X-Ratelimit-Global-Remaining']).toBe('0');
    expect(take(getFlag, NOW + 9_999)).toEqual({
      headers: {
        'X-Ratelimit-Route-Remaining': '2',
        'X-Ratelimit-Global-Remaining': '0',
        'X-Ratelimit-Reset': String(NOW + 10_000),
        'Retry-After': '1',
      },
      limited: { scope: 'global', resetAt: NOW + 10_000 },
    });
    expect(take(getExperiment, NOW + 10_000)).toEqual({
      headers: {
        'X-Ratelimit-Route-Remaining': '1',
        'X-Ratelimit-Global-Remaining': '2',
        'X-Ratelimit-Reset': String(NOW + 20_000),
      },
    });
  });

  test('windows of their own length; overrides per route; only configured headers', () => {
    const limiter = new RateLimiter({ route: { limit: 5, windowMs: 1_000, overrides: { patchExperiment: 1 } } });
    const patch = () => limiter.take('PATCH x', patchExperiment, NOW + 200);
    expect(patch().headers).toEqual({ 'X-Ratelimit-Route-Remaining': '0', 'X-Ratelimit-Reset': String(NOW + 1_000) });
    expect(patch().limited).toEqual({ scope: 'route', resetAt: NOW + 1_000 });
    expect(limiter.take('GET x', getExperiment, NOW).headers['X-Ratelimit-Route-Remaining']).toBe('4');
  });

  test('without rate-limit conditions the nominal headers count down but nothing is refused', () => {
    const limiter = new RateLimiter(undefined);
    let last;
    for (let i = 0; i < 10_020; i++) last = limiter.take('GET x', getExperiment, NOW);
    expect(last).toEqual({
      headers: {
        'X-Ratelimit-Route-Remaining': '0',
        'X-Ratelimit-Global-Remaining': '39980',
        'X-Ratelimit-Reset': String(NOW + 10_000),
      },
    });
  });
});

describe('conditions checks', () => {
  test.each<[string, EmulatorConditions, string[]]>([
    ['a valid set', { seed: 3, latencyMs: { min: 1, max: 2 }, faults: [{ kind: 'slow', delayMs: 5 }] }, []],
    ['min above max', { latencyMs: { min: 5, max: 2 } }, ['latencyMs: min (5) is greater than max (2)']],
    [
      'two triggers',
      { faults: [{ kind: 'reset-before', rate: 0.5, every: 2 }] },
      ['faults[0]: use one of rate, every, nth (found rate, every)'],
    ],
    [
      'fields of another kind',
      { faults: [{ kind: 'slow', delayMs: 1, status: 503, write: 'metadata' } as unknown as FaultRule] },
      ['faults[0].status: only for kind status', 'faults[0].write: only for kind concurrent-write'],
    ],
    [
      'missing the field of the kind',
      {
        faults: [{ kind: 'status' }, { kind: 'slow' }, { kind: 'concurrent-write' }] as unknown as FaultRule[],
      },
      [
        'faults[0]: kind status needs status',
        'faults[1]: kind slow needs delayMs',
        'faults[2]: kind concurrent-write needs write',
      ],
    ],
    [
      'conflict409 on GET',
      { faults: [{ kind: 'conflict409', method: 'GET' }] },
      ['faults[0].method: conflict409 answers PATCH requests only, not GET'],
    ],
    [
      'patch without instructions, instructions and flag elsewhere',
      {
        faults: [
          { kind: 'concurrent-write', write: 'patch' },
          { kind: 'concurrent-write', write: 'metadata', instructions: [{ kind: 'x' }], flag: 'f' },
        ],
      },
      [
        'faults[0]: write patch needs instructions',
        'faults[1].instructions: only for write patch',
        'faults[1].flag: only for write flag-version',
      ],
    ],
    [
      'unknown routes',
      {
        faults: [{ kind: 'reset-before', route: 'patchExperimnt' }],
        rateLimit: { route: { limit: 1, overrides: { nope: 1 } } },
      },
      [
        expect.stringMatching(/^rateLimit\.route\.overrides: unknown operation "nope"/),
        expect.stringMatching(/^faults\[0\]\.route: unknown operation "patchExperimnt"/),
      ],
    ],
  ])('%s', (_name, conditions, problems) => {
    expect(conditionProblems(conditions, '')).toEqual(problems);
  });

  test('paths are prefixed for seed files', () => {
    expect(conditionProblems({ latencyMs: { min: 2, max: 1 } }, 'conditions')).toEqual([
      'conditions.latencyMs: min (2) is greater than max (1)',
    ]);
  });
});

describe('describeConditions', () => {
  test.each<[EmulatorConditions | undefined, string]>([
    [undefined, 'none'],
    [{}, 'none'],
    [{ latencyMs: 50, pageSizeCap: 5 }, 'latency 50 ms, page size capped at 5'],
    [
      {
        latencyMs: { min: 10, max: 90 },
        rateLimit: { route: { limit: 10 }, global: { limit: 100, windowMs: 1000 } },
        faults: [{ kind: 'reset-before', rate: 0.1 }],
        seed: 42,
      },
      'latency 10–90 ms, route limit 10 per 10000 ms, global limit 100 per 1000 ms, 1 fault rule (seed 42)',
    ],
  ])('%o → %s', (conditions, text) => {
    expect(describeConditions(conditions)).toBe(text);
  });
});
