/**
 * Flags read through the project's flag list when its pages cost fewer requests than one GET per
 * flag, against the emulator (request counts from its per-route stats) and, for answers the
 * emulator never gives, the scripted fake.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { startEmulator, type EmulatorConditions, type RunningEmulator } from '../../src/emulator/index.js';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { createClient } from '../../src/live/client.js';
import { fetchLive } from '../../src/live/fetch-live.js';
import { listIsCheaper, mergeEnvironments } from '../../src/live/flag-reads.js';
import type { LiveState } from '../../src/live/types.js';
import { createOpenApiValidator } from '../emulator/openapi-validator.js';
import { startFakeLd, type FakeLd } from './fake-server.js';
import { testClient } from './helpers.js';

const LIST = 'GET /api/v2/flags/{projectKey}';
const ONE = 'GET /api/v2/flags/{projectKey}/{featureFlagKey}';

const variations = [
  { value: 'a', name: 'A' },
  { value: 'b', name: 'B' },
];

/**
 * Project p: `used` flags named by a draft experiment each (in production), plus `archived-used`
 * (archived, in an experiment: the default list leaves it out) and `unused` (in no experiment).
 */
function seed(used: number, environments = ['production'], experimentsIn = 'production'): EmulatorSeed {
  const usedKeys = Array.from({ length: used }, (_, i) => `flag-${String(i).padStart(3, '0')}`);
  const envConfig = Object.fromEntries(environments.map((env) => [env, { on: true, version: 3 }]));
  const flag = (key: string, archived = false) => ({ key, variations, archived, environments: envConfig });
  const experiment = (key: string, flagKey: string) => ({
    key,
    state: 'draft' as const,
    iteration: {
      flags: [{ flag: flagKey, rule: 'fallthrough' }],
      primaryMetric: 'm',
      treatments: [
        { name: 'A', variation: 'a', allocation: 50, baseline: true },
        { name: 'B', variation: 'b', allocation: 50 },
      ],
    },
  });
  return {
    projects: [
      {
        key: 'p',
        environments,
        flags: [...usedKeys.map((k) => flag(k)), flag('archived-used', true), flag('unused')],
        metrics: [{ key: 'm', kind: 'custom' }],
        experiments: {
          [experimentsIn]: [
            ...usedKeys.map((k, i) => experiment(`e-${String(i)}`, k)),
            experiment('e-archived-flag', 'archived-used'),
          ],
        },
      },
    ],
  };
}

let emulator: RunningEmulator | undefined;
let fake: FakeLd | undefined;
afterEach(async () => {
  await emulator?.close();
  await fake?.close();
  emulator = undefined;
  fake = undefined;
});

async function read(
  world: EmulatorSeed,
  named: string[],
  environments = ['production'],
  conditions: EmulatorConditions = {},
): Promise<{ live: LiveState; emu: RunningEmulator }> {
  const emu = await startEmulator({ seed: world, conditions });
  emulator = emu;
  const client = createClient({ baseUrl: emu.url, token: 't' });
  try {
    const targets = environments.map((environment) => ({ project: 'p', environment }));
    const live = await fetchLive(client, { targets, flagKeys: new Map([['p', new Set(named)]]) });
    return { live, emu };
  } finally {
    await client.close();
  }
}

function requestsTo(emu: RunningEmulator, route: string): number {
  return emu.stats().routes[route]?.requests ?? 0;
}

/** Pages of the list of flags in experiments (not the key listing a missing flag's suggestions need). */
function listPages(emu: RunningEmulator): URLSearchParams[] {
  return emu.requests
    .filter((r) => r.route === '/api/v2/flags/{projectKey}' && r.path.includes('hasExperiment'))
    .map((r) => new URL(r.path, 'http://x').searchParams);
}

function flagUrls(emu: RunningEmulator): string[] {
  return emu.requests.filter((r) => r.route?.startsWith('/api/v2/flags/')).map((r) => r.path);
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => `flag-${String(i).padStart(3, '0')}`);

describe('choosing the list', () => {
  it.each([
    [0, 0, true],
    [0, 3, true],
    [2, 2, true],
    [3, 2, false],
    [19, 4, false],
  ])('%i more list requests against %i flags still needed: list %s', (listRequests, stillNeeded, cheaper) => {
    expect(listIsCheaper(listRequests, stillNeeded)).toBe(cheaper);
  });
});

describe('merging the lists of several environments', () => {
  const item = (key: string, version: number, envs: Record<string, unknown>) => ({
    key,
    _version: version,
    variations: [],
    environments: envs,
  });
  const full = (v: number) => ({ on: true, version: v, rules: [] });

  it('keeps a flag only when every list has its full configuration at the same _version', () => {
    const merged = mergeEnvironments(
      ['prod', 'staging'],
      [
        [
          item('same', 7, { prod: full(1) }),
          item('moved', 7, { prod: full(1) }),
          item('summarized', 7, { prod: { ...full(1), _summary: { variations: {} } } }),
          item('only-prod', 7, { prod: full(1) }),
          { key: 'no-version', variations: [], environments: { prod: full(1) } },
        ],
        [
          item('same', 7, { staging: full(2) }),
          item('moved', 8, { staging: full(2) }),
          item('summarized', 7, { staging: full(2) }),
          item('no-env', 7, {}),
        ],
      ],
    );
    expect([...merged.keys()]).toEqual(['same']);
    expect(merged.get('same')!.environments).toEqual({ prod: full(1), staging: full(2) });
  });
});

describe('reading flags by list', () => {
  it('reads 30 flags in one list page, and the archived, unused and missing ones by key', async () => {
    const named = [...keys(30), 'archived-used', 'unused', 'nope'];
    const { live, emu } = await read(seed(30), named);
    // The list of flags in experiments, then the key listing for the missing flag's suggestions (32 keys, 2 pages).
    expect(requestsTo(emu, LIST)).toBe(1 + 2);
    expect(requestsTo(emu, ONE)).toBe(3);
    expect(flagUrls(emu).filter((u) => !u.includes('summary=true'))).toEqual([
      '/api/v2/flags/p?env=production&summary=false&filter=hasExperiment%3Atrue&limit=100',
      ...['archived-used', 'nope', 'unused'].map((k) => `/api/v2/flags/p/${k}?env=production`),
    ]);
    const project = live.projects.get('p')!;
    expect([...project.flags.keys()].sort()).toEqual([...keys(30), 'archived-used', 'unused'].sort());
    expect([...project.missingFlags]).toEqual(['nope']);
    // The listed configuration is the single-flag one: rules, version, everything the plan reads.
    const answer = await fetch(`${emu.url}/api/v2/flags/p/flag-007?env=production`, {
      headers: { Authorization: 't', 'LD-API-Version': '20240415' },
    });
    const one: unknown = await answer.json();
    expect(project.flags.get('flag-007')).toEqual(one);
    const validator = createOpenApiValidator();
    expect(emu.requests.flatMap((entry) => validator.validateExchange(entry))).toEqual([]);
  });

  it('pages a capped list concurrently by offset from the reported total', async () => {
    const { live, emu } = await read(seed(45), keys(45), ['production'], { pageSizeCap: 20 });
    // Only the archived flag a live experiment uses is read by key.
    expect(flagUrls(emu).filter((u) => !u.includes('hasExperiment'))).toEqual([
      '/api/v2/flags/p/archived-used?env=production',
    ]);
    expect(listPages(emu).map((q) => q.get('offset'))).toEqual([null, '20', '40']);
    expect(live.projects.get('p')!.flags.size).toBe(45 + 1);
  });

  it('reads by key when the rest of the list would cost more requests than the flags still needed', async () => {
    // 60 flags in experiments, pages of 10: after the first page 5 more pages, for 4 flags not on
    // it. The live experiments use every one of them: seen only after the experiment list, those
    // 50 make the rest of the list worth reading after all.
    const named = ['flag-000', 'flag-001', 'flag-020', 'flag-030', 'flag-040', 'flag-050'];
    // The experiments are in staging, which the run does not read: no flag is used only live.
    const world = seed(60, ['production', 'staging'], 'staging');
    const { live, emu } = await read(world, named, ['production'], { pageSizeCap: 10 });
    expect(listPages(emu)).toHaveLength(1);
    expect(
      flagUrls(emu)
        .filter((u) => !u.includes('hasExperiment'))
        .sort(),
    ).toEqual(['flag-020', 'flag-030', 'flag-040', 'flag-050'].map((k) => `/api/v2/flags/p/${k}?env=production`));
    expect([...live.projects.get('p')!.flags.keys()].sort()).toEqual(named);
  });

  it('reads the rest of the list once the flags live experiments use make it cheaper', async () => {
    const named = ['flag-000', 'flag-001', 'flag-020', 'flag-030', 'flag-040', 'flag-050'];
    const { live, emu } = await read(seed(60), named, ['production'], { pageSizeCap: 10 });
    expect(listPages(emu).map((q) => q.get('offset'))).toEqual([null, '10', '20', '30', '40', '50']);
    // The named flags beyond the first page were read by key before the experiments were known.
    expect(
      flagUrls(emu)
        .filter((u) => !u.includes('hasExperiment'))
        .sort(),
    ).toEqual(
      ['archived-used', 'flag-020', 'flag-030', 'flag-040', 'flag-050'].map(
        (k) => `/api/v2/flags/p/${k}?env=production`,
      ),
    );
    expect(live.projects.get('p')!.flags.size).toBe(61);
  });

  it('does not list for one named flag', async () => {
    const { emu } = await read(seed(3), ['flag-001']);
    expect(requestsTo(emu, LIST)).toBe(0);
    // The draft experiments' other flags are read by key after the experiment list.
    expect(requestsTo(emu, ONE)).toBe(4);
  });

  it('lists each environment of a run with one `env` each, and merges them', async () => {
    const { live, emu } = await read(seed(10, ['production', 'staging']), keys(10), ['production', 'staging']);
    // Without `env`: the flag's every environment, narrowed to the run's.
    expect(flagUrls(emu).filter((u) => !u.includes('hasExperiment'))).toEqual(['/api/v2/flags/p/archived-used']);
    const envs = listPages(emu).map((q) => q.getAll('env'));
    expect(envs.sort()).toEqual([['production'], ['staging']]);
    const flag = live.projects.get('p')!.flags.get('flag-003')!;
    expect(Object.keys(flag.environments)).toEqual(['production', 'staging']);
  });

  it('reads by key a flag whose targeting changed between the lists of two environments', async () => {
    const conditions: EmulatorConditions = {
      faults: [{ route: 'getFeatureFlags', nth: 2, kind: 'concurrent-write', write: 'flag-version', flag: 'flag-004' }],
    };
    const { live, emu } = await read(
      seed(10, ['production', 'staging']),
      keys(10),
      ['production', 'staging'],
      conditions,
    );
    expect(flagUrls(emu).filter((u) => !u.includes('hasExperiment'))).toEqual([
      '/api/v2/flags/p/flag-004',
      '/api/v2/flags/p/archived-used',
    ]);
    const flag = live.projects.get('p')!.flags.get('flag-004')!;
    expect(flag.environments['production']!.version).toBe(4);
    expect(flag.environments['staging']!.version).toBe(4);
  });
});

describe('a list the server refuses or summarizes', () => {
  function scriptProject(server: FakeLd, list: Parameters<FakeLd['route']>[2]): void {
    const P = '/api/v2/projects/p';
    server.route('GET', `${P}/environments/prod/experiments`, { body: { items: [], total_count: 0 } });
    server.route('GET', `${P}/environments/prod/holdouts`, { body: { items: [], total_count: 0 } });
    server.route('GET', `${P}/context-kinds`, { body: { items: [] } });
    server.route('GET', `${P}/experimentation-settings`, { body: { randomizationUnits: [] } });
    server.route('GET', `${P}/metric-groups`, { body: { items: [], totalCount: 0 } });
    server.route('GET', '/api/v2/metrics/p', { body: { items: [], totalCount: 0 } });
    server.route('GET', '/api/v2/flags/p', list);
    for (const key of ['f1', 'f2', 'f3']) {
      server.route('GET', `/api/v2/flags/p/${key}`, {
        body: { key, name: key, kind: 'boolean', _version: 1, variations: [], environments: { prod: { version: 1 } } },
      });
    }
  }

  async function readThree(): Promise<LiveState> {
    const { client } = testClient(fake!);
    return fetchLive(client, {
      targets: [{ project: 'p', environment: 'prod' }],
      flagKeys: new Map([['p', new Set(['f1', 'f2', 'f3'])]]),
    });
  }

  it.each([
    [400, 'invalid_request'],
    [403, 'forbidden'],
  ])('reads every flag by key when the list answers %i', async (status, code) => {
    fake = await startFakeLd();
    scriptProject(fake, { status, body: { code, message: 'no' } });
    const live = await readThree();
    expect(fake.requests.filter((r) => r.path.startsWith('/api/v2/flags/p/')).map((r) => r.path)).toEqual([
      '/api/v2/flags/p/f1',
      '/api/v2/flags/p/f2',
      '/api/v2/flags/p/f3',
    ]);
    expect([...live.projects.get('p')!.flags.keys()]).toEqual(['f1', 'f2', 'f3']);
  });

  it('reads by key the flags a list gave only as summaries, and stops at a first page without a total', async () => {
    fake = await startFakeLd();
    const summarized = { key: 'f1', _version: 1, variations: [], environments: { prod: { version: 1, _summary: {} } } };
    const full = { key: 'f2', _version: 1, variations: [], environments: { prod: { version: 1, rules: [] } } };
    scriptProject(fake, { body: { items: [summarized, full], _links: {} } });
    const live = await readThree();
    expect(fake.requestsTo('GET', '/api/v2/flags/p')).toHaveLength(1);
    expect(
      fake.requests
        .filter((r) => r.path.startsWith('/api/v2/flags/p/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/v2/flags/p/f1', '/api/v2/flags/p/f3']);
    expect(live.projects.get('p')!.flags.get('f2')).toEqual(full);
  });
});
