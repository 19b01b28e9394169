/** The outcome of an apply, step by step, for a terminal and for Markdown. */
import { createColors } from 'picocolors';

import type { ApplyReport, StepOutcome } from '../apply/types.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { md, mdCode, mdValue } from './markdown-escape.js';
import { displayAddress, oneLine, plural, stepWhat } from './words.js';

/** `Apply complete: 5 steps succeeded.` / `Apply failed: 1 failed, 2 skipped, 3 succeeded.` */
export function applySummaryLine(report: ApplyReport): string {
  return outcomeLine(report) + rateLimitWait(report.rateLimitWaitMs ?? 0);
}

/** ` Waited 3.2 s for the LaunchDarkly rate limit.`, or nothing when no request waited. */
function rateLimitWait(ms: number): string {
  if (ms <= 0) return '';
  return ` Waited ${(Math.max(ms, 100) / 1000).toFixed(1)} s for the LaunchDarkly rate limit.`;
}

function outcomeLine(report: ApplyReport): string {
  if (report.interrupted) return interruptedLine(report);
  if (report.failed > 0) {
    return `Apply failed: ${String(report.failed)} failed, ${String(report.skipped)} skipped, ${String(report.ok)} succeeded.`;
  }
  // Skips without a failure mean apply stopped early (interrupted, or a precondition held it back).
  if (report.skipped > 0) return `Apply incomplete: ${String(report.skipped)} skipped, ${String(report.ok)} succeeded.`;
  if (report.ok === 0) return 'Apply complete: nothing to do.';
  return `Apply complete: ${plural(report.ok, 'step')} succeeded.`;
}

/** `Apply interrupted: 1 succeeded, 1 outcome unknown, 2 not started. …`: every step accounted for. */
function interruptedLine(report: ApplyReport): string {
  // Without a failure, a skip can only be a step the interrupt kept from starting.
  const skipped = report.failed > 0 ? 'skipped or not started' : 'not started';
  const parts = [
    [report.ok, 'succeeded'],
    [report.failed, 'failed'],
    [report.unknown, 'outcome unknown'],
    [report.skipped, skipped],
  ] as const;
  const counts = parts.filter(([count]) => count > 0).map(([count, what]) => `${String(count)} ${what}`);
  return `Apply interrupted: ${counts.join(', ') || 'nothing started'}. Run ldexp plan to see what remains.`;
}

interface Row {
  number: string;
  step: PlanStep | undefined;
  outcome: StepOutcome;
}

function rows(report: ApplyReport, plan: Plan): Row[] {
  const index = new Map(plan.steps.map((step, position) => [step.id, position]));
  return report.outcomes.map((outcome) => {
    const position = index.get(outcome.stepId);
    return {
      number: position === undefined ? '?' : String(position + 1),
      step: position === undefined ? undefined : plan.steps[position],
      outcome,
    };
  });
}

function describe(row: Row): string {
  if (!row.step) return `step ${row.outcome.stepId}`;
  const what = stepWhat(row.step.instructions, row.step.kind);
  return `${what}  ${displayAddress(row.step.resource)}`;
}

function detail(outcome: StepOutcome): string {
  switch (outcome.status) {
    case 'ok':
      return `${String(outcome.httpStatus)}${outcome.note === undefined ? '' : `: ${outcome.note}`}`;
    case 'failed':
      return `${String(outcome.httpStatus)}${outcome.code ? ` ${outcome.code}` : ''}: ${outcome.message}`;
    case 'skipped':
      return `skipped: ${outcome.reason}`;
    case 'unknown':
      return `outcome unknown: ${outcome.reason}`;
  }
}

/** Each step ✓ / ✗ / ? (outcome unknown) / - (skipped) with the API's message or the reason, then the summary line. */
export function renderApplyReportText(report: ApplyReport, plan: Plan, options: { color: boolean }): string {
  const c = createColors(options.color);
  const lines = rows(report, plan).map((row) => {
    const text = `${row.number}. ${oneLine(describe(row))}  ${oneLine(detail(row.outcome))}`;
    if (row.outcome.status === 'ok') return `${c.green('✓')} ${text}`;
    if (row.outcome.status === 'failed') return `${c.red('✗')} ${c.red(text)}`;
    if (row.outcome.status === 'unknown') return `${c.bold(c.yellow('?'))} ${c.yellow(text)}`;
    return `${c.yellow('-')} ${c.dim(text)}`;
  });
  const summary = applySummaryLine(report);
  const alarming = report.failed > 0 || report.unknown > 0;
  lines.push('', alarming ? c.red(c.bold(summary)) : report.interrupted ? c.yellow(c.bold(summary)) : c.bold(summary));
  return `${lines.join('\n')}\n`;
}

const ICONS: Record<StepOutcome['status'], string> = { ok: '✅', failed: '❌', skipped: '⏭️', unknown: '❓' };

/** A table of step outcomes for the job summary; every message from LaunchDarkly is escaped. */
export function renderApplyReportMarkdown(report: ApplyReport, plan: Plan): string {
  const body = rows(report, plan).map((row) => {
    const what = row.step ? mdCode(stepWhat(row.step.instructions, row.step.kind)) : md(row.outcome.stepId);
    const resource = row.step ? mdCode(row.step.resource) : '—';
    return `| ${ICONS[row.outcome.status]} | ${row.number} | ${what} | ${resource} | ${mdValue(detail(row.outcome), 500)} |`;
  });
  const table =
    body.length > 0 ? ['| | # | Step | Resource | Result |', '| --- | --- | --- | --- | --- |', ...body] : [];
  return `${['### ldexp apply', '', `**${applySummaryLine(report)}**`, ...(table.length ? ['', ...table] : [])].join('\n')}\n`;
}

/** `result` of the JSON report: one word for the summary line's first words. */
function resultOf(report: ApplyReport): 'applied' | 'failed' | 'interrupted' | 'incomplete' | 'no-changes' {
  if (report.interrupted) return 'interrupted';
  if (report.failed > 0) return 'failed';
  if (report.skipped > 0) return 'incomplete';
  return report.outcomes.length === 0 ? 'no-changes' : 'applied';
}

function outcomeFields(outcome: StepOutcome): Record<string, unknown> {
  switch (outcome.status) {
    case 'ok':
      return {
        status: 'ok',
        httpStatus: outcome.httpStatus,
        ...(outcome.note === undefined ? {} : { note: outcome.note }),
      };
    case 'failed':
      return {
        status: 'failed',
        httpStatus: outcome.httpStatus,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
        message: outcome.message,
      };
    case 'skipped':
      return { status: 'skipped', reason: outcome.reason };
    case 'unknown':
      return { status: 'unknown', reason: outcome.reason };
  }
}

/**
 * The report as one JSON document (schemas/apply-report.schema.json), for scripts: every step in
 * plan order with what was sent and what LaunchDarkly answered.
 */
export function renderApplyReportJson(report: ApplyReport, plan: Plan): string {
  // An outcome for a step the plan lacks (apply never makes one) keeps just its id and outcome.
  const steps = rows(report, plan).map(({ number, step, outcome }) => ({
    ...(step ? { number: Number(number) } : {}),
    id: outcome.stepId,
    ...(step
      ? {
          resource: step.resource,
          kind: step.kind,
          method: step.method,
          path: step.path,
          instructions: step.instructions,
          impact: step.impact,
        }
      : {}),
    ...outcomeFields(outcome),
  }));
  const document = {
    formatVersion: 1,
    planHash: report.planHash,
    result: resultOf(report),
    summary: applySummaryLine(report),
    ok: report.ok,
    failed: report.failed,
    skipped: report.skipped,
    unknown: report.unknown,
    interrupted: report.interrupted,
    ...(report.rateLimitWaitMs !== undefined ? { rateLimitWaitMs: Math.round(report.rateLimitWaitMs) } : {}),
    steps,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
