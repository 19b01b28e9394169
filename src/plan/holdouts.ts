/**
 * The holdout lifecycle table: one cell per (live state → desired state), each a function from its
 * row to a value. Holdouts are created, renamed / described and ended; every other field is
 * immutable after creation, and an ended holdout accepts no change.
 */
import type { HoldoutDiff, ResolvedHoldout, ResourceDiff } from '../diff/types.js';
import type { LdHoldout } from '../live/ld-types.js';
import type { HoldoutManifest, HoldoutState } from '../manifest/types.js';
import type { CanonicalHoldout } from '../normalize/types.js';
import { problemAt } from '../manifest/problem.js';
import { pointer } from '../util/json-pointer.js';
import { resourceRef, type Problem, type ResourceRef } from '../types.js';
import { holdoutPost } from './bodies.js';
import type { DraftStep, StepFactory, StepSpec } from './draft.js';
import type { HoldoutInstruction } from './instructions.js';
import type { FieldChange, UnappliedDifferences } from './types.js';
import { holdoutUnapplied } from './unapplied.js';

interface HoldoutFacts {
  resolved: ResolvedHoldout;
  manifest: HoldoutManifest;
  ref: ResourceRef;
  /** With a live holdout, it compares only what both sides state; without, every desired field. */
  diff: ResourceDiff<CanonicalHoldout>;
}

/** No holdout with this key in LaunchDarkly. */
export interface AbsentHoldoutRow extends HoldoutFacts {
  from: 'absent';
}

/** A holdout LaunchDarkly holds. */
export interface LiveHoldoutRow extends HoldoutFacts {
  from: 'active' | 'ended';
  live: LdHoldout;
}

export type HoldoutRow = AbsentHoldoutRow | LiveHoldoutRow;

/** A holdout step before it has a key: the holdout is its target and what it touches. */
export type HoldoutStepSpec = Pick<StepSpec, 'request' | 'impact' | 'reason'>;

/** What a holdout cell returns. */
export interface HoldoutCellValue {
  steps: HoldoutStepSpec[];
  problems: Problem[];
  changes: FieldChange[];
  /** Differences no step makes (an ended holdout, or one that does not exist and is not created). */
  unapplied?: UnappliedDifferences;
  /** Ending is planned last, once every step touching the holdout or its experiments is known. */
  end: boolean;
}

type HoldoutCell<R extends HoldoutRow> = (row: R) => HoldoutCellValue;

const STATE = pointer('spec', 'state');

function holdoutValue(value: Partial<HoldoutCellValue>): HoldoutCellValue {
  return { steps: [], problems: [], changes: [], end: false, ...value };
}

function problem(row: HoldoutRow, at: string, code: string, message: string, severity: Problem['severity']): Problem {
  return problemAt(row.manifest.source, at, code, message, { severity });
}

// ── the cells ──────────────────────────────────────────────────────────────────────────────────

const createHoldout: HoldoutCell<AbsentHoldoutRow> = (row) => {
  const spec = row.manifest.spec;
  return holdoutValue({
    changes: row.diff.changes,
    steps: [
      {
        request: { kind: 'createHoldout', body: holdoutPost(row.resolved) },
        impact: 'create',
        reason: `creates holdout "${spec.name}", which keeps ${String(spec.holdoutAmount)}% of traffic out of its experiments`,
      },
    ],
  });
};

const nothingToEnd: HoldoutCell<AbsentHoldoutRow> = (row) => {
  const message = `holdout "${row.manifest.key}" is not created: the manifest asks for an ended holdout that does not exist in LaunchDarkly`;
  const unapplied = holdoutUnapplied(row.diff.changes, message);
  return holdoutValue({
    problems: [problem(row, STATE, 'NothingToEnd', message, 'warning')],
    ...(unapplied ? { unapplied } : {}),
  });
};

/** Immutable fields are refused; name and description are updated in one patch. */
const updateActive: HoldoutCell<LiveHoldoutRow> = (row) => {
  const problems = row.diff
    .fieldsIn('immutable')
    .map((f) =>
      problem(
        row,
        pointer('spec', f.field),
        'HoldoutImmutableField',
        `holdout field "${f.field}" is immutable after creation: create a holdout with a new key`,
        'error',
      ),
    );
  const metadata = row.diff.fieldsIn('metadata').map((f) => f.field);
  const instructions = metadata.map((field): HoldoutInstruction =>
    field === 'name'
      ? { kind: 'updateName', value: row.diff.desired?.name ?? '' }
      : { kind: 'updateDescription', value: row.diff.desired?.description ?? '' },
  );
  const steps: HoldoutStepSpec[] =
    instructions.length > 0
      ? [
          {
            request: { kind: 'patchHoldout', instructions },
            impact: 'metadata',
            reason: `updates the holdout's ${metadata.join(' and ')}`,
          },
        ]
      : [];
  return holdoutValue({ changes: row.diff.changes, problems, steps });
};

const updateAndEnd: HoldoutCell<LiveHoldoutRow> = (row) => ({ ...updateActive(row), end: true });

const holdoutEnded: HoldoutCell<LiveHoldoutRow> = (row) =>
  holdoutValue({
    problems: [
      problem(
        row,
        STATE,
        'HoldoutEnded',
        `holdout "${row.manifest.key}" has ended in LaunchDarkly and cannot be active again; create a holdout with a new key`,
        'error',
      ),
    ],
  });

const endedAsIs: HoldoutCell<LiveHoldoutRow> = (row) => {
  const unapplied = holdoutUnapplied(
    row.diff.changes,
    `holdout "${row.manifest.key}" has ended in LaunchDarkly, and an ended holdout accepts no change; make the manifest match it`,
  );
  return holdoutValue(unapplied ? { unapplied } : {});
};

type HoldoutCellKey = `${HoldoutRow['from']}->${HoldoutState}`;
type HoldoutRowAt<K extends HoldoutCellKey> = K extends `absent->${string}` ? AbsentHoldoutRow : LiveHoldoutRow;

/** The table: `live → desired`, checked by the compiler like the experiment lifecycle (docs/lifecycle.md). */
export const HOLDOUT_LIFECYCLE: { readonly [K in HoldoutCellKey]: HoldoutCell<HoldoutRowAt<K>> } = {
  'absent->active': createHoldout,
  'absent->ended': nothingToEnd,
  'active->active': updateActive,
  'active->ended': updateAndEnd,
  'ended->active': holdoutEnded,
  'ended->ended': endedAsIs,
};

/** The row a holdout is in. */
export function holdoutRow({ resolved, live, diff }: HoldoutDiff): HoldoutRow {
  const manifest = resolved.manifest;
  const facts: HoldoutFacts = { resolved, manifest, ref: resourceRef('holdout', manifest, manifest.key), diff };
  if (!live) return { ...facts, from: 'absent' };
  return { ...facts, from: live.status === 'ended' ? 'ended' : 'active', live };
}

/** The value of the row's cell for the state the manifest asks for. */
export function holdoutCell(row: HoldoutRow): HoldoutCellValue {
  const to = row.manifest.spec.state;
  return row.from === 'absent' ? HOLDOUT_LIFECYCLE[`absent->${to}`](row) : HOLDOUT_LIFECYCLE[`${row.from}->${to}`](row);
}

export interface HoldoutOutcome extends Omit<HoldoutCellValue, 'steps'> {
  resolved: ResolvedHoldout;
  live?: LdHoldout;
  steps: DraftStep[];
  /** The create step's key, for experiments that join this holdout in the same plan. */
  createStep?: string;
}

/** Plan one holdout (without its endHoldout step, see `endHoldoutStep`). */
export function planHoldout(holdout: HoldoutDiff, factory: StepFactory): HoldoutOutcome {
  const { resolved, live } = holdout;
  const row = holdoutRow(holdout);
  const value = holdoutCell(row);
  const steps = value.steps.map((spec) =>
    factory.make({ ...spec, target: row.ref, touches: [row.ref], holdout: resolved.address }),
  );
  const create = steps.find((s) => s.kind === 'createHoldout');
  return {
    ...value,
    resolved,
    ...(live ? { live } : {}),
    steps,
    ...(create ? { createStep: create.key } : {}),
  };
}

/** endHoldout, after every other step that touches the holdout or one of its experiments. */
export function endHoldoutStep(outcome: HoldoutOutcome, all: readonly DraftStep[], factory: StepFactory): DraftStep {
  const { resolved } = outcome;
  const ref = resourceRef('holdout', resolved.manifest, resolved.manifest.key);
  return factory.make({
    target: ref,
    holdout: resolved.address,
    touches: [ref],
    request: { kind: 'patchHoldout', instructions: [{ kind: 'endHoldout' }] },
    dependsOn: all.filter((s) => s.holdout === resolved.address || s.resource === resolved.address).map((s) => s.key),
    impact: 'irreversible',
    reason: `ends holdout "${resolved.manifest.spec.name}" for good: this cannot be undone`,
  });
}
