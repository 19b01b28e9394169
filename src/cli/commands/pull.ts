/** `ldexp pull`: the reverse of apply; rewrites manifests in place to match LaunchDarkly. Writes nothing to LaunchDarkly. */
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import {
  addMissingOption,
  allowTargetOption,
  environmentOption,
  noColorOption,
  projectOption,
  pullOutOption,
  readConcurrencyOption,
  targetOption,
  timeoutOption,
  verboseOption,
} from '../options.js';

export const pullSpec: CliCommand = {
  name: 'pull',
  summary: 'update manifests in place to match LaunchDarkly (reads LaunchDarkly, writes files only)',
  description:
    'The reverse of apply: every field that drifted (someone changed it in the LaunchDarkly UI) is rewritten in the manifest that states it, in place, keeping comments, key order and formatting elsewhere. Fields a manifest leaves out stay unmanaged. With --add-missing, live experiments and holdouts of the same targets that no manifest describes get new files. Nothing is written to LaunchDarkly.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    allowTargetOption,
    targetOption,
    addMissingOption,
    pullOutOption,
    readConcurrencyOption,
    timeoutOption,
    noColorOption,
    verboseOption(),
  ],
  examples: [
    'ldexp pull manifests/',
    'ldexp pull manifests/ --add-missing        # also write files for experiments only LaunchDarkly has',
    'ldexp pull manifests/ && git diff          # review what LaunchDarkly changed',
  ],
  run: lazyRun(async () => (await import('./pull-run.js')).pullCommand),
};
