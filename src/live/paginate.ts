/**
 * Read every page of a LaunchDarkly collection. The API is not uniform: some collections give
 * `_links.next`, experiments and holdouts count with `total_count`, metrics and metric groups with
 * `totalCount`, some give neither. Never assume one page; never loop forever.
 */
import { LdexpError } from '../errors.js';
import { queryFromSearchParams, queryString, type Query } from './query.js';

/** Far beyond any real account; reaching it means the server keeps handing out pages. */
const MAX_PAGES = 10_000;

export interface PageRequest {
  path: string;
  query: Query;
}

/** Fetches one page and returns its parsed body. */
export type PageFetcher = (path: string, query: Query) => Promise<unknown>;

/** Which collection to read, and where its items are. */
export interface Collection {
  /** The API root the `next` links are resolved against (and must stay on). */
  baseUrl: string;
  path: string;
  /** Parameters of the first page (`limit`, `expand`…); kept on every later page. */
  query: Query;
  /** The array of items in each page's body: `items` for most collections. */
  itemsKey: string;
}

/**
 * Every item of the collection at `path`, in server order. When the first page reports the total,
 * the remaining pages are requested at once by offset (the client bounds how many are in flight),
 * so a collection costs two dependent round trips instead of one per page. Without a total, or when
 * those pages came back short (the collection shrank meanwhile), `_links.next` is walked instead.
 */
export async function readAllPages<T>(fetchPage: PageFetcher, collection: Collection): Promise<T[]> {
  const { baseUrl, path, query, itemsKey } = collection;
  const first = await fetchPage(path, query);
  const firstItems = itemsOf<T>(first, itemsKey);
  const pages = offsetsAgree(first, baseUrl, { path, query }, firstItems.length)
    ? remainingPages({ path, query }, totalOf(first), firstItems.length)
    : [];
  if (pages.length === 0) return walkPages(fetchPage, collection, first);
  const rest = await Promise.all(
    pages.map(async (page) => itemsOf<T>(await fetchPage(page.path, page.query), itemsKey)),
  );
  return [...firstItems, ...rest.flat()];
}

/**
 * Offsets may be computed only when the server pages by offset: its `next` link (if any) must
 * point at the same path with `offset` right after the first page. A cursor or another path means
 * walking the links.
 */
function offsetsAgree(body: unknown, baseUrl: string, first: PageRequest, received: number): boolean {
  const next = nextFromLink(body, baseUrl, first.query);
  if (next === undefined) return !hasNextLink(body);
  return next.path === first.path && Number(next.query['offset']) === Number(first.query['offset'] ?? 0) + received;
}

/**
 * The offsets after a first page of `pageSize` items, up to `total`. The page size is what the
 * server returned, not what we asked for: a server may cap `limit` silently.
 */
export function remainingPages(first: PageRequest, total: number | undefined, pageSize: number): PageRequest[] {
  if (total === undefined || pageSize <= 0) return [];
  const start = Number(first.query['offset'] ?? 0) + pageSize;
  const count = Math.max(0, Math.ceil((total - start) / pageSize));
  if (count + 1 > MAX_PAGES) {
    throw new LdexpError(
      'TooManyPages',
      `GET ${first.path} reports ${total} items, more than ${MAX_PAGES} pages`,
      'remote',
    );
  }
  return Array.from({ length: count }, (_, index) => ({
    path: first.path,
    query: { ...first.query, offset: start + index * pageSize },
  }));
}

/** One page after another, following `_links.next`, else offsets, else "a full page means more". */
async function walkPages<T>(fetchPage: PageFetcher, collection: Collection, firstBody: unknown): Promise<T[]> {
  const { baseUrl, itemsKey } = collection;
  const start: PageRequest = { path: collection.path, query: collection.query };
  const items: T[] = [];
  const seen = new Set<string>();
  let page: PageRequest | undefined = start;
  let body: unknown = firstBody;
  let linked = false;
  for (let count = 0; page; count++) {
    if (count >= MAX_PAGES) {
      throw new LdexpError('TooManyPages', `GET ${start.path} returned more than ${MAX_PAGES} pages`, 'remote');
    }
    const key = page.path + queryString(page.query);
    // A server that points back at a page already read would loop: stop with what we have.
    if (seen.has(key)) break;
    seen.add(key);
    body = count === 0 ? body : await fetchPage(page.path, page.query);
    const pageItems = itemsOf<T>(body, itemsKey);
    items.push(...pageItems);
    if (pageItems.length === 0) break;
    const fromLink = nextFromLink(body, baseUrl, start.query);
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

function hasNextLink(body: unknown): boolean {
  const links = isRecord(body) ? body['_links'] : undefined;
  return isRecord(links) && links['next'] !== undefined;
}

function totalOf(body: unknown): number | undefined {
  if (!isRecord(body)) return undefined;
  const total = body['total_count'] ?? body['totalCount'];
  return typeof total === 'number' && Number.isFinite(total) ? total : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
