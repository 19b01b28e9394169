/** Size limits GitHub enforces, and the budgets we render to so that nothing is rejected or cut. */
import type { Plan } from '../plan/types.js';
import { renderPlanMarkdown } from '../render/index.js';

/** Under GitHub's 65,536-character comment limit, with room for the marker line. */
export const COMMENT_BUDGET = 64_000;

/** The runner aborts step-summary uploads above 1024 KiB; keep the plan well inside. */
const STEP_SUMMARY_BYTES = 900_000;

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

/** The plan for the sticky PR comment: summary first, detail truncated visibly by the renderer. */
export function commentPlan(plan: Plan, options: { title: string; marker: string; runUrl?: string }): string {
  return renderPlanMarkdown(plan, { ...options, maxLength: COMMENT_BUDGET });
}
