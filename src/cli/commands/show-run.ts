/**
 * `ldexp show PLANFILE`: render a saved plan, as `terraform show` does. Reads nothing from
 * LaunchDarkly and needs no token; the file is checked as apply checks it, so a plan that was
 * edited after it was made is reported, not shown as if it were the reviewed one.
 */
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-code.js';
import { readSavedPlan } from '../saved-plan.js';

export async function showCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const saved = await readSavedPlan(line.planFile ?? '', io.cwd);
  if (line.json) io.stdout.write(renderPlanJson(saved));
  else if (line.markdown) io.stdout.write(`${renderPlanMarkdown(saved)}\n`);
  else io.stdout.write(renderPlanText(saved, { color: line.color, verbose: line.verbose }));
  return EXIT_OK;
}
