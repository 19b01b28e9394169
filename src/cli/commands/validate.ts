/** `ldexp validate`: offline checks, no token. */
import { hasErrors, validate } from '../../pipeline.js';
import { renderProblemsText, renderValidateReportJson } from '../../render/index.js';
import type { CliCommand } from '../command.js';
import { PATHS_ARGUMENT } from '../command.js';
import type { CommandContext } from '../context.js';
import { targetDefaults } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';
import { allowTargetOption, environmentOption, jsonOption, noColorOption, projectOption } from '../options.js';

export async function validateCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const { manifests, problems } = await validate(line.paths, targetDefaults(line));
  const resources = manifests.experiments.length + manifests.holdouts.length;
  if (line.json) {
    const counts = { files: manifests.files.length, resources };
    io.stdout.write(renderValidateReportJson(problems, counts, { cwd: io.cwd }));
    return hasErrors(problems) ? EXIT_ERROR : EXIT_OK;
  }
  if (problems.length > 0) io.stderr.write(renderProblemsText(problems, { color: line.color, cwd: io.cwd }));
  if (hasErrors(problems)) return EXIT_ERROR;
  io.stdout.write(`Valid: ${String(resources)} resource(s) in ${String(manifests.files.length)} file(s).\n`);
  return EXIT_OK;
}

export const validateSpec: CliCommand = {
  name: 'validate',
  summary: 'check manifests offline (no token, nothing read from LaunchDarkly)',
  description:
    'Check manifests offline: YAML, the JSON Schema of each kind and the semantic rules. References to flags, metrics and holdouts are checked by plan, against LaunchDarkly.',
  arguments: [PATHS_ARGUMENT],
  options: [
    projectOption,
    environmentOption,
    allowTargetOption,
    jsonOption('print the problems as one JSON document (schemas/validate-report.schema.json)'),
    noColorOption,
  ],
  examples: ['ldexp validate manifests/', 'ldexp validate --json manifests/ | jq ".problems[]"'],
  run: validateCommand,
};
