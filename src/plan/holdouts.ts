/** Holdout plans: create, rename / describe, end; every other field is immutable after creation. */
import type { HoldoutDiff, ResolvedHoldout } from '../diff/types.js';
import type { LdHoldout } from '../live/ld-types.js';
import { problemAt } from '../manifest/problem.js';
import { pointer } from '../util/json-pointer.js';
import type { Problem } from '../types.js';
import { holdoutPost } from './bodies.js';
import { semanticPatch, type DraftStep, type StepFactory } from './draft.js';
import { holdoutPath, holdoutsPath } from './paths.js';
import type { FieldChange, UnappliedDifferences } from './types.js';
import { holdoutUnapplied } from './unapplied.js';

export interface HoldoutOutcome {
  resolved: ResolvedHoldout;
  live?: LdHoldout;
  steps: DraftStep[];
  problems: Problem[];
  changes: FieldChange[];
  /** Differences no step makes (an ended holdout, or one that does not exist and is not created). */
  unapplied?: UnappliedDifferences;
  /** The create step's key, for experiments that join this holdout in the same plan. */
  createStep?: string;
  /** Ending is planned last, once every step touching the holdout or its experiments is known. */
  end: boolean;
}

/** Plan one holdout (without its endHoldout step, see `endHoldoutStep`). */
export function planHoldout({ resolved, live, diff }: HoldoutDiff, factory: StepFactory): HoldoutOutcome {
  const m = resolved.manifest;
  const out: HoldoutOutcome = { resolved, steps: [], problems: [], changes: [], end: false };
  if (live) out.live = live;
  const base = { resource: resolved.address, touches: [resolved.address], holdout: resolved.address };
  if (!live) {
    if (m.spec.state === 'ended') {
      const message = `holdout "${m.key}" is not created: the manifest asks for an ended holdout that does not exist in LaunchDarkly`;
      out.problems.push(
        problemAt(m.source, pointer('spec', 'state'), 'NothingToEnd', message, { severity: 'warning' }),
      );
      const unapplied = holdoutUnapplied(diff.changes, message);
      if (unapplied) out.unapplied = unapplied;
      return out;
    }
    out.changes = diff.changes;
    const step = factory.make({
      ...base,
      kind: 'createHoldout',
      method: 'POST',
      path: holdoutsPath(m),
      body: holdoutPost(resolved),
      impact: 'create',
      reason: `creates holdout "${m.spec.name}", which keeps ${String(m.spec.holdoutAmount)}% of traffic out of its experiments`,
    });
    out.steps.push(step);
    out.createStep = step.key;
    return out;
  }
  if (live.status === 'ended') {
    if (m.spec.state === 'active') {
      out.problems.push(
        problemAt(
          m.source,
          pointer('spec', 'state'),
          'HoldoutEnded',
          `holdout "${m.key}" has ended in LaunchDarkly and cannot be active again; create a holdout with a new key`,
        ),
      );
      return out;
    }
    const unapplied = holdoutUnapplied(
      diff.changes,
      `holdout "${m.key}" has ended in LaunchDarkly, and an ended holdout accepts no change; make the manifest match it`,
    );
    if (unapplied) out.unapplied = unapplied;
    return out;
  }
  out.changes = diff.changes;
  for (const field of diff.fieldsIn('immutable')) {
    out.problems.push(
      problemAt(
        m.source,
        pointer('spec', field.field),
        'HoldoutImmutableField',
        `holdout field "${field.field}" is immutable after creation: create a holdout with a new key`,
      ),
    );
  }
  const metadata = diff.fieldsIn('metadata');
  const instructions = metadata.map((f) => ({
    kind: f.field === 'name' ? 'updateName' : 'updateDescription',
    value: diff.desired?.[f.field as 'name' | 'description'] ?? '',
  }));
  if (instructions.length > 0) {
    const reason = `updates the holdout's ${metadata.map((f) => f.field).join(' and ')}`;
    out.steps.push(
      factory.make({
        ...base,
        kind: 'patchHoldout',
        method: 'PATCH',
        path: holdoutPath(m, m.key),
        body: semanticPatch(reason, instructions),
        instructions: instructions.map((i) => i.kind),
        impact: 'metadata',
        reason,
      }),
    );
  }
  out.end = m.spec.state === 'ended';
  return out;
}

/** endHoldout, after every other step that touches the holdout or one of its experiments. */
export function endHoldoutStep(outcome: HoldoutOutcome, all: readonly DraftStep[], factory: StepFactory): DraftStep {
  const { resolved } = outcome;
  const reason = `ends holdout "${resolved.manifest.spec.name}" for good: this cannot be undone`;
  return factory.make({
    resource: resolved.address,
    holdout: resolved.address,
    touches: [resolved.address],
    kind: 'patchHoldout',
    method: 'PATCH',
    path: holdoutPath(resolved.manifest, resolved.manifest.key),
    body: semanticPatch(reason, [{ kind: 'endHoldout' }]),
    instructions: ['endHoldout'],
    dependsOn: all.filter((s) => s.holdout === resolved.address || s.resource === resolved.address).map((s) => s.key),
    impact: 'irreversible',
    reason,
  });
}
