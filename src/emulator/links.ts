/** Resource paths, `_links` objects and limit/offset pagination shared by every collection. */
import { badRequest } from './http-error.js';
import type { JsonObject } from './json.js';

export const API = '/api/v2';

/** A `Link` as the API writes it. */
export function link(href: string): JsonObject {
  return { href, type: 'application/json' };
}

export const paths = {
  project: (p: string) => `${API}/projects/${p}`,
  environment: (p: string, e: string) => `${API}/projects/${p}/environments/${e}`,
  experiments: (p: string, e: string) => `${API}/projects/${p}/environments/${e}/experiments`,
  experiment: (p: string, e: string, k: string) => `${API}/projects/${p}/environments/${e}/experiments/${k}`,
  holdouts: (p: string, e: string) => `${API}/projects/${p}/environments/${e}/holdouts`,
  holdout: (p: string, e: string, k: string) => `${API}/projects/${p}/environments/${e}/holdouts/${k}`,
  flag: (p: string, f: string) => `${API}/flags/${p}/${f}`,
  metrics: (p: string) => `${API}/metrics/${p}`,
  metric: (p: string, m: string) => `${API}/metrics/${p}/${m}`,
  metricGroups: (p: string) => `${API}/projects/${p}/metric-groups`,
  metricGroup: (p: string, g: string) => `${API}/projects/${p}/metric-groups/${g}`,
  contextKinds: (p: string) => `${API}/projects/${p}/context-kinds`,
  settings: (p: string) => `${API}/projects/${p}/experimentation-settings`,
};

export interface Page {
  limit: number;
  offset: number;
}

/**
 * `limit`/`offset` from the query; non-integers, negatives and limits over `max` are a 400. A
 * `pageSizeCap` condition then silently lowers the limit, and the `_links` follow the lowered one,
 * as a server that pages by its own maximum does.
 */
export function readPage(
  ctx: { query: URLSearchParams; pageSizeCap?: number },
  defaultLimit: number,
  max?: number,
): Page {
  const limit = intParam(ctx.query, 'limit') ?? defaultLimit;
  const offset = intParam(ctx.query, 'offset') ?? 0;
  if (limit < 1) throw badRequest('limit must be a positive integer');
  // Choice: a limit above the documented maximum is refused rather than silently capped.
  if (max !== undefined && limit > max) throw badRequest(`limit must be at most ${max}`);
  if (offset < 0) throw badRequest('offset must not be negative');
  return { limit: Math.min(limit, ctx.pageSizeCap ?? limit), offset };
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer, got "${raw}"`);
  return Number(raw);
}

/**
 * `self`, `first`, `last`, and `prev`/`next` when such pages exist. Other query parameters
 * (filter, expand, lifecycleState) are kept so following `next` yields the same view.
 */
export function pageLinks(base: string, query: URLSearchParams, page: Page, total: number): JsonObject {
  const at = (offset: number): JsonObject => {
    const q = new URLSearchParams(query);
    q.set('limit', String(page.limit));
    q.set('offset', String(offset));
    return link(`${base}?${q.toString()}`);
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / page.limit) * page.limit;
  const links: JsonObject = { self: at(page.offset), first: at(0), last: at(lastOffset) };
  if (page.offset > 0) links['prev'] = at(Math.max(0, page.offset - page.limit));
  if (page.offset + page.limit < total) links['next'] = at(page.offset + page.limit);
  return links;
}

/** Comma-separated values of a query parameter, possibly repeated (`?a=x,y&a=z`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
