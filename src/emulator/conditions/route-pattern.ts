/**
 * Route patterns of fault rules and rate-limit overrides: an operationId, a path template, or a
 * glob over the template or the concrete path, optionally preceded by a method.
 */
import type { Route } from '../router.js';
import { ROUTES } from '../routes.js';

/** What a pattern is matched against: the request's method, path and matched route (if any). */
export interface RequestTarget {
  method: string;
  pathname: string;
  route?: Route;
}

export type RoutePattern = (target: RequestTarget) => boolean;

const METHOD_PREFIX = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S.*)$/;

/**
 * Compile `text` (and an optional separate `method`) into a predicate; throws an `Error` saying
 * what is wrong when the pattern names an operation or template the emulator does not have.
 */
export function compileRoutePattern(text: string | undefined, method?: string): RoutePattern {
  if (text === undefined) return (target) => method === undefined || target.method === method;
  const prefixed = METHOD_PREFIX.exec(text.trim());
  const body = prefixed?.[2] ?? text.trim();
  const wantMethod = prefixed?.[1] ?? method;
  if (prefixed && method !== undefined && method !== prefixed[1]) {
    throw new Error(`route "${text}" says ${prefixed[1]} but method is ${method}`);
  }
  const path = body.includes('/') || body.includes('*') ? globPattern(body) : operationPattern(body, wantMethod);
  return (target) => (wantMethod === undefined || target.method === wantMethod) && path(target);
}

function operationPattern(operationId: string, method: string | undefined): RoutePattern {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) {
    const known = ROUTES.map((r) => r.operationId).join(', ');
    throw new Error(`unknown operation "${operationId}" (known: ${known})`);
  }
  if (method !== undefined && method !== route.method) {
    throw new Error(`operation ${operationId} is ${route.method}, not ${method}`);
  }
  return (target) => target.route === route;
}

function globPattern(glob: string): RoutePattern {
  if (!glob.startsWith('/') && !glob.startsWith('*')) {
    throw new Error(`route "${glob}" must be an operationId or a path starting with / or *`);
  }
  if (!glob.includes('*') && glob.includes('{') && !ROUTES.some((r) => r.template === glob)) {
    throw new Error(`no operation has the path template "${glob}"`);
  }
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}/?$`);
  return (target) => (target.route !== undefined && regex.test(target.route.template)) || regex.test(target.pathname);
}
