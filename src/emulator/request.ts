/** Reading what a request carries: body bytes, content type, API version, JSON. */
import type { IncomingMessage } from 'node:http';
import { badRequest } from './http-error.js';
import type { BodyKind } from './router.js';

/** The whole request body as text. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body parsed as JSON, or the raw text when it is not JSON (for the log). */
export function parseForLog(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface MediaType {
  type: string;
  params: Record<string, string>;
}

function mediaType(header: string | undefined): MediaType | undefined {
  if (!header) return undefined;
  const [type = '', ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params };
}

export const SEMANTIC_PATCH_TYPE = 'application/json; domain-model=launchdarkly.semanticpatch';

/**
 * Check the content type for the route and parse the JSON body. A PATCH without the semantic-patch
 * domain model is read by LaunchDarkly as a JSON patch, which these resources do not accept: 400.
 */
export function readBody(kind: BodyKind, contentType: string | undefined, text: string): unknown {
  if (kind === 'none') return undefined;
  // Choice: media types and parameter names compare case-insensitively, spacing is ignored.
  const media = mediaType(contentType);
  if (kind === 'semanticPatch') {
    if (media?.type !== 'application/json' || media.params['domain-model'] !== 'launchdarkly.semanticpatch') {
      throw badRequest(`This resource is updated with a semantic patch: send Content-Type: ${SEMANTIC_PATCH_TYPE}`);
    }
  } else if (media?.type !== 'application/json') {
    throw badRequest('Content-Type must be application/json');
  }
  if (text.trim() === '') throw badRequest('A JSON request body is required');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Malformed JSON body: ${(error as Error).message}`);
  }
}

/**
 * The `LD-API-Version` LaunchDarkly honours: the first value when several were sent (Node joins
 * repeated headers with ", ").
 */
export function apiVersion(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const first = joined?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}
