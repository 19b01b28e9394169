/**
 * Read every page of a LaunchDarkly collection. The API is not uniform: some collections give
 * `_links.next`, experiments and holdouts count with `total_count`, metrics and metric groups with
 * `totalCount`, some give neither. Never assume one page; never loop forever.
 */
import { LdexpError } from '../errors.js';
import { queryFromSearchParams, queryString, type Query } from './query.js';

/** Far beyond any real account; reaching it means the server keeps handing out pages. */
const MAX_PAGES = 10_000;

interface PageRequest {
  path: string;
  query: Query;
}

/** Fetches one page and returns its parsed body. */
export type PageFetcher = (path: string, query: Query) => Promise<unknown>;

/** Every item of the collection at `path`, in server order. */
export async function readAllPages<T>(
  fetchPage: PageFetcher,
  baseUrl: string,
  path: string,
  query: Query,
  itemsKey: string,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let page: PageRequest | undefined = { path, query };
  let linked = false;
  for (let count = 0; page; count++) {
    if (count >= MAX_PAGES) {
      throw new LdexpError('TooManyPages', `GET ${path} returned more than ${MAX_PAGES} pages`, 'remote');
    }
    const key = page.path + queryString(page.query);
    // A server that points back at a page already read would loop: stop with what we have.
    if (seen.has(key)) break;
    seen.add(key);
    const body = await fetchPage(page.path, page.query);
    const pageItems = itemsOf<T>(body, itemsKey);
    items.push(...pageItems);
    if (pageItems.length === 0) break;
    const fromLink = nextFromLink(body, baseUrl, query);
    // A server that paged us by links ends the collection by leaving `next` out.
    page = fromLink ?? (linked ? undefined : nextByOffset(body, page, pageItems.length));
    linked ||= fromLink !== undefined;
  }
  return items;
}

function itemsOf<T>(body: unknown, itemsKey: string): T[] {
  const items = isRecord(body) ? body[itemsKey] : undefined;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Without a link: offsets against the total count, or, lacking one, keep going while pages are full. */
function nextByOffset(body: unknown, current: PageRequest, received: number): PageRequest | undefined {
  const nextOffset = Number(current.query['offset'] ?? 0) + received;
  const total = totalOf(body);
  if (total !== undefined) {
    return nextOffset < total ? { path: current.path, query: { ...current.query, offset: nextOffset } } : undefined;
  }
  // No link and no count: a full page may be followed by more, a short one is the last.
  const limit = Number(current.query['limit']);
  return Number.isFinite(limit) && limit > 0 && received >= limit
    ? { path: current.path, query: { ...current.query, offset: nextOffset } }
    : undefined;
}

function nextFromLink(body: unknown, baseUrl: string, firstQuery: Query): PageRequest | undefined {
  const links = isRecord(body) ? body['_links'] : undefined;
  const next = isRecord(links) ? links['next'] : undefined;
  const href = isRecord(next) ? next['href'] : undefined;
  if (typeof href !== 'string' || href === '') return undefined;
  const base = new URL(`${baseUrl}/`);
  const url = new URL(href, base);
  // The token goes with every request, so only ever follow links back to the same server.
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/$/, '');
  const path = prefix && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
  // Keep our own parameters (expand, lifecycleState…) in case the link leaves some out.
  return { path, query: { ...firstQuery, ...queryFromSearchParams(url.searchParams) } };
}

function totalOf(body: unknown): number | undefined {
  if (!isRecord(body)) return undefined;
  const total = body['total_count'] ?? body['totalCount'];
  return typeof total === 'number' && Number.isFinite(total) ? total : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
