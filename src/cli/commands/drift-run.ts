/** `ldexp drift`: plan, then read the plan as drift. Writes nothing to LaunchDarkly. */
import { driftReport } from '../../origin/index.js';
import { renderDriftJson, renderDriftMarkdown, renderDriftText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_OK } from '../exit-code.js';
import { planReportingProblems } from './plan-run.js';

export async function driftCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const planned = await planReportingProblems(context);
  if (!planned) return EXIT_ERROR;
  const report = driftReport(planned);
  const render = {
    text: () => renderDriftText(report, { color: line.color }),
    markdown: () => renderDriftMarkdown(report),
    json: () => renderDriftJson(report),
  }[line.format];
  io.stdout.write(render());
  return report.drift.length > 0 ? EXIT_DRIFT : EXIT_OK;
}
