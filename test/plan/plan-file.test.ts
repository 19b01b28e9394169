import { describe, expect, it } from 'vitest';

import { buildPlan } from '../../src/pipeline.js';
import { canonicalInEnvironment } from '../../src/normalize/index.js';
import { computePlanHash, fingerprintLive } from '../../src/plan/index.js';
import { parseAddress } from '../../src/types.js';
import { experiment, holdout, ldExperiment, liveFromDesired, liveState, manifestSet } from '../helpers/builders.js';
import { planOf } from './helpers.js';

const A = 'experiment/web/production/checkout-button';

describe('unmanaged and prune', () => {
  function world() {
    const live = liveFromDesired(manifestSet([experiment()]));
    live.environments[0]!.experiments.push(
      ldExperiment({ key: 'old-draft', name: 'Old draft', tags: ['ldexp-managed'] }),
      ldExperiment({
        key: 'old-running',
        name: 'Old running',
        tags: ['ldexp-managed'],
        currentIteration: { hypothesis: '', status: 'running', createdAt: 1 },
      }),
      ldExperiment({ key: 'theirs', name: 'Not ours' }),
      ldExperiment({ key: 'gone', name: 'Gone', tags: ['ldexp-managed'], archivedDate: 5 }),
    );
    return live;
  }

  it('lists unmanaged experiments with their status and changes nothing without prune', () => {
    const plan = planOf(manifestSet([experiment()]), world());
    expect(plan.steps).toEqual([]);
    expect(plan.unmanaged.map((u) => [u.address, u.status])).toEqual([
      ['experiment/web/production/gone', 'archived'],
      ['experiment/web/production/old-draft', 'draft'],
      ['experiment/web/production/old-running', 'running'],
      ['experiment/web/production/theirs', 'draft'],
    ]);
  });

  it('archives tagged unmanaged experiments with prune, never a running one', () => {
    const desired = manifestSet([experiment({ tags: ['ldexp-managed'] })], [], { prune: true });
    const live = world();
    live.environments[0]!.experiments[0]!.tags = ['ldexp-managed'];
    const { plan, problems } = buildPlan(desired, live);
    expect(plan!.steps.map((s) => [s.id, s.path, s.instructions, s.impact])).toEqual([
      ['s1', '/api/v2/projects/web/environments/production/experiments/old-draft', ['archiveExperiment'], 'archive'],
    ]);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['PruneSkippedRunning', 'warning']]);
    expect(plan!.resources.find((r) => r.key === 'old-draft')).toMatchObject({
      action: 'update',
      stateFrom: 'draft',
      stateTo: 'archived',
      impact: 'archive',
      stepIds: ['s1'],
    });
  });

  it('warns when prune is on and a manifest lacks the managed tag', () => {
    const m = experiment();
    const { problems } = buildPlan(manifestSet([m], [], { prune: true }), liveFromDesired(manifestSet([m])));
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([['ManagedTagMissing', '/spec/name']]);
  });
});

describe('ordering', () => {
  it('orders by dependencies, then by resource address, then creation order', () => {
    // zeta runs on another flag than alpha: a shared flag would also order by flag version.
    const banner = {
      flags: { banner: { rule: 'fallthrough' } },
      treatments: [
        { name: 'Off', baseline: true, allocationPercent: 50, variations: { banner: false } },
        { name: 'On', baseline: false, allocationPercent: 50, variations: { banner: true } },
      ],
    };
    const desired = manifestSet(
      [
        experiment({ key: 'zeta', state: 'running', holdout: 'q4-holdout', iteration: banner }),
        experiment({ key: 'alpha', state: 'running' }),
      ],
      [holdout()],
    );
    const plan = planOf(desired, liveState());
    expect(plan.steps.map((s) => [s.id, s.resource, s.kind, s.dependsOn])).toEqual([
      ['s1', 'experiment/web/production/alpha', 'createExperiment', []],
      ['s2', 'experiment/web/production/alpha', 'patchExperiment', ['s1']],
      ['s3', 'holdout/web/production/q4-holdout', 'createHoldout', []],
      ['s4', 'experiment/web/production/zeta', 'createExperiment', ['s3']],
      ['s5', 'experiment/web/production/zeta', 'patchExperiment', ['s4']],
    ]);
    expect(plan.summary).toEqual({
      create: 3,
      update: 0,
      noOp: 0,
      unapplied: 0,
      unmanaged: 0,
      steps: 5,
      byImpact: { create: 3, start: 2 },
    });
  });
});

describe('plan value', () => {
  it('has a target, sorted resources and no fingerprints for objects that do not exist yet', () => {
    const plan = planOf(
      manifestSet([experiment({ key: 'b' }), experiment({ key: 'a', environment: 'staging' })]),
      liveState(),
    );
    expect(plan.formatVersion).toBe(1);
    expect(plan.target).toEqual({
      baseUrl: 'https://app.launchdarkly.com',
      projects: ['web'],
      environments: ['production', 'staging'],
    });
    expect(plan.resources.map((r) => r.address)).toEqual(['experiment/web/production/b', 'experiment/web/staging/a']);
    expect(plan.fingerprints).toEqual({});
  });

  it('fingerprints every live object a step touches, as fingerprintLive does', () => {
    const live = liveFromDesired(manifestSet([experiment()]));
    const plan = planOf(manifestSet([experiment({ name: 'New' })]), live);
    expect(Object.keys(plan.fingerprints)).toEqual([A]);
    expect(plan.fingerprints).toEqual(fingerprintLive(live, [parseAddress(A)!]));
    expect(plan.fingerprints[A]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fingerprints from the canonical form it is given for a live experiment, and computes it otherwise', () => {
    const live = liveFromDesired(manifestSet([experiment()]));
    const e = live.environments[0]!.experiments[0]!;
    const refs = [parseAddress(A)!];
    const computed = canonicalInEnvironment(e, live.environments[0]!);
    expect(fingerprintLive(live, refs, new Map([[e, computed]]))).toEqual(fingerprintLive(live, refs));
    const other = { ...computed, name: 'Not what LaunchDarkly holds' };
    expect(fingerprintLive(live, refs, new Map([[e, other]]))[A]).not.toBe(fingerprintLive(live, refs)[A]);
    const lookalike = { ...e };
    expect(fingerprintLive(live, refs, new Map([[lookalike, other]]))).toEqual(fingerprintLive(live, refs));
  });

  it('changes a fingerprint when the live object moves, not when the server reorders it', () => {
    const live = liveFromDesired(manifestSet([experiment()]));
    const before = fingerprintLive(live)[A];
    const e = live.environments[0]!.experiments[0]!;
    const reordered = {
      ...e,
      draftIteration: { ...e.draftIteration!, treatments: [...e.draftIteration!.treatments!].reverse() },
    };
    live.environments[0]!.experiments[0] = reordered;
    expect(fingerprintLive(live)[A]).toBe(before);
    live.environments[0]!.experiments[0] = { ...reordered, name: 'Edited in the UI' };
    expect(fingerprintLive(live)[A]).not.toBe(before);
  });

  it('fingerprints all live experiments and holdouts when no addresses are given', () => {
    const live = liveFromDesired(manifestSet([experiment()], [holdout()]));
    expect(Object.keys(fingerprintLive(live))).toEqual([A, 'holdout/web/production/q4-holdout']);
    expect(fingerprintLive(live, [parseAddress('experiment/web/production/none')!])).toEqual({});
  });

  it('hashes the steps deterministically, and a different body gives a different hash', () => {
    const desired = manifestSet([experiment({ state: 'running' })]);
    const first = planOf(desired, liveState());
    const second = planOf(desired, liveState());
    expect(first.hash).toBe(second.hash);
    const { hash, ...unhashed } = first;
    expect(hash).toBe(computePlanHash(unhashed));
    const other = planOf(manifestSet([experiment({ state: 'running', name: 'Other' })]), liveState());
    expect(other.hash).not.toBe(first.hash);
    const tampered = structuredClone(unhashed);
    (tampered.steps[0]!.body as Record<string, unknown>)['name'] = 'x';
    expect(computePlanHash(tampered)).not.toBe(first.hash);
  });

  it('never mutates its inputs', () => {
    const desired = manifestSet([experiment({ state: 'running', tags: ['b', 'a'] })], [holdout()]);
    const live = liveFromDesired(manifestSet([experiment({ tags: ['z'] })]));
    const snapshot = JSON.stringify([desired, live.environments]);
    buildPlan(desired, live);
    expect(JSON.stringify([desired, live.environments])).toBe(snapshot);
  });
});
