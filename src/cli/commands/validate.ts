/** `ldexp validate`: offline checks, no token. */
import { hasErrors, validate } from '../../pipeline.js';
import { renderProblemsText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { targetDefaults } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';

export async function validateCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const { manifests, problems } = await validate(line.paths, targetDefaults(line));
  if (problems.length > 0) io.stderr.write(renderProblemsText(problems, { color: line.color, cwd: io.cwd }));
  if (hasErrors(problems)) return EXIT_ERROR;
  const count = manifests.experiments.length + manifests.holdouts.length;
  io.stdout.write(`Valid: ${count} resource(s) in ${manifests.files.length} file(s).\n`);
  return EXIT_OK;
}
