/** `ldexp targets`: the project/environment pairs of the manifests, for a CI matrix. Offline. */
import { distinctTargets } from '../../manifest/select.js';
import { hasErrors, validate } from '../../pipeline.js';
import { renderProblemsText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { targetDefaults } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';

export async function targetsCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const { manifests, problems } = await validate(line.paths, targetDefaults(line), { cwd: io.cwd });
  if (problems.length > 0) io.stderr.write(renderProblemsText(problems, { color: line.color, cwd: io.cwd }));
  if (hasErrors(problems)) return EXIT_ERROR;
  const targets = distinctTargets([...manifests.experiments, ...manifests.holdouts]);
  if (line.json) {
    const rows = targets.map((target) => {
      const [project = '', environment = ''] = target.split('/');
      return { project, environment, target };
    });
    // One line, so that it can go straight into $GITHUB_OUTPUT.
    io.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    io.stdout.write(targets.map((target) => `${target}\n`).join(''));
  }
  return EXIT_OK;
}
