import { describe, expect, test } from 'vitest';
import { loadSeed, parseSeed, SeedError, startEmulator } from '../../src/emulator/index.js';
import { SEED_FILE } from './helpers.js';

const minimal = (extra = '') => `
projects:
  - key: p
    environments: [prod]
    flags:
      - key: f
        variations: [{ value: a, name: A }, { value: b, name: B }]
        environments: { prod: { on: true } }
    metrics: [{ key: m }]
${extra}`;

function seedError(text: string, file = 'seed.yaml'): string {
  try {
    parseSeed(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }
  throw new Error('expected a SeedError');
}

describe('parseSeed', () => {
  test('accepts the shared fixture', async () => {
    const seed = await loadSeed(SEED_FILE);
    expect(seed.projects.map((p) => p.key)).toEqual(['web']);
  });

  test('accepts JSON by extension', () => {
    const seed = parseSeed(JSON.stringify({ projects: [{ key: 'p', environments: ['e'] }] }), 's.json');
    expect(seed.projects[0]?.environments).toEqual(['e']);
  });

  test.each([
    ['unparseable YAML', 'projects: [', /^seed\.yaml: cannot parse: /],
    ['missing projects', 'foo: 1', /^seed\.yaml: invalid seed:\n {2}\/: must have required property 'projects'/],
    [
      'unknown member',
      'projects: [{ key: p, environments: [e], flagz: [] }]',
      /\/projects\/0: must NOT have additional properties \(flagz\)/,
    ],
    [
      'bad experiment state',
      minimal(`    experiments:
      prod: [{ key: x, state: paused, iteration: { flag: f, metrics: [m], treatments: [{ variation: A, allocation: 100 }] } }]`),
      /\/projects\/0\/experiments\/prod\/0\/state: must be equal to one of the allowed values/,
    ],
    [
      'unknown flag environment',
      minimal().replace('prod: { on: true }', 'qa: { on: true }'),
      /^seed\.yaml: projects\[0\]\.flags\[0\]\.environments: unknown environment "qa" \(prod\)$/,
    ],
    [
      'unknown variation',
      minimal(`    experiments:
      prod: [{ key: x, state: draft, iteration: { flag: f, metrics: [m], treatments: [{ variation: C, allocation: 100 }] } }]`),
      /^seed\.yaml: projects\[0\]\.experiments\.prod\[0\]\.iteration\.treatments\[0\]: unknown variation "C" \(A, B\)$/,
    ],
    [
      'unknown metric',
      minimal(`    experiments:
      prod: [{ key: x, state: draft, iteration: { flag: f, metrics: [nope], treatments: [{ variation: A, allocation: 100 }] } }]`),
      /iteration: unknown metric or metric group "nope"$/,
    ],
    [
      'unknown holdout',
      minimal(`    experiments:
      prod: [{ key: x, state: draft, holdout: h, iteration: { flag: f, metrics: [m], treatments: [{ variation: A, allocation: 100 }] } }]`),
      /experiments\.prod\[0\]\.holdout: unknown holdout "h" in prod$/,
    ],
    [
      'two baselines',
      minimal(`    experiments:
      prod: [{ key: x, state: draft, iteration: { flag: f, metrics: [m], treatments: [{ variation: A, allocation: 50, baseline: true }, { variation: B, allocation: 50, baseline: true }] } }]`),
      /must have exactly one baseline, found 2$/,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(seedError(text)).toMatch(message);
  });

  test('loadSeed names a missing file', async () => {
    await expect(loadSeed('/nonexistent/seed.yaml')).rejects.toThrow(/^\/nonexistent\/seed\.yaml: cannot read: /);
  });
});

describe('deterministic IDs', () => {
  test('two emulators from the same seed answer with identical bodies', async () => {
    const seed = await loadSeed(SEED_FILE);
    const bodies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const emu = await startEmulator({ seed, now: () => 0 });
      const res = await fetch(`${emu.url}/api/v2/projects/web/environments/production/experiments?expand=treatments`, {
        headers: { Authorization: 't' },
      });
      bodies.push(await res.text());
      await emu.close();
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[0]).toMatch(/"_id":"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/);
  });

  test('seeded variation IDs can be given explicitly', async () => {
    const seed = parseSeed(minimal().replace('{ value: a, name: A }', '{ _id: var-a, value: a, name: A }'), 's.yaml');
    const emu = await startEmulator({ seed });
    const flag = emu.store.project('p').flags.get('f');
    await emu.close();
    expect(flag?.variations.map((v) => v._id)[0]).toBe('var-a');
  });
});
