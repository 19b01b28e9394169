/**
 * The sticky PR comment: one per (project, environment), found again by a hidden marker on its
 * first line and edited in place, and the reviewed plan hash read back from it on merge.
 */
import type { GitHubClient, IssueComment } from './github.js';

/** GitHub rejects comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentTarget {
  project?: string;
  environment?: string;
  /** The `targets` input: one comment per matrix job of a scoped run. */
  targets?: readonly string[];
}

/**
 * `<!-- ldexp:plan project=<p> environment=<e> -->`; `*` stands for "whatever the manifests say".
 * A scoped run adds ` targets=<t>+<t>`, so the jobs of a matrix keep one comment each.
 */
export function planMarker(target: CommentTarget): string {
  const scoped = target.targets ? ` targets=${target.targets.map(markerValue).join('+')}` : '';
  return `<!-- ldexp:plan project=${markerValue(target.project)} environment=${markerValue(target.environment)}${scoped} -->`;
}

/**
 * Keys are `[A-Za-z0-9._-]` in LaunchDarkly; anything else could end the HTML comment early. Runs
 * of dashes collapse as the renderer's hidden comments collapse them, so both spell it alike.
 */
function markerValue(value: string | undefined): string {
  return value === undefined ? '*' : value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/-{2,}/g, '-');
}

/**
 * Our comment for this target. Only comments written by a bot count, and only with the marker on
 * the first line: a person quoting or pasting the marker (and a forged hash) is ignored.
 */
export function findPlanComment(comments: readonly IssueComment[], marker: string): IssueComment | undefined {
  return comments.find((comment) => comment.user?.type === 'Bot' && firstLine(comment.body) === marker);
}

function firstLine(body: string): string {
  const end = body.indexOf('\n');
  return (end === -1 ? body : body.slice(0, end)).trim();
}

/** Create the sticky comment, or replace the body of the existing one; the marker goes first. */
export async function upsertPlanComment(
  github: GitHubClient,
  issue: number,
  marker: string,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const existing = findPlanComment(await github.listIssueComments(issue), marker);
  const withMarker = firstLine(body) === marker ? body : `${marker}\n${body}`;
  if (existing !== undefined) {
    await github.updateIssueComment(existing.id, withMarker);
    return { id: existing.id, created: false };
  }
  const created = await github.createIssueComment(issue, withMarker);
  return { id: created.id, created: true };
}

// The renderer keeps `[A-Za-z0-9:+/=_.]` of the hash (e.g. `sha256:<hex>`).
const PLAN_HASH = /<!-- ldexp:plan-hash ([A-Za-z0-9:+/=_.]+) -->/;

/** The plan hash a comment carries, written there by the Markdown renderer. */
export function planHashOf(body: string): string | undefined {
  return PLAN_HASH.exec(body)?.[1];
}
