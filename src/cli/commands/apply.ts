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
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT } from '../command.js';
import type { CommandLine } from '../args.js';
import type { CommandContext } from '../context.js';
import { baseUrlFrom, connectionFrom } from '../context.js';
import { EXIT_ERROR, EXIT_OK, applyExitCode } from '../exit-code.js';
import { watchInterrupts } from '../interrupt.js';
import {
  autoApproveOption,
  concurrencyOption,
  environmentOption,
  jsonOption,
  noColorOption,
  planFileOption,
  projectOption,
  timeoutOption,
  verboseOption,
  allowTargetOption,
} from '../options.js';
import { assertPlanAllowed, assertSameTarget, readSavedPlan } from '../saved-plan.js';
import { planAndShow } from './plan.js';

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

/** A saved plan is applied exactly as made: nothing may re-target or re-scope it. */
function checkApply(line: CommandLine): void {
  if (line.planFile === undefined) return;
  const extra = [
    ...(line.paths.length !== 1 || line.paths[0] !== '.' ? [`paths (${line.paths.join(' ')})`] : []),
    ...(line.project !== undefined ? ['--project'] : []),
    ...(line.environment !== undefined ? ['--environment'] : []),
  ];
  if (extra.length > 0) {
    throw new UsageError(
      `apply --plan applies the saved plan exactly as made; it takes no ${extra.join(', ')}: plan again with them instead`,
      'apply',
    );
  }
}

export const applySpec: CliCommand = {
  name: 'apply',
  summary: 'plan, confirm, apply (or apply a saved plan with --plan)',
  description:
    'Plan, show the plan, ask for confirmation (on a terminal; --auto-approve otherwise) and apply it, reporting every step. With --plan, apply a saved plan exactly as it was reviewed: it is refused, before any request, when the file was edited, was made for another LaunchDarkly instance, or when what it touches changed in LaunchDarkly since.',
  arguments: [PATHS_ARGUMENT],
  options: [
    planFileOption,
    autoApproveOption,
    projectOption,
    environmentOption,
    allowTargetOption,
    jsonOption(
      'print the apply report as one JSON document (schemas/apply-report.schema.json); the plan and progress go to stderr',
    ),
    concurrencyOption,
    timeoutOption,
    noColorOption,
    verboseOption(),
  ],
  examples: [
    'ldexp apply manifests/                           # shows the plan, asks before writing',
    'ldexp apply --auto-approve manifests/            # in scripts and CI',
    'ldexp apply --plan plan.json --auto-approve      # exactly the plan saved by plan --out',
    'ldexp apply --json --auto-approve manifests/ > report.json',
  ],
  check: checkApply,
  run: applyCommand,
};
