/** `ldexp targets`: the project/environment pairs of the manifests, for a CI matrix. Offline. */
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import { environmentOption, jsonOption, noColorOption, projectOption } from '../options.js';

export const targetsSpec: CliCommand = {
  name: 'targets',
  summary: 'list the project/environment pairs of the manifests (offline), e.g. for a CI matrix',
  description:
    'Read and validate the manifests offline and print every distinct project/environment pair they describe, one per line (or as JSON), so that a large repository can run one job per target with --target. Invalid manifests are an error: the matrix must not silently miss a target.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    jsonOption(
      'print a JSON array of {"project", "environment", "target"} objects on one line (a GitHub Actions matrix include)',
    ),
    noColorOption,
  ],
  examples: ['ldexp targets manifests/', 'echo "targets=$(ldexp targets --json manifests/)" >> "$GITHUB_OUTPUT"'],
  run: lazyRun(async () => (await import('./targets-run.js')).targetsCommand),
};
