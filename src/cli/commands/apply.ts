/** `ldexp apply`: plan (or load a saved plan), confirm, apply, report. */
import { UsageError } from '../../errors.js';
import { hasChanges } from '../../plan/types.js';
import type { Plan } from '../../plan/types.js';
import { applyPlan } from '../../pipeline.js';
import { renderApplyReportText, renderConfirmation, renderPlanText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { baseUrlFrom, connectionFrom } from '../context.js';
import { EXIT_ERROR, EXIT_OK, applyExitCode } from '../exit-code.js';
import { readPlanFile } from '../files.js';
import { watchInterrupts } from '../interrupt.js';
import { planAndShow } from './plan.js';

export async function applyCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const saved = line.planFile !== undefined;
  // Refuse before reading anything when nobody can approve: an unattended apply needs --auto-approve.
  if (!line.autoApprove && !io.confirm) throw unattended();
  const planned = saved ? await loadSavedPlan(context) : await planAndShow(context);
  if (!planned) return EXIT_ERROR;
  if (!hasChanges(planned)) return EXIT_OK;
  if (!(await approved(context, planned))) {
    io.stderr.write('Apply cancelled. Nothing was changed.\n');
    return EXIT_ERROR;
  }
  const connection = connectionFrom(context);
  const interrupts = watchInterrupts(io.interrupts, (text) => io.stderr.write(text));
  try {
    const report = await applyPlan(planned, connection, { checkFreshness: saved, ...interrupts.control });
    connection.done();
    io.stdout.write(renderApplyReportText(report, planned, { color: line.color }));
    return applyExitCode(report);
  } finally {
    interrupts.dispose();
    connection.done();
  }
}

async function loadSavedPlan(context: CommandContext): Promise<Plan> {
  const file = context.line.planFile ?? '';
  const saved = await readPlanFile(file, context.io.cwd);
  const baseUrl = baseUrlFrom(context.io.env);
  if (saved.target.baseUrl !== baseUrl) {
    throw new UsageError(`${file} was planned against ${saved.target.baseUrl}, but LD_API_URL is ${baseUrl}`);
  }
  context.io.stdout.write(renderPlanText(saved, { color: context.line.color }));
  return saved;
}

async function approved(context: CommandContext, planned: Plan): Promise<boolean> {
  if (context.line.autoApprove) return true;
  if (!context.io.confirm) throw unattended();
  const { notice, question } = renderConfirmation(planned, { color: context.line.color });
  context.io.stderr.write(notice);
  return context.io.confirm(question);
}

function unattended(): UsageError {
  return new UsageError('apply needs --auto-approve when it cannot ask for confirmation (no terminal)');
}
