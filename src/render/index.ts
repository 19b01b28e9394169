/** Pure renderers: Plan, ApplyReport and Problems → text, JSON, Markdown and workflow commands. */
export { renderAnnotations, escapeData, escapeProperty } from './annotations.js';
export {
  applySummaryLine,
  renderApplyReportJson,
  renderApplyReportMarkdown,
  renderApplyReportText,
} from './apply-report.js';
export { renderConfirmation } from './confirm.js';
export { renderDriftJson } from './drift-json.js';
export { renderDriftMarkdown } from './drift-markdown.js';
export { renderDriftText } from './drift-text.js';
export type { Confirmation } from './confirm.js';
export { md as escapeMarkdown, mermaidLabel as escapeMermaidLabel } from './markdown-escape.js';
export { parsePlanJson, renderPlanJson } from './plan-json.js';
export { DEFAULT_MAX_LENGTH, renderPlanMarkdown, shortHash, TRUNCATED_MARKER } from './plan-markdown.js';
export type { PlanMarkdownOptions } from './plan-markdown.js';
export { planSchema } from './plan-schema.js';
export { renderPlanText } from './plan-text.js';
export type { PlanTextOptions } from './plan-text.js';
export { renderProblemsMarkdown, renderProblemsText } from './problems.js';
export { applyReportSchema, driftReportSchema, validateReportSchema } from './report-schemas.js';
export { renderValidateReportJson } from './validate-report.js';
export type { ProblemsTextOptions } from './problems.js';
export { NO_CHANGES, summaryLine, unappliedPhrase } from './words.js';
