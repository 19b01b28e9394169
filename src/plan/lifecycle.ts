/**
 * The lifecycle table of manifest-format.md, one named cell per (live state → desired state).
 * Each cell adds steps and problems to an ExperimentPlanner; docs/lifecycle.md mirrors this file.
 */
import type { ExperimentState } from '../manifest/types.js';
import {
  iterationNumber,
  iterationState,
  liveStatus,
  runningIterationNumber,
  type LiveStatus,
} from '../normalize/status.js';
import { pointer } from '../util/json-pointer.js';
import { acknowledgedRestart, warnUnusedAcknowledgement } from './acknowledge.js';
import { additions, experimentPost, flagInputs, iterationInput } from './bodies.js';
import type { ExperimentPlanner } from './experiment.js';
import { experimentsPath, iterationsPath } from './paths.js';

type From = 'absent' | LiveStatus;
type Cell = (p: ExperimentPlanner) => void;

const STATE = pointer('spec', 'state');

// ── building blocks ────────────────────────────────────────────────────────────────────────────

function create(p: ExperimentPlanner): void {
  const link = p.input.resolved.holdout;
  const bindings =
    link && link.id === undefined && p.input.holdoutCreateStep !== undefined
      ? [{ bodyPointer: '/holdoutId', fromStep: p.input.holdoutCreateStep, responsePointer: '/_id' }]
      : [];
  p.add({
    kind: 'createExperiment',
    method: 'POST',
    path: experimentsPath(p.manifest),
    body: experimentPost(p.input.resolved, p.input.desired),
    dependsOn: bindings.map((b) => b.fromStep),
    bindings,
    impact: 'create',
    reason: `creates experiment "${p.name}" with a draft iteration${link ? ` in holdout "${link.key}"` : ''}`,
  });
}

function start(p: ExperimentPlanner, edits: ReturnType<ExperimentPlanner['updates']>, iteration: number): void {
  p.checkFlagsOn();
  const { update, doing } = p.startEdits(edits);
  const before = update ? [update] : [];
  const running = p.input.live ? runningIterationNumber(p.input.live) : undefined;
  if (running === undefined) {
    p.patch(
      [...before, { kind: 'startIteration' }],
      'start',
      `${doing}starts iteration ${String(iteration)}: traffic enters the experiment and results start counting`,
    );
    return;
  }
  // A draft next to a running iteration: starting it ends the running one, like a restart.
  const justification = acknowledgedRestart(p, running, 'starting the draft iteration');
  if (justification === undefined) return;
  p.noteEndingIteration();
  p.context.changeJustification = justification;
  p.patch(
    [...before, { kind: 'startIteration', changeJustification: justification }],
    'new-iteration',
    `${doing}starts iteration ${String(iteration)}, which ends running iteration ${String(running)}: ${restartWords(running, iteration, justification)}`,
  );
}

/** What every restart step says after naming it: where the results go, what starts, and why. */
function restartWords(ending: number, starting: number, justification: string): string {
  return `its results stay with iteration ${String(ending)} and iteration ${String(starting)} starts from zero (justification: "${justification}")`;
}

function stopInstruction(p: ExperimentPlanner): { kind: string; [k: string]: unknown } | undefined {
  const stop = p.manifest.spec.stop;
  p.noteEndingIteration();
  if (stop) p.context.winner = stop.winner;
  if (!stop) {
    // `stop` is missing, so point where MissingStop would: at the state that asks for the stop.
    p.error(
      pointer('spec', 'state'),
      'WinnerRequired',
      'stopping a running experiment needs `stop.winner` (LaunchDarkly requires a winning treatment; declare the baseline when inconclusive)',
    );
    return undefined;
  }
  const treatments = p.input.live?.draftIteration?.treatments ?? p.input.live?.currentIteration?.treatments ?? [];
  const winner = treatments.find((t) => t.name === stop.winner);
  // TreatmentRep._id is the variation ID; without the expand it is still the first parameter's variation.
  const id = winner?._id ?? winner?.parameters?.[0]?.variationId;
  if (id === undefined) {
    p.error(
      pointer('spec', 'stop', 'winner'),
      'UnknownWinner',
      `the running iteration has no treatment "${stop.winner}"; it has: ${treatments.map((t) => t.name).join(', ')}`,
    );
    return undefined;
  }
  return {
    kind: 'stopIteration',
    winningTreatmentId: id,
    ...(stop.reason !== undefined ? { winningReason: stop.reason } : {}),
  };
}

function newIteration(p: ExperimentPlanner, n: number): void {
  p.add({
    kind: 'createIteration',
    method: 'POST',
    path: iterationsPath(p.manifest, p.manifest.key),
    body: iterationInput(p.input.resolved),
    impact: 'draft-edit',
    reason: `creates iteration ${String(n + 1)} as a draft; the results of iteration ${String(n)} stay with it`,
  });
}

// ── the cells ──────────────────────────────────────────────────────────────────────────────────

const createDraft: Cell = (p) => {
  create(p);
};

const createAndStart: Cell = (p) => {
  create(p);
  start(p, undefined, 1);
};

const nothingToStop: Cell = (p) => {
  const why = p.input.live ? 'was never started (its iteration is a draft)' : 'does not exist in LaunchDarkly';
  p.error(
    STATE,
    'NothingToStop',
    `experiment "${p.manifest.key}" ${why}, so it cannot be stopped; make it running first`,
  );
};

const archivedButAbsent: Cell = (p) => {
  p.applied = 'none';
  p.warn(
    STATE,
    'NothingToArchive',
    `experiment "${p.manifest.key}" is not created: the manifest asks for an archived experiment that does not exist in LaunchDarkly`,
  );
};

const editDraft: Cell = (p) => {
  const edits = p.allUpdates();
  if (!edits) return;
  const onlyMetadata = p.designFields().length === 0;
  p.patch([edits], onlyMetadata ? 'metadata' : 'draft-edit', `edits the draft: ${Object.keys(edits.value).join(', ')}`);
};

const editDraftAndStart: Cell = (p) => {
  start(p, p.allUpdates(), iterationNumber(p.live));
};

const archive: Cell = (p) => {
  p.applied = 'none';
  p.patch(
    [{ kind: 'archiveExperiment' }],
    'archive',
    'archives the experiment (its results are kept; it can be restored)',
  );
};

const cannotUnstart: Cell = (p) => {
  p.error(
    STATE,
    'CannotUnstart',
    `experiment "${p.manifest.key}" is running and cannot go back to draft; stop it (state: stopped) and then ask for a draft`,
  );
};

const updateRunning: Cell = (p) => {
  const metadata = p.metadataUpdates();
  const design = p.input.diff.fieldsIn('design');
  const grown = design.length > 0 ? additions(design, p.input.desired, p.liveCanonical) : {};
  if (grown) {
    const value = { ...(metadata?.value ?? {}), ...grown };
    if (Object.keys(value).length === 0) return;
    const what = Object.keys(value).join(', ');
    p.patch(
      [{ kind: 'updateExperimentFields', value }],
      'metadata',
      `updates the running experiment in place: ${what}`,
    );
    return;
  }
  const n = runningIterationNumber(p.live) ?? iterationNumber(p.live);
  const justification = acknowledgedRestart(p, n, `changing ${p.designFields().join(', ')}`);
  if (justification === undefined) return;
  p.checkFlagsOn();
  p.noteEndingIteration();
  p.context.changeJustification = justification;
  const design_ = p.updates(p.input.diff.fieldsIn('design'));
  // The flags always travel with their current flagConfigVersion: LaunchDarkly refuses a stale one,
  // so a second restart planned against the same iteration (a concurrent apply) is refused by the
  // server instead of resetting results twice.
  // (Unless LaunchDarkly's own mutableFieldsByStatus says flags cannot be set on the new iteration.)
  const allowed = p.input.live?.mutableFieldsByStatus?.not_started;
  const token = allowed === undefined || (allowed['flags'] ?? []).includes('update');
  const flags = { operation: 'update', value: flagInputs(p.input.resolved) };
  const value = { ...(token ? { flags } : {}), ...(design_?.value ?? {}) };
  const reshuffle = p.input.desired.iteration.canReshuffleTraffic
    ? ' Traffic may be reshuffled between treatments.'
    : '';
  p.patch(
    [...(metadata ? [metadata] : []), { kind: 'saveAndStartNewIteration', changeJustification: justification, value }],
    'new-iteration',
    `restarts iteration ${String(n)}: ${restartWords(n, n + 1, justification)}.${reshuffle}`,
  );
};

const stop: Cell = (p) => {
  p.applied = 'metadata';
  const instruction = stopInstruction(p);
  if (!instruction) return;
  const metadata = p.metadataUpdates();
  const winner = p.manifest.spec.stop?.winner ?? '';
  p.patch(
    [...(metadata ? [metadata] : []), instruction],
    'stop',
    `stops the experiment and declares "${winner}" the winner`,
  );
};

const stopAndArchive: Cell = (p) => {
  p.applied = 'none';
  const instruction = stopInstruction(p);
  if (!instruction) return;
  const winner = p.manifest.spec.stop?.winner ?? '';
  p.patch(
    [instruction, { kind: 'archiveExperiment' }],
    'archive',
    `stops the experiment, declares "${winner}" the winner and archives it`,
  );
};

const newDraftIteration: Cell = (p) => {
  newIteration(p, iterationNumber(p.live));
  const edits = p.experimentLevelUpdates();
  if (edits) p.patch([edits], 'draft-edit', `updates the experiment: ${Object.keys(edits.value).join(', ')}`);
};

const newIterationAndStart: Cell = (p) => {
  const n = iterationNumber(p.live);
  newIteration(p, n);
  start(p, p.experimentLevelUpdates(), n + 1);
};

const updateStopped: Cell = (p) => {
  p.applied = 'metadata';
  const design = p.designFields();
  if (design.length > 0) {
    p.warn(
      pointer('spec', 'iteration'),
      'StoppedDesignIgnored',
      `experiment "${p.manifest.key}" is stopped, so changes to ${design.join(', ')} are not applied; ask for state draft or running to start a new iteration with them`,
    );
  }
  const metadata = p.metadataUpdates();
  if (metadata)
    p.patch([metadata], 'metadata', `updates the stopped experiment: ${Object.keys(metadata.value).join(', ')}`);
};

const nothing: Cell = (p) => {
  p.applied = 'none';
};

/** The table: `live → desired`. Archived rows other than archived→archived restore first (see planLifecycle). */
export const LIFECYCLE: Readonly<
  Record<`${Exclude<From, 'archived'>}->${ExperimentState}` | 'archived->archived', Cell>
> = {
  'absent->draft': createDraft,
  'absent->running': createAndStart,
  'absent->stopped': nothingToStop,
  'absent->archived': archivedButAbsent,
  'draft->draft': editDraft,
  'draft->running': editDraftAndStart,
  'draft->stopped': nothingToStop,
  'draft->archived': archive,
  'running->draft': cannotUnstart,
  'running->running': updateRunning,
  'running->stopped': stop,
  'running->archived': stopAndArchive,
  'stopped->draft': newDraftIteration,
  'stopped->running': newIterationAndStart,
  'stopped->stopped': updateStopped,
  'stopped->archived': archive,
  'archived->archived': nothing,
};

/** Where the experiment is now, as the table's row names it. */
export function rowOf(p: ExperimentPlanner): From {
  return p.input.live ? liveStatus(p.input.live) : 'absent';
}

/**
 * Run the cell for this experiment; an archived experiment is restored, then planned from its
 * iteration state. Then say whether the manifest acknowledges a restart that no step makes.
 */
export function planLifecycle(p: ExperimentPlanner): void {
  const from = rowOf(p);
  const to = p.manifest.spec.state;
  if (from === 'archived' && to !== 'archived') {
    p.patch([{ kind: 'restoreExperiment' }], 'restore', 'restores the archived experiment so it can change again');
    LIFECYCLE[`${iterationState(p.live)}->${to}`](p);
  } else {
    const cell: keyof typeof LIFECYCLE = from === 'archived' ? 'archived->archived' : `${from}->${to}`;
    LIFECYCLE[cell](p);
  }
  warnUnusedAcknowledgement(p);
}
