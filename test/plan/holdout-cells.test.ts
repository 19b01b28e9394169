/** Each holdout lifecycle cell called with its row: exact input → exact value. */
import { describe, expect, it } from 'vitest';

import type { LiveState } from '../../src/live/types.js';
import { holdoutPost } from '../../src/plan/bodies.js';
import { HOLDOUT_LIFECYCLE, holdoutCell, type HoldoutCellValue, type HoldoutRow } from '../../src/plan/holdouts.js';
import type { Problem } from '../../src/types.js';
import { holdout, liveFromDesired, liveState, manifestSet, type HoldoutOverrides } from '../helpers/builders.js';
import { holdoutRowFor } from './rows.js';

const liveAs =
  (state: 'active' | 'ended', overrides: HoldoutOverrides = {}) =>
  (): LiveState =>
    liveFromDesired(manifestSet([], [holdout({ state, ...overrides })]));

type ProblemShape = [Problem['severity'], string, string | undefined];

interface Case {
  name: string;
  cell: keyof typeof HOLDOUT_LIFECYCLE;
  manifest: HoldoutOverrides;
  live: () => LiveState;
  /** The value, with problems as [severity, code, pointer] and changes as their fields. */
  value: (row: HoldoutRow) => Omit<HoldoutCellValue, 'problems' | 'changes' | 'unapplied'> & {
    problems?: ProblemShape[];
    changes?: string[];
    unapplied?: { reason: string; changes: string[] };
  };
}

const NEW_FIELDS = ['name', 'randomizationUnit', 'holdoutAmount', 'primaryMetric', 'metrics'];

const cases: Case[] = [
  {
    name: 'creates the holdout',
    cell: 'absent->active',
    manifest: {},
    live: () => liveState(),
    value: (row) => ({
      steps: [
        {
          request: { kind: 'createHoldout', body: holdoutPost(row.resolved) },
          impact: 'create',
          reason: 'creates holdout "Q4 holdout", which keeps 5% of traffic out of its experiments',
        },
      ],
      changes: NEW_FIELDS,
      end: false,
    }),
  },
  {
    name: 'does not create an ended holdout',
    cell: 'absent->ended',
    manifest: { state: 'ended' },
    live: () => liveState(),
    value: () => ({
      steps: [],
      problems: [['warning', 'NothingToEnd', '/spec/state']],
      unapplied: {
        reason:
          'holdout "q4-holdout" is not created: the manifest asks for an ended holdout that does not exist in LaunchDarkly',
        changes: NEW_FIELDS,
      },
      end: false,
    }),
  },
  {
    name: 'renames and describes in one patch',
    cell: 'active->active',
    manifest: { name: 'Renamed', description: 'Why' },
    live: liveAs('active'),
    value: () => ({
      steps: [
        {
          request: {
            kind: 'patchHoldout',
            instructions: [
              { kind: 'updateName', value: 'Renamed' },
              { kind: 'updateDescription', value: 'Why' },
            ],
          },
          impact: 'metadata',
          reason: "updates the holdout's name and description",
        },
      ],
      changes: ['name', 'description'],
      end: false,
    }),
  },
  {
    name: 'refuses an immutable field',
    cell: 'active->active',
    manifest: { holdoutAmount: 10 },
    live: liveAs('active'),
    value: () => ({
      steps: [],
      problems: [['error', 'HoldoutImmutableField', '/spec/holdoutAmount']],
      changes: ['holdoutAmount'],
      end: false,
    }),
  },
  {
    name: 'ends it (the endHoldout step is planned last, by the caller)',
    cell: 'active->ended',
    manifest: { state: 'ended' },
    live: liveAs('active'),
    value: () => ({ steps: [], end: true }),
  },
  {
    name: 'cannot make an ended holdout active again',
    cell: 'ended->active',
    manifest: { state: 'active' },
    live: liveAs('ended'),
    value: () => ({ steps: [], problems: [['error', 'HoldoutEnded', '/spec/state']], end: false }),
  },
  {
    name: 'an ended holdout takes no change: what differs is left unapplied',
    cell: 'ended->ended',
    manifest: { state: 'ended', name: 'Renamed' },
    live: liveAs('ended'),
    value: () => ({
      steps: [],
      unapplied: {
        reason:
          'holdout "q4-holdout" has ended in LaunchDarkly, and an ended holdout accepts no change; make the manifest match it',
        changes: ['name'],
      },
      end: false,
    }),
  },
  {
    name: 'an ended holdout as the manifest says: nothing',
    cell: 'ended->ended',
    manifest: { state: 'ended' },
    live: liveAs('ended'),
    value: () => ({ steps: [], end: false }),
  },
];

describe('holdout lifecycle cells', () => {
  it('the table has a case for every cell', () => {
    expect(new Set(cases.map((c) => c.cell))).toEqual(new Set(Object.keys(HOLDOUT_LIFECYCLE)));
  });

  it.each(cases)('$cell: $name', (c) => {
    const row = holdoutRowFor(holdout(c.manifest), c.live());
    expect(`${row.from}->${c.manifest.state ?? 'active'}`).toBe(c.cell);
    const value = holdoutCell(row);
    const expected = c.value(row);
    expect({
      ...value,
      problems: value.problems.map((p): ProblemShape => [p.severity, p.code, p.pointer]),
      changes: value.changes.map((change) => change.field),
      ...(value.unapplied
        ? { unapplied: { ...value.unapplied, changes: value.unapplied.changes.map((change) => change.field) } }
        : {}),
    }).toEqual({ problems: [], changes: [], ...expected });
  });
});
