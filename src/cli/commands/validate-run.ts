/** `ldexp validate`: offline checks, no token. */
// Only what validating needs (not the pipeline, nor render/index): `ldexp validate` starts in the
// time it takes to load the manifest stages, without the HTTP client or ajv.
import { loadManifests } from '../../manifest/index.js';
import { renderProblemsText } from '../../render/problems.js';
import { renderValidateReportJson } from '../../render/validate-report.js';
import { hasErrors } from '../../types.js';
import type { CommandContext } from '../context.js';
import { targetDefaults } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';

export async function validateCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const { manifests, problems } = await loadManifests(line.paths, targetDefaults(line), { cwd: io.cwd });
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
