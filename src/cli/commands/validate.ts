/** `ldexp validate`: offline checks, no token. */
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT, lazyRun } from '../command.js';
import {
  allowTargetOption,
  environmentOption,
  jsonOption,
  noColorOption,
  projectOption,
  targetOption,
} from '../options.js';

export const validateSpec: CliCommand = {
  name: 'validate',
  summary: 'check manifests offline (no token, nothing read from LaunchDarkly)',
  description:
    'Check manifests offline: YAML, the JSON Schema of each kind and the semantic rules. References to flags, metrics and holdouts are checked by plan, against LaunchDarkly.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    targetOption,
    allowTargetOption,
    jsonOption('print the problems as one JSON document (schemas/validate-report.schema.json)'),
    noColorOption,
  ],
  examples: ['ldexp validate manifests/', 'ldexp validate --json manifests/ | jq ".problems[]"'],
  run: lazyRun(async () => (await import('./validate-run.js')).validateCommand),
};
