/** `ldexp drift`: where LaunchDarkly was changed outside Git. Reads LaunchDarkly, writes nothing. */
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import {
  allowTargetOption,
  baseOption,
  environmentOption,
  formatOption,
  noColorOption,
  projectOption,
  readConcurrencyOption,
  targetOption,
  timeoutOption,
  verboseOption,
} from '../options.js';

export const driftSpec: CliCommand = {
  name: 'drift',
  summary: 'list where LaunchDarkly differs from Git (read-only; exit 2 on drift)',
  description:
    'Read the manifests and live LaunchDarkly state and list, per resource, what LaunchDarkly has and what Git says. Nothing is written. Exit 0 when there is no drift, 2 when there is, 1 on errors. Resources in Git that LaunchDarkly does not have yet are listed as not created, not as drift. With --base, changes made in Git since that ref are listed as not applied yet, and only changes made outside Git count as drift.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    allowTargetOption,
    targetOption,
    baseOption(
      'only count as drift what changed in LaunchDarkly since the manifests at this Git ref (changes made in Git since then are listed as not applied yet)',
    ),
    formatOption,
    readConcurrencyOption,
    timeoutOption,
    noColorOption,
    verboseOption(),
  ],
  examples: [
    'ldexp drift manifests/',
    'ldexp drift --format markdown manifests/ >> "$GITHUB_STEP_SUMMARY"   # in a scheduled job',
    'ldexp drift --base origin/main manifests/',
  ],
  run: lazyRun(async () => (await import('./drift-run.js')).driftCommand),
};
