/** `ldexp apply`: plan (or load a saved plan), confirm, apply, report. */
import { UsageError } from '../../errors.js';
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import type { CommandLine } from '../args.js';
import {
  autoApproveOption,
  concurrencyOption,
  readConcurrencyOption,
  environmentOption,
  jsonOption,
  noColorOption,
  planFileOption,
  projectOption,
  timeoutOption,
  verboseOption,
  allowTargetOption,
  targetOption,
} from '../options.js';

/** A saved plan is applied exactly as made: nothing may re-target or re-scope it. */
function checkApply(line: CommandLine): void {
  if (line.planFile === undefined) return;
  const extra = [
    ...(line.paths.length !== 1 || line.paths[0] !== '.' ? [`paths (${line.paths.join(' ')})`] : []),
    ...(line.project !== undefined ? ['--project'] : []),
    ...(line.environment !== undefined ? ['--environment'] : []),
    ...(line.targets !== undefined ? ['--target'] : []),
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
    targetOption,
    allowTargetOption,
    jsonOption(
      'print the apply report as one JSON document (schemas/apply-report.schema.json); the plan and progress go to stderr',
    ),
    concurrencyOption,
    readConcurrencyOption,
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
  run: lazyRun(async () => (await import('./apply-run.js')).applyCommand),
};
