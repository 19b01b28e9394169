/** `ldexp apply`: plan (or load a saved plan), confirm, apply, report. */
import type { ApplyReport } from '../../apply/index.js';
import { UsageError } from '../../errors.js';
import { hasSteps } from '../../plan/types.js';
import type { Plan } from '../../plan/types.js';
import { applyPlan } from '../../pipeline.js';
import {
  renderApplyReportJson,
  renderApplyReportText,
  renderConfirmation,
  renderPlanText,
} from '../../render/index.js';
import type { CommandLine } from '../args.js';
import type { CommandContext } from '../context.js';
import { baseUrlFrom, connectionFrom } from '../context.js';
import { EXIT_ERROR, EXIT_OK, applyExitCode } from '../exit-code.js';
import { watchInterrupts } from '../interrupt.js';
import { assertPlanAllowed, assertSameTarget, readSavedPlan } from '../saved-plan.js';
import { planAndShow } from './plan-run.js';

export async function applyCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const saved = line.planFile !== undefined;
  // Refuse before reading anything when nobody can approve: an unattended apply needs --auto-approve.
  if (!line.autoApprove && !io.confirm) throw unattended();
  // With --json, stdout holds the report alone: the plan is shown on stderr, for the person approving.
  const shown: CommandContext = line.json
    ? { ...context, line: { ...line, json: false }, io: { ...io, stdout: io.stderr } }
    : context;
  const planned = saved ? await loadSavedPlan(shown) : await planAndShow(shown);
  if (!planned) return EXIT_ERROR;
  if (!hasSteps(planned)) {
    if (line.json) io.stdout.write(renderReport(line, nothingApplied(planned), planned));
    return EXIT_OK;
  }
  if (!(await approved(context, planned))) {
    io.stderr.write('Apply cancelled. Nothing was changed.\n');
    return EXIT_ERROR;
  }
  const connection = connectionFrom(context);
  const interrupts = watchInterrupts(io.interrupts, (text) => io.stderr.write(text));
  try {
    const report = await applyPlan(planned, connection, { checkFreshness: saved, ...interrupts.control });
    connection.done();
    io.stdout.write(renderReport(line, report, planned));
    return applyExitCode(report);
  } finally {
    interrupts.dispose();
    connection.done();
  }
}

function renderReport(line: CommandLine, report: ApplyReport, planned: Plan): string {
  return line.json ? renderApplyReportJson(report, planned) : renderApplyReportText(report, planned, line);
}

function nothingApplied(planned: Plan): ApplyReport {
  return { planHash: planned.hash, outcomes: [], ok: 0, failed: 0, skipped: 0, unknown: 0, interrupted: false };
}

async function loadSavedPlan(context: CommandContext): Promise<Plan> {
  const file = context.line.planFile ?? '';
  const saved = await readSavedPlan(file, context.io.cwd);
  assertSameTarget(saved, file, baseUrlFrom(context.io.env));
  assertPlanAllowed(saved, file, context.line.allowTargets);
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
  return new UsageError('apply needs --auto-approve when it cannot ask for confirmation (no terminal)', 'apply');
}
