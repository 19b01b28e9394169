/** `ldexp plan`: read live state and print the plan. Writes nothing to LaunchDarkly. */
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import {
  concurrencyOption,
  readConcurrencyOption,
  detailedExitcodeOption,
  environmentOption,
  jsonOption,
  markdownOption,
  noColorOption,
  outOption,
  projectOption,
  timeoutOption,
  verboseOption,
  allowTargetOption,
  baseOption,
  targetOption,
} from '../options.js';

export const planSpec: CliCommand = {
  name: 'plan',
  summary: 'show what apply would change (reads LaunchDarkly, writes nothing)',
  description:
    'Read the manifests and live LaunchDarkly state and print the plan: every change, in plain words, and the exact requests apply would send. Nothing is written to LaunchDarkly.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    targetOption,
    allowTargetOption,
    baseOption(
      'also read the manifests at this Git ref (e.g. origin/main) and label every change: git (the manifests changed), drift (LaunchDarkly changed outside Git; applying reverts it) or both',
    ),
    jsonOption('print the plan in the plan-file format (schemas/plan.schema.json)'),
    markdownOption('print the plan as Markdown, as posted on pull requests'),
    outOption,
    detailedExitcodeOption,
    concurrencyOption,
    readConcurrencyOption,
    timeoutOption,
    noColorOption,
    verboseOption('show every HTTP request, and request bodies, dependencies and unchanged resources in the plan'),
  ],
  examples: [
    'ldexp plan manifests/',
    'ldexp plan manifests/ --out plan.json      # then: ldexp show plan.json, ldexp apply --plan plan.json',
    'ldexp plan --detailed-exitcode manifests/  # exit 2 when there are changes',
    'ldexp plan --base origin/main manifests/   # which changes come from Git, which revert LaunchDarkly edits',
  ],
  run: lazyRun(async () => (await import('./plan-run.js')).planCommand),
};
