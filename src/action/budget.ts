/** Size limits GitHub enforces, and the budgets we render to so that nothing is rejected or cut. */
import type { Plan } from '../plan/types.js';
import { renderPlanMarkdown } from '../render/index.js';

/** Under GitHub's 65,536-character comment limit, with room for the marker line. */
export const COMMENT_BUDGET = 64_000;

/** The runner aborts step-summary uploads above 1024 KiB. */
const STEP_SUMMARY_LIMIT = 1_000_000;
/** Keep the plan well inside, leaving room for the apply report and notes. */
const STEP_SUMMARY_BYTES = 800_000;

/**
 * The plan for the job summary: complete whenever it fits. Budgets count characters but the limit
 * is in bytes (bars and arrows are multi-byte), so re-render smaller when the bytes overflow.
 */
export function stepSummaryPlan(plan: Plan, options: { title: string; runUrl?: string }): string {
  let maxLength = STEP_SUMMARY_BYTES;
  for (;;) {
    const text = renderPlanMarkdown(plan, { ...options, maxLength });
    if (Buffer.byteLength(text) <= STEP_SUMMARY_BYTES || maxLength < 10_000) return text;
    maxLength = Math.floor(maxLength / 2);
  }
}

/**
 * The plan for a PR comment: summary first, detail truncated visibly by the renderer. `reserve`
 * leaves room for text the caller puts before it.
 */
export function commentPlan(
  plan: Plan,
  options: { title: string; marker?: string; runUrl?: string },
  reserve = 0,
): string {
  return renderPlanMarkdown(plan, { ...options, maxLength: COMMENT_BUDGET - reserve });
}

/**
 * The job summary from its sections, under the runner's byte limit: sections that would overflow
 * are replaced by one line saying so (the first section is the one that matters most).
 */
export function stepSummaryText(sections: readonly string[]): string {
  const kept: string[] = [];
  let bytes = 0;
  for (const section of sections) {
    const size = Buffer.byteLength(section) + 2;
    if (bytes + size > STEP_SUMMARY_LIMIT) {
      kept.push('_The rest of this summary did not fit in the 1 MiB GitHub allows._');
      break;
    }
    kept.push(section);
    bytes += size;
  }
  return kept.join('\n\n');
}
