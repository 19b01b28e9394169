/** Routes keyed by OpenAPI path templates, so log entries can name the documented operation. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Json } from './json.js';
import type { EmulatorStore } from './store.js';

export interface RequestContext {
  store: EmulatorStore;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The `pageSizeCap` condition: lists return at most this many items per page. */
  pageSizeCap?: number;
}

export interface RouteResult {
  status: number;
  body: Json;
}

/** How the request body is read: none, plain JSON, or a semantic patch. */
export type BodyKind = 'none' | 'json' | 'semanticPatch';

export interface Route {
  method: string;
  /** The documented operationId, which fault rules and rate-limit overrides may name. */
  operationId: string;
  /** The path template exactly as in the OpenAPI document. */
  template: string;
  body: BodyKind;
  /** Beta resources need `LD-API-Version: beta`. */
  beta?: boolean;
  handle: (ctx: RequestContext) => RouteResult;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { status: 404 | 405; allowed: string[] };

/** Find the route for a method and path; 405 when the path exists with other methods. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  const got = pathname.replace(/\/+$/, '').split('/');
  for (const route of routes) {
    const params = matchTemplate(segmentsOf(route.template), got);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { status: allowed.length > 0 ? 405 : 404, allowed };
}

/** A template's segments: a literal to compare, or the name of a path parameter. */
type Segment = { literal: string } | { param: string };

/** Split once per template, not once per request and route. */
const SEGMENTS = new Map<string, Segment[]>();

function segmentsOf(template: string): Segment[] {
  let segments = SEGMENTS.get(template);
  if (!segments) {
    segments = template.split('/').map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      return name === undefined ? { literal: part } : { param: name };
    });
    SEGMENTS.set(template, segments);
  }
  return segments;
}

function matchTemplate(want: readonly Segment[], got: readonly string[]): Record<string, string> | undefined {
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if ('param' in part) {
      if (actual === '') return undefined;
      params[part.param] = decodeURIComponent(actual);
    } else if (part.literal !== actual) {
      return undefined;
    }
  }
  return params;
}
