/** Where conditions come from: a seed's `conditions:` key, a conditions file, or code; and their errors. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ConditionsError,
  loadConditions,
  parseConditions,
  parseSeed,
  SeedError,
  startEmulator,
} from '../../src/emulator/index.js';
import { NOW } from './helpers.js';

const SEED = `
projects:
  - key: web
    environments: [production]
    metrics: [{ key: m1 }, { key: m2 }, { key: m3 }]
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldexp-conditions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('conditions in the seed file', () => {
  test('a `conditions:` key is checked with the seed and applied by startEmulator', async () => {
    const seed = parseSeed(
      `${SEED}conditions:\n  pageSizeCap: 2\n  faults:\n    - { kind: status, status: 503, nth: 1 }\n`,
      's.yaml',
    );
    expect(seed.conditions).toEqual({ pageSizeCap: 2, faults: [{ kind: 'status', status: 503, nth: 1 }] });
    const emu = await startEmulator({ seed, now: () => NOW });
    try {
      const get = () => fetch(`${emu.url}/api/v2/metrics/web`, { headers: { Authorization: 'x' } });
      expect((await get()).status).toBe(503);
      expect(((await (await get()).json()) as { items: unknown[] }).items).toHaveLength(2);
    } finally {
      await emu.close();
    }
  });

  test('conditions given to startEmulator replace the seed’s', async () => {
    const seed = parseSeed(`${SEED}conditions: { faults: [{ kind: status, status: 503 }] }\n`, 's.yaml');
    const emu = await startEmulator({ seed, conditions: { pageSizeCap: 1 } });
    try {
      const reply = await fetch(`${emu.url}/api/v2/metrics/web`, { headers: { Authorization: 'x' } });
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  test.each([
    [
      'a schema error, with its path',
      'conditions: { faults: [{ kind: status, status: 418 }] }',
      's.yaml: invalid seed:\n  /conditions/faults/0/status: must be equal to one of the allowed values',
    ],
    [
      'an unknown member',
      'conditions: { latency: 5 }',
      's.yaml: invalid seed:\n  /conditions: must NOT have additional properties (latency)',
    ],
    [
      'a rule across fields',
      'conditions: { faults: [{ kind: slow, delayMs: 5, rate: 0.5, nth: 2 }] }',
      's.yaml: invalid seed:\n  conditions.faults[0]: use one of rate, every, nth (found rate, nth)',
    ],
    [
      'an unknown operation',
      'conditions: { faults: [{ kind: conflict409, route: patchExperiments }] }',
      expect.stringMatching(
        /^s\.yaml: invalid seed:\n {2}conditions\.faults\[0\]\.route: unknown operation "patchExperiments" \(known: /,
      ) as unknown as string,
    ],
  ])('%s is a SeedError', (_name, extra, message) => {
    const error = thrown(() => parseSeed(`${SEED}${extra}\n`, 's.yaml'));
    expect(error).toBeInstanceOf(SeedError);
    expect(error.message).toEqual(message);
  });
});

describe('conditions files', () => {
  test('YAML and JSON files', async () => {
    const yaml = join(dir, 'c.yaml');
    await writeFile(yaml, 'seed: 9\nlatencyMs: { min: 1, max: 3 }\nrateLimit: { route: { limit: 5 } }\n');
    expect(await loadConditions(yaml)).toEqual({
      seed: 9,
      latencyMs: { min: 1, max: 3 },
      rateLimit: { route: { limit: 5 } },
    });
    const json = join(dir, 'c.json');
    await writeFile(json, JSON.stringify({ faults: [{ kind: 'reset-before', route: 'PATCH /api/v2/**', rate: 0.1 }] }));
    expect(await loadConditions(json)).toEqual({
      faults: [{ kind: 'reset-before', route: 'PATCH /api/v2/**', rate: 0.1 }],
    });
  });

  test.each([
    ['unparseable YAML', 'c.yaml', 'faults: [', /^c\.yaml: cannot parse: /],
    ['unparseable JSON', 'c.json', '{', /^c\.json: cannot parse: /],
    ['not an object', 'c.yaml', '- 1', /^c\.yaml: invalid conditions:\n {2}\/: must be object$/],
    [
      'a rate above 1',
      'c.yaml',
      'faults: [{ kind: reset-before, rate: 1.5 }]',
      /^c\.yaml: invalid conditions:\n {2}\/faults\/0\/rate: must be <= 1$/,
    ],
    [
      'a field of another kind',
      'c.yaml',
      'faults: [{ kind: conflict409, delayMs: 5 }]',
      /^c\.yaml: invalid conditions:\n {2}faults\[0\]\.delayMs: only for kind slow$/,
    ],
  ])('%s is a ConditionsError', (_name, file, text, message) => {
    const error = thrown(() => parseConditions(text, file));
    expect(error).toBeInstanceOf(ConditionsError);
    expect(error).toHaveProperty('code', 'InvalidEmulatorConditions');
    expect(error.message).toMatch(message);
  });

  test('a file that cannot be read', async () => {
    await expect(loadConditions(join(dir, 'missing.yaml'))).rejects.toThrow(
      new RegExp(`^${join(dir, 'missing.yaml').replace(/[.]/g, '\\.')}: cannot read: ENOENT`),
    );
  });

  test('startEmulator refuses bad conditions given in code', async () => {
    const seed = parseSeed(SEED, 's.yaml');
    await expect(startEmulator({ seed, conditions: { faults: [{ kind: 'slow', delayMs: -1 }] } })).rejects.toThrow(
      'emulator conditions: invalid conditions:\n  /faults/0/delayMs: must be >= 0',
    );
  });
});
