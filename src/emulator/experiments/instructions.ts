/** The experiment semantic-patch instructions, each applied to a working copy of the project. */
import { badRequest } from '../http-error.js';
import type { Instruction } from '../semantic-patch.js';
import type { IterationState } from '../state.js';
import { applyFieldUpdates } from './fields.js';
import { begin, checkFlagVersions, checkStartable, stop, type LifecycleContext } from './lifecycle.js';

export interface InstructionContext extends LifecycleContext {
  newId: (...parts: string[]) => string;
}

type Handler = (ctx: InstructionContext, instruction: Instruction, path: string) => void;

const HANDLERS: Record<string, Handler> = {
  updateName: (ctx, ins, path) => {
    ctx.experiment.name = stringParam(ins, 'value', path, true);
  },
  updateDescription: (ctx, ins, path) => {
    ctx.experiment.description = stringParam(ins, 'value', path, false);
  },
  updateExperimentFields: (ctx, ins, path) => {
    const experiment = ctx.experiment;
    // Choice: the draft is edited when there is one, else the current iteration; the edited
    // iteration's status decides what may change, experiment-level fields included.
    const iteration = experiment.draftIteration ?? experiment.currentIteration;
    if (!iteration) throw badRequest(`experiment "${experiment.key}" has no iteration to update`);
    const target = { ...ctx, envKey: ctx.env.key, iteration, status: iteration.status };
    applyFieldUpdates(target, ins['value'], `${path}.value`);
  },
  saveAndStartNewIteration: (ctx, ins, path) => {
    const current = ctx.experiment.currentIteration;
    if (current?.status !== 'running') {
      throw badRequest(`saveAndStartNewIteration requires a running iteration`);
    }
    optionalString(ins, 'changeJustification', path);
    // Choice: an existing draft is left as it is; the copy of the running iteration starts.
    const copy = copyIteration(ctx, current);
    if (ins['value'] !== undefined) {
      // Updates land on the new, not yet started iteration, so draft rules apply.
      const target = { ...ctx, envKey: ctx.env.key, iteration: copy, status: 'not_started' as const };
      applyFieldUpdates(target, ins['value'], `${path}.value`);
    }
    checkStartable(ctx, copy);
    begin(ctx, copy);
  },
  startIteration: (ctx, ins, path) => {
    const draft = ctx.experiment.draftIteration;
    if (draft?.status !== 'not_started') {
      throw badRequest(`experiment "${ctx.experiment.key}" has no draft iteration to start`);
    }
    const justification = optionalString(ins, 'changeJustification', path);
    if (ctx.experiment.currentIteration?.status === 'running' && !justification) {
      throw badRequest('changeJustification is required to start an iteration while another is running');
    }
    checkStartable(ctx, draft);
    checkFlagVersions(ctx, draft);
    delete ctx.experiment.draftIteration;
    begin(ctx, draft);
  },
  stopIteration: (ctx, ins) => {
    stop(ctx, ins['winningTreatmentId'], ins['winningReason']);
  },
  archiveExperiment: (ctx) => {
    // Already archived: a satisfied instruction leaves the resource unchanged.
    if (ctx.experiment.archivedDate !== undefined) return;
    // Choice: a running experiment must be stopped before it can be archived.
    if (ctx.experiment.currentIteration?.status === 'running') {
      throw badRequest('stop the running iteration before archiving the experiment');
    }
    ctx.experiment.archivedDate = ctx.now;
  },
  restoreExperiment: (ctx) => {
    // Choice: restoring an experiment that is not archived is a no-op, not an error.
    delete ctx.experiment.archivedDate;
  },
};

/** Every instruction kind the experiment PATCH accepts. */
export const EXPERIMENT_INSTRUCTIONS = Object.keys(HANDLERS);

/** Apply one instruction; throws a 400 when its parameters or preconditions fail. */
export function applyInstruction(ctx: InstructionContext, ins: Instruction, path: string): void {
  const handler = HANDLERS[ins.kind];
  if (!handler) throw badRequest(`${path}: unknown instruction kind "${ins.kind}"`);
  handler(ctx, ins, path);
}

function copyIteration(ctx: InstructionContext, source: IterationState): IterationState {
  const copy = structuredClone(source);
  copy._id = ctx.newId('iteration', ctx.experiment.key);
  copy.status = 'not_started';
  copy.createdAt = ctx.now;
  copy.version = 1;
  delete copy.startedAt;
  delete copy.endedAt;
  delete copy.winningTreatmentId;
  delete copy.winningReason;
  return copy;
}

function stringParam(ins: Instruction, name: string, path: string, nonEmpty: boolean): string {
  const value = ins[name];
  if (typeof value !== 'string' || (nonEmpty && value.trim() === '')) {
    throw badRequest(`${path}.${name} must be a${nonEmpty ? ' non-empty' : ''} string`);
  }
  return value;
}

function optionalString(ins: Instruction, name: string, path: string): string | undefined {
  const value = ins[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${path}.${name} must be a string`);
  return value;
}
