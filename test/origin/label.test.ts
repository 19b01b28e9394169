/** Three-way labels, table-driven: each row is one field's base, head and live value. */
import { describe, expect, it } from 'vitest';

import { computePlanHash } from '../../src/plan/fingerprint.js';
import { driftReport, labelOrigins, originOf, withoutOrigins } from '../../src/origin/index.js';
import type { ChangeOrigin, FieldChange, Plan, ResourcePlan } from '../../src/plan/types.js';
import { plan, resource, step } from '../render/plan-fixtures.js';

const BASE = { ref: 'origin/main', commit: '0123456789abcdef0123456789abcdef01234567' };

describe('originOf', () => {
  const rows: [string, string | undefined, string | undefined, string | undefined, ChangeOrigin | undefined][] = [
    // name, base, head, live, expected
    ['nothing changed anywhere', 'A', 'A', 'A', undefined],
    ['Git changed it, LaunchDarkly kept the base', 'A', 'B', 'A', 'git'],
    ['LaunchDarkly changed it, Git kept the base', 'A', 'A', 'B', 'drift'],
    ['both changed it, differently', 'A', 'C', 'B', 'both'],
    ['Git changed it to what LaunchDarkly already has', 'A', 'B', 'B', undefined],
    ['Git sets a field the base left out (base = live)', 'A', 'B', 'A', 'git'],
    ['Git starts managing a field LaunchDarkly has unset', undefined, 'B', undefined, 'git'],
    ['LaunchDarkly cleared a field Git keeps', 'A', 'A', undefined, 'drift'],
    ['Git clears a field LaunchDarkly changed', 'A', undefined, 'B', 'both'],
    ['new in Git, not in LaunchDarkly', undefined, 'running', undefined, 'git'],
    ['in Git at both revisions, gone from LaunchDarkly', 'running', 'running', undefined, 'drift'],
  ];
  it.each(rows)('%s', (_name, base, head, live, expected) => {
    expect(originOf({ base, head, live })).toBe(expected);
  });
});

function change(field: string, from: string | undefined, to: string | undefined): FieldChange {
  return { field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

const ADDRESS = 'experiment/web/production/x';

/** The head plan: one resource, live → head; the base plan: the same resource, live → base. */
function label(head: Partial<ResourcePlan>, base: Partial<ResourcePlan> | undefined, extra: Partial<Plan> = {}): Plan {
  const headPlan = { ...plan({ resources: [resource('x', head)] }), ...extra };
  const basePlan = plan({ resources: base ? [resource('x', base)] : [] });
  return labelOrigins(headPlan, {
    base: BASE,
    baseAddresses: new Set(base ? [ADDRESS] : []),
    basePlan,
  });
}

describe('labelOrigins', () => {
  it('labels each field from the two plans: git, drift and both on one resource', () => {
    const labelled = label(
      {
        changes: [
          change('description', 'Old', 'New'), // only Git moved
          change('name', 'UI name', 'Name'), // only LaunchDarkly moved
          change('iteration.hypothesis', 'UI guess', 'Git guess'), // both moved
        ],
      },
      { changes: [change('name', 'UI name', 'Name'), change('iteration.hypothesis', 'UI guess', 'Base guess')] },
    );
    expect(labelled.resources[0]!.changes).toEqual([
      { field: 'description', from: 'Old', to: 'New', origin: 'git' },
      { field: 'name', from: 'UI name', to: 'Name', origin: 'drift' },
      { field: 'iteration.hypothesis', from: 'UI guess', to: 'Git guess', origin: 'both' },
    ]);
    expect(labelled.base).toEqual(BASE);
  });

  const stateRows: [string, string, string, string | undefined, ChangeOrigin][] = [
    // name, live, head, base state (undefined: no base manifest), expected
    ['stopped in the UI, Git still says running', 'stopped', 'running', 'running', 'drift'],
    ['Git stops it', 'running', 'stopped', 'running', 'git'],
    ['Git stops it while the UI archived it', 'archived', 'stopped', 'running', 'both'],
    ['a manifest new in Git for a live experiment', 'draft', 'running', undefined, 'git'],
  ];
  it.each(stateRows)('state: %s', (_name, live, head, base, expected) => {
    const labelled = label(
      { stateFrom: live, stateTo: head },
      base === undefined ? undefined : { stateFrom: live, stateTo: base },
    );
    expect(labelled.resources[0]!.stateOrigin).toBe(expected);
  });

  it('labels creations: new in Git is git; in Git at the base too but missing live is drift', () => {
    const created = { action: 'create' as const, stateTo: 'draft', changes: [change('name', undefined, 'X')] };
    const added = label(created, undefined).resources[0]!;
    expect([added.stateOrigin, added.changes[0]!.origin]).toEqual(['git', 'git']);
    const missing = label(created, created).resources[0]!;
    expect([missing.stateOrigin, missing.changes[0]!.origin]).toEqual(['drift', 'drift']);
  });

  it('labels differences that cannot be applied too', () => {
    const labelled = label(
      { unapplied: { reason: 'stopped', changes: [change('iteration.hypothesis', 'UI', 'Git')] } },
      { unapplied: { reason: 'stopped', changes: [change('iteration.hypothesis', 'UI', 'Git')] } },
    );
    expect(labelled.resources[0]!.unapplied?.changes).toEqual([
      { field: 'iteration.hypothesis', from: 'UI', to: 'Git', origin: 'drift' },
    ]);
  });

  it('labels a pruned resource git when Git removed its manifest, drift when Git never had one', () => {
    const pruned = { stateFrom: 'stopped', stateTo: 'archived', impact: 'archive' as const };
    const unmanaged = { unmanaged: [{ address: ADDRESS, type: 'experiment' as const, name: 'x', status: 'stopped' }] };
    expect(label(pruned, pruned, unmanaged).resources[0]!.stateOrigin).toBe('git');
    expect(label(pruned, undefined, unmanaged).resources[0]!.stateOrigin).toBe('drift');
  });

  it('leaves a resource without changes unlabelled and adds no state label when the state stays', () => {
    const labelled = label({ action: 'no-op', impact: 'none' }, { action: 'no-op', impact: 'none' });
    expect(labelled.resources[0]).not.toHaveProperty('stateOrigin');
  });
});

describe('the plan hash', () => {
  it('does not cover the labels: the same changes hash the same with or without a base', () => {
    const head = plan({
      resources: [resource('x', { changes: [change('name', 'UI', 'Git')], stepIds: ['s1'] })],
      steps: [step('s1', ADDRESS)],
    });
    const labelled = labelOrigins(head, { base: BASE, baseAddresses: new Set([ADDRESS]), basePlan: head });
    expect(labelled.resources[0]!.changes[0]!.origin).toBe('drift');
    expect(computePlanHash(labelled)).toBe(computePlanHash(head));
    expect(withoutOrigins(labelled)).toEqual(head);
  });

  it('still covers the changes themselves', () => {
    const head = plan({ resources: [resource('x', { changes: [change('name', 'UI', 'Git')] })] });
    const edited = plan({ resources: [resource('x', { changes: [change('name', 'UI', 'Other')] })] });
    expect(computePlanHash(edited)).not.toBe(computePlanHash(head));
  });
});

describe('driftReport', () => {
  const labelledPlan = (origins: (ChangeOrigin | undefined)[]): Plan =>
    plan({
      resources: [
        resource('x', {
          changes: origins.map((origin, index) => ({
            field: `f${String(index)}`,
            from: 'ld',
            to: 'git',
            ...(origin ? { origin } : {}),
          })),
        }),
        resource('new', { action: 'create', stateTo: 'draft', changes: [change('name', undefined, 'new')] }),
      ],
    });

  it('without a base, every difference is drift; a resource LaunchDarkly lacks is not created yet', () => {
    const report = driftReport(labelledPlan([undefined, undefined]));
    expect(report.drift.map((entry) => entry.changes.map((c) => c.field))).toEqual([['f0', 'f1']]);
    expect(report.pending).toEqual([]);
    expect(report.notCreated.map((r) => r.key)).toEqual(['new']);
  });

  it("with a base, drift and both are drift; Git's own changes are pending", () => {
    const report = driftReport({ ...labelledPlan(['git', 'drift', 'both']), base: BASE });
    expect(report.drift.map((entry) => entry.changes.map((c) => c.field))).toEqual([['f1', 'f2']]);
    expect(report.pending.map((entry) => entry.changes.map((c) => c.field))).toEqual([['f0']]);
  });

  it('refuses a plan whose base could not be compared: every difference would read as drift', () => {
    const unlabelled = { ...labelledPlan([undefined]), base: { ...BASE, notCompared: 'they cannot be planned' } };
    expect(() => driftReport(unlabelled)).toThrow(
      "cannot tell drift from Git's changes: the manifests at origin/main (0123456789ab) were not compared, because they cannot be planned",
    );
  });

  it('reports a state LaunchDarkly changed, and nothing for a resource that matches', () => {
    const report = driftReport(
      plan({
        resources: [resource('x', { stateFrom: 'stopped', stateTo: 'running' }), resource('same', { action: 'no-op' })],
      }),
    );
    expect(report.drift).toEqual([
      {
        resource: expect.objectContaining({ key: 'x' }),
        changes: [],
        noManifest: false,
        state: { live: 'stopped', git: 'running' },
      },
    ]);
  });
});
