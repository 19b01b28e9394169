/**
 * The lifecycle table of manifest-format.md, one named cell per (live state → desired state).
 * Each cell is a function from its row (what is live, typed so that a cell reads only what its row
 * guarantees) to a CellValue: the steps, problems and what they show. docs/lifecycle.md mirrors this file.
 */
import type { ExperimentState } from '../manifest/types.js';
import { iterationNumber, iterationState, runningIterationNumber, type LiveStatus } from '../normalize/status.js';
import { pointer } from '../util/json-pointer.js';
import { acknowledgedRestart, unusedAcknowledgement } from './acknowledge.js';
import { additions, experimentPost, flagInputs, iterationInput } from './bodies.js';
import type { StepSpec } from './draft.js';
import {
  allUpdates,
  cellValue,
  designFields,
  experimentLevelUpdates,
  endingContext,
  errorAt,
  flagsOffForStart,
  metadataUpdates,
  patchSpec,
  startEdits,
  updates,
  warningAt,
  type AbsentRow,
  type CellPart,
  type CellValue,
  type ExperimentRow,
  type LiveRow,
} from './experiment.js';
import type { FieldUpdates, StopIteration, UpdateExperimentFields } from './instructions.js';

type Cell<R extends ExperimentRow> = (row: R) => CellValue;

const STATE = pointer('spec', 'state');

// ── building blocks ────────────────────────────────────────────────────────────────────────────

function create(row: AbsentRow): CellPart {
  const link = row.resolved.holdout;
  const bindings =
    link && link.id === undefined && row.holdoutCreateStep !== undefined
      ? [{ bodyPointer: '/holdoutId', fromStep: row.holdoutCreateStep, responsePointer: '/_id' }]
      : [];
  const step: StepSpec = {
    request: { kind: 'createExperiment', body: experimentPost(row.resolved, row.desired) },
    dependsOn: bindings.map((b) => b.fromStep),
    bindings,
    impact: 'create',
    reason: `creates experiment "${row.manifest.spec.name}" with a draft iteration${link ? ` in holdout "${link.key}"` : ''}`,
  };
  return { steps: [step] };
}

/** Start the draft `iteration`; `newDraft`: this plan creates the draft it starts. */
function start(
  row: ExperimentRow,
  edits: UpdateExperimentFields | undefined,
  iteration: number,
  newDraft: boolean,
): CellPart {
  const problems = flagsOffForStart(row);
  const { update, doing } = startEdits(row, edits, newDraft);
  const before = update ? [update] : [];
  const running = row.from === 'absent' ? undefined : runningIterationNumber(row.live);
  if (running === undefined || row.from === 'absent') {
    const reason = `${doing}starts iteration ${String(iteration)}: traffic enters the experiment and results start counting`;
    return { problems, steps: [patchSpec(row, [...before, { kind: 'startIteration' }], 'start', reason)] };
  }
  // A draft next to a running iteration: starting it ends the running one, like a restart.
  const ack = acknowledgedRestart(row, running, 'starting the draft iteration');
  if ('problem' in ack) return { problems: [...problems, ack.problem], acknowledged: true };
  const { justification } = ack;
  return {
    problems,
    acknowledged: true,
    context: { ...endingContext(row.live), changeJustification: justification },
    steps: [
      patchSpec(
        row,
        [...before, { kind: 'startIteration', changeJustification: justification }],
        'new-iteration',
        `${doing}starts iteration ${String(iteration)}, which ends running iteration ${String(running)}: ${restartWords(running, iteration, justification)}`,
      ),
    ],
  };
}

/** What every restart step says after naming it: where the results go, what starts, and why. */
function restartWords(ending: number, starting: number, justification: string): string {
  return `its results stay with iteration ${String(ending)} and iteration ${String(starting)} starts from zero (justification: "${justification}")`;
}

/** The stopIteration the manifest's `stop` asks for, or the problems saying why there is none. */
function stopInstruction(row: LiveRow): CellPart & { instruction?: StopIteration } {
  const stop = row.manifest.spec.stop;
  const context = { ...endingContext(row.live), ...(stop ? { winner: stop.winner } : {}) };
  if (!stop) {
    // `stop` is missing, so point where MissingStop would: at the state that asks for the stop.
    const message =
      'stopping a running experiment needs `stop.winner` (LaunchDarkly requires a winning treatment; declare the baseline when inconclusive)';
    return { context, problems: [errorAt(row, pointer('spec', 'state'), 'WinnerRequired', message)] };
  }
  const treatments = row.live.draftIteration?.treatments ?? row.live.currentIteration?.treatments ?? [];
  const winner = treatments.find((t) => t.name === stop.winner);
  // TreatmentRep._id is the variation ID; without the expand it is still the first parameter's variation.
  const id = winner?._id ?? winner?.parameters?.[0]?.variationId;
  if (id === undefined) {
    const message = `the running iteration has no treatment "${stop.winner}"; it has: ${treatments.map((t) => t.name).join(', ')}`;
    return { context, problems: [errorAt(row, pointer('spec', 'stop', 'winner'), 'UnknownWinner', message)] };
  }
  return {
    context,
    instruction: {
      kind: 'stopIteration',
      winningTreatmentId: id,
      ...(stop.reason !== undefined ? { winningReason: stop.reason } : {}),
    },
  };
}

function newIteration(row: LiveRow, n: number): StepSpec {
  return {
    request: { kind: 'createIteration', body: iterationInput(row.resolved) },
    impact: 'draft-edit',
    reason: `creates iteration ${String(n + 1)} as a draft; the results of iteration ${String(n)} stay with it`,
  };
}

// ── the cells ──────────────────────────────────────────────────────────────────────────────────

const createDraft: Cell<AbsentRow> = (row) => cellValue('all', create(row));

const createAndStart: Cell<AbsentRow> = (row) => cellValue('all', create(row), start(row, undefined, 1, true));

const nothingToStop: Cell<ExperimentRow> = (row) => {
  const why = row.from === 'absent' ? 'does not exist in LaunchDarkly' : 'was never started (its iteration is a draft)';
  const message = `experiment "${row.manifest.key}" ${why}, so it cannot be stopped; make it running first`;
  return cellValue('all', { problems: [errorAt(row, STATE, 'NothingToStop', message)] });
};

const archivedButAbsent: Cell<AbsentRow> = (row) => {
  const message = `experiment "${row.manifest.key}" is not created: the manifest asks for an archived experiment that does not exist in LaunchDarkly`;
  return cellValue('none', { problems: [warningAt(row, STATE, 'NothingToArchive', message)] });
};

const editDraft: Cell<LiveRow> = (row) => {
  const edits = allUpdates(row);
  if (!edits) return cellValue('all');
  const impact = designFields(row).length === 0 ? 'metadata' : 'draft-edit';
  const reason = `edits the draft: ${Object.keys(edits.value).join(', ')}`;
  return cellValue('all', { steps: [patchSpec(row, [edits], impact, reason)] });
};

const editDraftAndStart: Cell<LiveRow> = (row) =>
  cellValue('all', start(row, allUpdates(row), iterationNumber(row.live), false));

const archive: Cell<LiveRow> = (row) => {
  const reason = 'archives the experiment (its results are kept; it can be restored)';
  return cellValue('none', { steps: [patchSpec(row, [{ kind: 'archiveExperiment' }], 'archive', reason)] });
};

const cannotUnstart: Cell<LiveRow> = (row) => {
  const message = `experiment "${row.manifest.key}" is running and cannot go back to draft; stop it (state: stopped) and then ask for a draft`;
  return cellValue('all', { problems: [errorAt(row, STATE, 'CannotUnstart', message)] });
};

const updateRunning: Cell<LiveRow> = (row) => {
  const metadata = metadataUpdates(row);
  const design = row.diff.fieldsIn('design');
  const grown = design.length > 0 ? additions(design, row.desired, row.liveCanonical) : {};
  if (grown) {
    const value: FieldUpdates = { ...(metadata?.value ?? {}), ...grown };
    if (Object.keys(value).length === 0) return cellValue('all');
    const reason = `updates the running experiment in place: ${Object.keys(value).join(', ')}`;
    return cellValue('all', {
      steps: [patchSpec(row, [{ kind: 'updateExperimentFields', value }], 'metadata', reason)],
    });
  }
  return cellValue('all', restart(row, metadata));
};

/** A design change to a running experiment: a new iteration, only when the manifest acknowledges it. */
function restart(row: LiveRow, metadata: UpdateExperimentFields | undefined): CellPart {
  const n = runningIterationNumber(row.live) ?? iterationNumber(row.live);
  const ack = acknowledgedRestart(row, n, `changing ${designFields(row).join(', ')}`);
  if ('problem' in ack) return { problems: [ack.problem], acknowledged: true };
  const { justification } = ack;
  const design = updates(row, row.diff.fieldsIn('design'));
  // The flags always travel with their current flagConfigVersion: LaunchDarkly refuses a stale one,
  // so a second restart planned against the same iteration (a concurrent apply) is refused by the
  // server instead of resetting results twice.
  // (Unless LaunchDarkly's own mutableFieldsByStatus says flags cannot be set on the new iteration.)
  const allowed = row.live.mutableFieldsByStatus?.not_started;
  const token = allowed === undefined || (allowed['flags'] ?? []).includes('update');
  const value: FieldUpdates = {
    ...(token ? { flags: { operation: 'update', value: flagInputs(row.resolved) } } : {}),
    ...(design?.value ?? {}),
  };
  const reshuffle = row.desired.iteration.canReshuffleTraffic ? ' Traffic may be reshuffled between treatments.' : '';
  return {
    problems: flagsOffForStart(row),
    acknowledged: true,
    context: { ...endingContext(row.live), changeJustification: justification },
    steps: [
      patchSpec(
        row,
        [
          ...(metadata ? [metadata] : []),
          { kind: 'saveAndStartNewIteration', changeJustification: justification, value },
        ],
        'new-iteration',
        `restarts iteration ${String(n)}: ${restartWords(n, n + 1, justification)}.${reshuffle}`,
      ),
    ],
  };
}

const stop: Cell<LiveRow> = (row) => {
  const { instruction, ...found } = stopInstruction(row);
  if (!instruction) return cellValue('metadata', found);
  const metadata = metadataUpdates(row);
  const reason = `stops the experiment and declares "${row.manifest.spec.stop?.winner ?? ''}" the winner`;
  return cellValue('metadata', found, {
    steps: [patchSpec(row, [...(metadata ? [metadata] : []), instruction], 'stop', reason)],
  });
};

const stopAndArchive: Cell<LiveRow> = (row) => {
  const { instruction, ...found } = stopInstruction(row);
  if (!instruction) return cellValue('none', found);
  const reason = `stops the experiment, declares "${row.manifest.spec.stop?.winner ?? ''}" the winner and archives it`;
  return cellValue('none', found, {
    steps: [patchSpec(row, [instruction, { kind: 'archiveExperiment' }], 'archive', reason)],
  });
};

const newDraftIteration: Cell<LiveRow> = (row) => {
  const edits = experimentLevelUpdates(row);
  const steps = [newIteration(row, iterationNumber(row.live))];
  if (edits) {
    steps.push(patchSpec(row, [edits], 'draft-edit', `updates the experiment: ${Object.keys(edits.value).join(', ')}`));
  }
  return cellValue('all', { steps });
};

const newIterationAndStart: Cell<LiveRow> = (row) => {
  const n = iterationNumber(row.live);
  return cellValue('all', { steps: [newIteration(row, n)] }, start(row, experimentLevelUpdates(row), n + 1, true));
};

const updateStopped: Cell<LiveRow> = (row) => {
  const design = designFields(row);
  const problems =
    design.length > 0
      ? [
          warningAt(
            row,
            pointer('spec', 'iteration'),
            'StoppedDesignIgnored',
            `experiment "${row.manifest.key}" is stopped, so changes to ${design.join(', ')} are not applied; ask for state draft or running to start a new iteration with them`,
          ),
        ]
      : [];
  const metadata = metadataUpdates(row);
  const steps = metadata
    ? [
        patchSpec(
          row,
          [metadata],
          'metadata',
          `updates the stopped experiment: ${Object.keys(metadata.value).join(', ')}`,
        ),
      ]
    : [];
  return cellValue('metadata', { problems, steps });
};

const nothing: Cell<LiveRow> = () => cellValue('none');

type LiveFrom = Exclude<LiveStatus, 'archived'>;
export type CellKey = `absent->${ExperimentState}` | `${LiveFrom}->${ExperimentState}` | 'archived->archived';
/** The row a cell is called with: only `absent` rows lack the live experiment. */
type RowAt<K extends CellKey> = K extends `absent->${string}` ? AbsentRow : LiveRow;

/**
 * The table: `live → desired`, each cell typed by its row, so the compiler checks that every pair
 * has a cell and that a cell reads only what its row guarantees. Archived rows other than
 * archived→archived restore first (see planLifecycle).
 */
export const LIFECYCLE: { readonly [K in CellKey]: Cell<RowAt<K>> } = {
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

/** The cell of this row and desired state; an archived experiment is restored, then planned from its iteration state. */
function cellFor(row: ExperimentRow, to: ExperimentState): CellValue {
  if (row.from === 'absent') return LIFECYCLE[`absent->${to}`](row);
  if (row.from !== 'archived') return LIFECYCLE[`${row.from}->${to}`](row);
  if (to === 'archived') return LIFECYCLE['archived->archived'](row);
  const restore = patchSpec(
    row,
    [{ kind: 'restoreExperiment' }],
    'restore',
    'restores the archived experiment so it can change again',
  );
  const after = LIFECYCLE[`${iterationState(row.live)}->${to}`](row);
  return { ...after, steps: [restore, ...after.steps] };
}

/** The lifecycle value of one experiment, with a warning when it acknowledges a restart that no step makes. */
export function planLifecycle(row: ExperimentRow): CellValue {
  const value = cellFor(row, row.manifest.spec.state);
  return { ...value, problems: [...value.problems, ...unusedAcknowledgement(row, value.acknowledged)] };
}
