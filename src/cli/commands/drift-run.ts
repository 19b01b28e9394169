/** `ldexp drift`: plan, then read the plan as drift. Writes nothing to LaunchDarkly. */
import { driftReport } from '../../origin/index.js';
import { hasErrors, plan } from '../../pipeline.js';
import { renderDriftMarkdown, renderDriftText, renderProblemsText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { connectionFrom, targetDefaults } from '../context.js';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_OK } from '../exit-code.js';
import { planOptions } from './plan-run.js';

export async function driftCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const connection = connectionFrom(context);
  try {
    const result = await plan(line.paths, targetDefaults(line), connection, planOptions(context));
    connection.done();
    if (result.problems.length > 0)
      io.stderr.write(renderProblemsText(result.problems, { color: line.color, cwd: io.cwd }));
    if (hasErrors(result.problems) || !result.plan) return EXIT_ERROR;
    const report = driftReport(result.plan);
    io.stdout.write(
      line.format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report, { color: line.color }),
    );
    return report.drift.length > 0 ? EXIT_DRIFT : EXIT_OK;
  } finally {
    connection.done();
  }
}
