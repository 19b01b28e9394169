/**
 * Is an answer the one the operation documents? Pure: status, content type and body in, the parsed
 * body or what is wrong with it out. A proxy's login page, an empty 204 or a redirect must never
 * pass for a created experiment or an empty list.
 */
import type { BodyShape, Expectation } from './operations.js';

export type Verdict = { ok: true; body: unknown } | { ok: false; problem: string };

export interface Answer {
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  text: string;
}

/** Check a non-error answer (status below 400) against what its operation documents. */
export function verifyAnswer(answer: Answer, expected: Expectation): Verdict {
  if (answer.status >= 300 && answer.status < 400) {
    // Following would resend the Authorization header to wherever it points.
    const target = answer.location === undefined ? '' : ` to ${answer.location}`;
    return { ok: false, problem: `a redirect${target}, not followed` };
  }
  if (expected.status !== undefined && answer.status !== expected.status) {
    return { ok: false, problem: `status ${String(answer.status)} where ${String(expected.status)} is documented` };
  }
  if (answer.text.trim() === '') return { ok: false, problem: 'an empty body' };
  if (!isJsonContentType(answer.contentType)) {
    return {
      ok: false,
      problem: answer.contentType === undefined ? 'a body without a content type' : 'a body that is not JSON',
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text) as unknown;
  } catch {
    return { ok: false, problem: 'a JSON content type but a body that does not parse as JSON' };
  }
  const shapeProblem = expected.body === undefined ? undefined : checkShape(body, expected.body);
  return shapeProblem === undefined ? { ok: true, body } : { ok: false, problem: shapeProblem };
}

/** `201 and an experiment as JSON`; `a 2xx status and JSON` outside the table. */
export function describeExpectation(expected: Expectation): string {
  if (expected.status === undefined) return 'a 2xx status and JSON';
  return `${String(expected.status)} and ${expected.what} as JSON`;
}

/** `application/json`, with parameters, or any `+json` type. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function checkShape(body: unknown, shape: BodyShape): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `JSON that is not an object (${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body})`;
  }
  const record = body as Record<string, unknown>;
  if (shape.kind === 'list') {
    return Array.isArray(record[shape.itemsKey]) ? undefined : `a JSON object without an "${shape.itemsKey}" list`;
  }
  const missing = shape.fields.filter((field) => record[field] === undefined || record[field] === null);
  return missing.length === 0 ? undefined : `a JSON object without ${missing.map((f) => `"${f}"`).join(', ')}`;
}
