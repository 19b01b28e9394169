import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { RemoteError } from '../../src/errors.js';
import { fetchLive } from '../../src/live/fetch-live.js';
import { startFakeLd, type FakeLd } from './fake-server.js';
import { testClient } from './helpers.js';

const P = '/api/v2/projects';

function iteration(flags: string[], withTreatments = true) {
  return {
    hypothesis: 'h',
    status: 'not_started',
    createdAt: 1,
    flags: Object.fromEntries(
      flags.map((f) => [f, { targetingRule: 'fallthrough', flagConfigVersion: 1, _links: {} }]),
    ),
    ...(withTreatments
      ? { treatments: [{ _id: 'v1', name: 'Control', allocationPercent: '100', baseline: true }] }
      : {}),
  };
}

function experiment(key: string, extra: Record<string, unknown>) {
  return { key, name: key, _maintainerId: 'm', _creationDate: 1, environmentKey: 'prod', _links: {}, ...extra };
}

function flag(key: string) {
  return { key, name: key, kind: 'boolean', _version: 1, archived: false, variations: [], environments: {} };
}

/** Scripts project p (prod + staging) and project q (prod only). */
function scriptAccount(fake: FakeLd): void {
  const expA = experiment('exp-a', { currentIteration: { ...iteration(['f-shared', 'f-live-a']), status: 'running' } });
  const expBSummary = experiment('exp-b', { draftIteration: iteration(['f-shared'], false) });
  const expBDetail = experiment('exp-b', {
    draftIteration: iteration(['f-shared']),
    previousIterations: [{ ...iteration(['f-old']), status: 'stopped' }],
    mutableFieldsByStatus: { not_started: { name: ['update'] } },
  });
  const expC = experiment('exp-c', { environmentKey: 'staging', draftIteration: iteration(['f-shared']) });

  // prod experiments come in two pages counted by total_count.
  fake.route('GET', `${P}/p/environments/prod/experiments`, (req) =>
    req.query.get('offset') === '1'
      ? { body: { items: [expBSummary], total_count: 2, _links: {} } }
      : { body: { items: [expA], total_count: 2, _links: {} } },
  );
  fake.route('GET', `${P}/p/environments/prod/experiments/exp-b`, { body: expBDetail });
  // The same across environments (a run with prod and staging of p), two pages; dev is not a target.
  const expDev = experiment('exp-dev', { environmentKey: 'dev', draftIteration: iteration(['f-dev']) });
  fake.route('GET', `${P}/p/experiments`, (req) =>
    req.query.get('offset') === '2'
      ? { body: { items: [expBSummary, expDev], total_count: 4, _links: {} } }
      : { body: { items: [expA, expC], total_count: 4, _links: {} } },
  );
  fake.route('GET', `${P}/p/environments/staging/experiments`, { body: { items: [expC], total_count: 1 } });
  fake.route('GET', `${P}/q/environments/prod/experiments`, { body: { items: [], total_count: 0 } });

  fake.route('GET', `${P}/p/environments/prod/holdouts`, {
    body: {
      items: [
        { _id: 'h1-id', key: 'h1' },
        { _id: 'gone-id', key: 'gone' },
      ],
      total_count: 2,
    },
  });
  fake.route('GET', `${P}/p/environments/prod/holdouts/h1`, {
    body: {
      _id: 'h1-id',
      status: 'running',
      holdoutAmount: '5',
      createdAt: 1,
      updatedAt: 1,
      baseExperiment: experiment('h1', { type: 'holdout', currentIteration: iteration(['f-holdout']) }),
      relatedExperiments: [expA],
    },
  });
  // Listed, then removed before it was read: left out rather than failing the run.
  fake.route('GET', `${P}/p/environments/prod/holdouts/gone`, {
    status: 404,
    body: { code: 'not_found', message: 'x' },
  });
  fake.route('GET', `${P}/p/environments/staging/holdouts`, { body: { items: [], total_count: 0 } });
  fake.route('GET', `${P}/q/environments/prod/holdouts`, { body: { items: [], total_count: 0 } });

  for (const project of ['p', 'q']) {
    fake.route('GET', `${P}/${project}/context-kinds`, {
      body: { items: [{ key: 'user', name: 'User' }], _links: {} },
    });
    fake.route('GET', `${P}/${project}/experimentation-settings`, {
      body: { randomizationUnits: [{ randomizationUnit: 'user', default: true }, { randomizationUnit: 'org' }] },
    });
    fake.route('GET', `${P}/${project}/metric-groups`, {
      body: { items: [{ _id: 'g', key: 'funnel', name: 'Funnel', kind: 'funnel', metrics: [] }], totalCount: 1 },
    });
  }
  fake.route('GET', '/api/v2/metrics/p', (req) => {
    const offset = Number(req.query.get('offset') ?? 0);
    const all = ['m1', 'm2', 'm3'].map((key) => ({ _id: key, _versionId: 'v', key, name: key, kind: 'custom' }));
    return { body: { items: all.slice(offset, offset + 2), totalCount: 3 } };
  });
  fake.route('GET', '/api/v2/metrics/q', { body: { items: [], totalCount: 0 } });

  for (const key of ['f-shared', 'f-live-a', 'f-old', 'f-manifest', 'f-holdout']) {
    fake.route('GET', `/api/v2/flags/p/${key}`, {
      body: { ...flag(key), environments: { prod: { on: true }, staging: { on: false }, dev: { on: true } } },
    });
  }
  fake.route('GET', '/api/v2/flags/p/f-missing', { status: 404, body: { code: 'not_found', message: 'Unknown flag' } });
  // The project's flags, two pages linked by `next`; asked for flags in experiments, none (so
  // every flag these tests name is read by key).
  fake.route('GET', '/api/v2/flags/p', (req) =>
    req.query.get('filter') === 'hasExperiment:true'
      ? { body: { items: [], totalCount: 0, _links: {} } }
      : req.query.get('offset') === '20'
        ? { body: { items: [flag('f-shared')], totalCount: 21, _links: {} } }
        : {
            body: {
              items: [flag('f-mising'), ...Array.from({ length: 19 }, (_, i) => flag(`f-${i}`))],
              totalCount: 21,
              _links: { next: { href: '/api/v2/flags/p?limit=20&offset=20&summary=true', type: 'application/json' } },
            },
          },
  );
}

let fake: FakeLd;
beforeEach(async () => {
  fake = await startFakeLd();
  scriptAccount(fake);
});
afterEach(async () => {
  await fake.close();
});

const request = {
  targets: [
    { project: 'p', environment: 'prod' },
    { project: 'q', environment: 'prod' },
    { project: 'p', environment: 'staging' },
    { project: 'p', environment: 'prod' },
  ],
  flagKeys: new Map([['p', new Set(['f-manifest', 'f-shared', 'f-missing'])]]),
};

describe('fetchLive', () => {
  it('reads every flag once, whole when the run has several environments of its project, and records 404 flags as missing', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, request);
    const flagReads = fake.requests.filter((r) => r.path.startsWith('/api/v2/flags/p/'));
    // The document declares `env` as one string: no repeated `env=prod&env=staging`.
    expect(flagReads.map((r) => r.url).sort()).toEqual(
      ['f-holdout', 'f-live-a', 'f-manifest', 'f-missing', 'f-old', 'f-shared'].map((key) => `/api/v2/flags/p/${key}`),
    );
    const p = live.projects.get('p')!;
    expect([...p.flags.keys()]).toEqual(['f-holdout', 'f-live-a', 'f-manifest', 'f-old', 'f-shared']);
    // Narrowed to the run's environments, as `env=prod&env=staging` used to ask LaunchDarkly to.
    expect(p.flags.get('f-shared')!.environments).toEqual({ prod: { on: true }, staging: { on: false } });
    expect([...p.missingFlags]).toEqual(['f-missing']);
    expect(live.projects.get('q')!.flags.size).toBe(0);
  });

  it('lists one environment by its own list, paging by the reported total', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, { targets: [{ project: 'p', environment: 'prod' }], flagKeys: new Map() });
    expect(fake.requestsTo('GET', `${P}/p/environments/prod/experiments`).map((r) => r.query.get('offset'))).toEqual([
      null,
      '1',
    ]);
    expect(fake.requestsTo('GET', `${P}/p/experiments`)).toEqual([]);
    expect(live.environments[0]!.experiments.map((e) => e.key)).toEqual(['exp-a', 'exp-b']);
  });

  it('names the one environment with `env` when the run has only one in the project', async () => {
    const { client } = testClient(fake);
    await fetchLive(client, {
      targets: [{ project: 'p', environment: 'prod' }],
      flagKeys: new Map([['p', new Set(['f-manifest'])]]),
    });
    expect(
      fake.requests
        .filter((r) => r.path.startsWith('/api/v2/flags/p/'))
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/api/v2/flags/p/f-holdout?env=prod',
      '/api/v2/flags/p/f-live-a?env=prod',
      '/api/v2/flags/p/f-manifest?env=prod',
      '/api/v2/flags/p/f-old?env=prod',
      '/api/v2/flags/p/f-shared?env=prod',
    ]);
  });

  it('reads the flags the manifests name at once, with the lists, not after them', async () => {
    // Nothing is answered until seven reads are in flight at once.
    fake.holdUntilInFlight(7);
    const { client } = testClient(fake);
    await fetchLive(client, {
      targets: [{ project: 'p', environment: 'prod' }],
      flagKeys: new Map([['p', new Set(['f-manifest'])]]),
    });
    const order = fake.requests.map((r) => r.path);
    const manifestFlag = order.indexOf('/api/v2/flags/p/f-manifest');
    const lastList = order.indexOf(`${P}/p/environments/prod/holdouts`);
    // Sent in the first wave (10 reads in flight), before any answer to a list arrived.
    expect(fake.maxInFlight).toBeGreaterThanOrEqual(7);
    expect(manifestFlag).toBeGreaterThanOrEqual(0);
    expect(manifestFlag).toBeLessThan(7);
    expect(lastList).toBeLessThan(7);
  });

  it('lists the project flag keys once, paging, only for a project with a missing flag', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, request);
    const listings = fake.requestsTo('GET', '/api/v2/flags/p').filter((r) => r.query.get('summary') === 'true');
    expect(listings.map((r) => r.url)).toEqual([
      '/api/v2/flags/p?limit=20&summary=true',
      '/api/v2/flags/p?limit=20&summary=true&offset=20',
    ]);
    expect(live.projects.get('p')!.flagKeys).toEqual([
      'f-mising',
      ...Array.from({ length: 19 }, (_, i) => `f-${i}`),
      'f-shared',
    ]);
    // Project q asked for no missing flag: no listing, no field.
    expect(fake.requestsTo('GET', '/api/v2/flags/q')).toEqual([]);
    expect(live.projects.get('q')!).not.toHaveProperty('flagKeys');
  });

  it('sends no listing when every requested flag exists', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, { ...request, flagKeys: new Map([['p', new Set(['f-manifest'])]]) });
    const without = fake.requests.length;
    expect(fake.requests.filter((r) => r.path === '/api/v2/flags/p')).toEqual([]);
    expect(live.projects.get('p')!).not.toHaveProperty('flagKeys');
    expect([...live.projects.get('p')!.missingFlags]).toEqual([]);

    // The same run with one missing flag costs exactly the two listing pages and the 404 more,
    // plus the first page of the flags in experiments per environment (three named flags in two
    // environments make the list worth trying; here it is empty).
    fake.requests.length = 0;
    await fetchLive(client, request);
    expect(fake.requests.length - without).toBe(3 + 2);
  });

  it('fails when listing the flags fails', async () => {
    fake.route('GET', '/api/v2/flags/p', { status: 403, body: { code: 'forbidden', message: 'no' } });
    const { client } = testClient(fake);
    await expect(fetchLive(client, request)).rejects.toBeInstanceOf(RemoteError);
  });

  it('reads project-wide things once per project, however many environments', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, request);
    const count = (path: string) => fake.requestsTo('GET', path).length;
    expect(count('/api/v2/metrics/p')).toBe(2); // two pages, one pass
    expect(fake.requestsTo('GET', '/api/v2/metrics/p').map((r) => r.url)).toEqual([
      '/api/v2/metrics/p?limit=50',
      '/api/v2/metrics/p?limit=50&offset=2',
    ]);
    for (const path of [`${P}/p/context-kinds`, `${P}/p/experimentation-settings`, `${P}/p/metric-groups`]) {
      expect(count(path)).toBe(1);
    }
    const p = live.projects.get('p')!;
    expect([...p.metrics.keys()]).toEqual(['m1', 'm2', 'm3']);
    expect([...p.metricGroups.keys()]).toEqual(['funnel']);
    expect(p.randomizationUnits).toEqual(['user', 'org']);
    expect(p.contextKinds).toEqual([{ key: 'user', name: 'User' }]);
    const groups = fake.requestsTo('GET', `${P}/p/metric-groups`)[0]!;
    expect(fake.headerValues(groups, 'ld-api-version')).toEqual(['beta']);
    expect(groups.url).toBe(`${P}/p/metric-groups?limit=50`);
  });

  it('lists active and archived experiments expanded, and reads summaries and holdouts one by one', async () => {
    const { client } = testClient(fake);
    const live = await fetchLive(client, request);
    // Project p has two environments in the run: one list across environments, not one per environment.
    expect(fake.requestsTo('GET', `${P}/p/experiments`).map((r) => r.url)).toEqual([
      `${P}/p/experiments?limit=20&lifecycleState=active,archived&expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus`,
      `${P}/p/experiments?limit=20&lifecycleState=active,archived&expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus&offset=2`,
    ]);
    expect(fake.requestsTo('GET', `${P}/p/environments/prod/experiments`)).toEqual([]);
    expect(fake.requestsTo('GET', `${P}/p/environments/staging/experiments`)).toEqual([]);
    // Project q has one: its environment's own list.
    expect(fake.requestsTo('GET', `${P}/q/environments/prod/experiments`)).toHaveLength(1);
    // exp-a came with treatments; only the summary exp-b is read on its own.
    expect(fake.requests.filter((r) => /\/experiments\/[^/]+$/.test(r.path)).map((r) => r.url)).toEqual([
      `${P}/p/environments/prod/experiments/exp-b?expand=draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations,mutableFieldsByStatus`,
    ]);
    expect(fake.requestsTo('GET', `${P}/p/environments/prod/holdouts/h1`).map((r) => r.url)).toEqual([
      `${P}/p/environments/prod/holdouts/h1?expand=draftIteration,treatments,rel-draftIteration,rel-treatments`,
    ]);
    expect(fake.requestsTo('GET', `${P}/p/environments/prod/holdouts`)[0]!.url).toBe(
      `${P}/p/environments/prod/holdouts?limit=20`,
    );
    // Holdout calls say `LD-API-Version: beta` (the holdouts doc page asks for it; see src/live/README.md); others the dated version.
    const holdoutCalls = fake.requests.filter((r) => r.path.includes('/holdouts'));
    expect(holdoutCalls.flatMap((r) => fake.headerValues(r, 'ld-api-version'))).toEqual(holdoutCalls.map(() => 'beta'));
    expect(fake.headerValues(fake.requestsTo('GET', `${P}/p/experiments`)[0]!, 'ld-api-version')).toEqual(['20240415']);

    expect(live.baseUrl).toBe(fake.url);
    expect(live.environments.map((e) => `${e.project}/${e.environment}`)).toEqual(['p/prod', 'q/prod', 'p/staging']);
    const prod = live.environments[0]!;
    expect(prod.experiments.map((e) => e.key)).toEqual(['exp-a', 'exp-b']);
    expect(prod.experiments[1]!.mutableFieldsByStatus).toEqual({ not_started: { name: ['update'] } });
    expect(prod.holdouts.map((h) => h._id)).toEqual(['h1-id']);
    expect(prod.holdouts[0]!.relatedExperiments!.map((e) => e.key)).toEqual(['exp-a']);
    expect(live.environments[2]!.experiments.map((e) => e.key)).toEqual(['exp-c']);
  });

  it('reads concurrently, up to the client read concurrency and no further', async () => {
    // Nothing is answered until two reads are in flight at once: serial reads never get there.
    fake.holdUntilInFlight(2);
    fake.delayMs = 5;
    const { client } = testClient(fake, { readConcurrency: 2 });
    await fetchLive(client, request);
    expect(fake.maxInFlight).toBe(2);
  });

  it('fails on errors other than 404', async () => {
    fake.route('GET', `${P}/p/experimentation-settings`, { status: 403, body: { code: 'forbidden', message: 'no' } });
    const { client } = testClient(fake);
    await expect(fetchLive(client, request)).rejects.toBeInstanceOf(RemoteError);
  });

  it('reports a phase per project', async () => {
    const { client } = testClient(fake);
    const events: unknown[] = [];
    await fetchLive(client, request, { report: (e) => events.push(e) });
    expect(events).toEqual([
      { type: 'phase', message: 'Reading project p' },
      { type: 'phase', message: 'Reading project q' },
    ]);
  });
});
