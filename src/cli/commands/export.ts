/** `ldexp export`: LaunchDarkly → manifests, for adopting an existing account. Writes nothing to LaunchDarkly. */
import type { CliCommand } from '../command.js';
import { lazyRun } from '../command.js';
import {
  exportEnvironmentOption,
  exportProjectOption,
  forceOption,
  includeArchivedOption,
  noColorOption,
  outDirOption,
  readConcurrencyOption,
  timeoutOption,
  verboseOption,
} from '../options.js';

export const exportSpec: CliCommand = {
  name: 'export',
  summary: 'write manifests for the experiments and holdouts LaunchDarkly holds (reads only)',
  description:
    'Read every experiment and holdout of a project (one environment, several, or all of them) and write one manifest per experiment and holdout, plus a Config document, so that plan then shows no changes. Values a manifest cannot state exactly are named in warnings. Nothing is written to LaunchDarkly, and no existing file is overwritten without --force.',
  arguments: [],
  options: [
    exportProjectOption,
    exportEnvironmentOption,
    outDirOption,
    includeArchivedOption,
    forceOption,
    readConcurrencyOption,
    timeoutOption,
    noColorOption,
    verboseOption(),
  ],
  examples: [
    'ldexp export --project web --environment production --out manifests/',
    'ldexp export --project web --out manifests/   # every environment of the project',
    'ldexp export --project web --out manifests/ --include-archived --force',
  ],
  run: lazyRun(async () => (await import('./export-run.js')).exportCommand),
};
