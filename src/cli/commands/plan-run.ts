/** `ldexp plan`: read live state and print the plan. Writes nothing to LaunchDarkly. */
import { hasChanges } from '../../plan/types.js';
import type { Plan } from '../../plan/types.js';
import { hasErrors, plan } from '../../pipeline.js';
import type { PlanOptions } from '../../pipeline.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText, renderProblemsText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { connectionFrom, targetDefaults } from '../context.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK } from '../exit-code.js';
import { writePlanFile } from '../files.js';

/** Plan and print; returns the plan (or undefined after printing problems). */
export async function planAndShow(context: CommandContext): Promise<Plan | undefined> {
  const { line, io } = context;
  const planned = await planReportingProblems(context);
  if (!planned) return undefined;
  if (line.out !== undefined) await writePlanFile(line.out, io.cwd, planned);
  io.stdout.write(render(planned, context));
  return planned;
}

/** The plan of the command's manifests, problems printed to stderr; undefined when any is an error. */
export async function planReportingProblems(context: CommandContext): Promise<Plan | undefined> {
  const { line, io } = context;
  const connection = connectionFrom(context);
  try {
    const result = await plan(line.paths, targetDefaults(line), connection, planOptions(context));
    connection.done();
    if (result.problems.length > 0)
      io.stderr.write(renderProblemsText(result.problems, { color: line.color, cwd: io.cwd }));
    return hasErrors(result.problems) ? undefined : result.plan;
  } finally {
    connection.done();
  }
}

/** Manifests (and the `--base` REF's) read relative to the folder the command runs in. */
export function planOptions(context: CommandContext): PlanOptions {
  const cwd = context.io.cwd;
  return context.line.base === undefined ? { cwd } : { cwd, base: { ref: context.line.base, cwd } };
}

function render(planned: Plan, context: CommandContext): string {
  if (context.line.json) return renderPlanJson(planned);
  if (context.line.markdown) return `${renderPlanMarkdown(planned, {})}\n`;
  return renderPlanText(planned, { color: context.line.color, verbose: context.line.verbose });
}

export async function planCommand(context: CommandContext): Promise<number> {
  const planned = await planAndShow(context);
  if (!planned) return EXIT_ERROR;
  return context.line.detailedExitcode && hasChanges(planned) ? EXIT_CHANGES : EXIT_OK;
}
