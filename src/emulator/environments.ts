/** getEnvironmentsByProject (`Environments`): the environments of a project, paginated. */
import { stableId } from './ids.js';
import type { JsonObject } from './json.js';
import { link, pageLinks, paths, readPage } from './links.js';
import type { RequestContext, RouteResult } from './router.js';

/** The documented default page; the document names no maximum. */
const ENVIRONMENT_PAGE = 20;

/**
 * Choice: the seed names environments only by key, so every other required field is derived: the
 * key as the name, fake SDK and mobile keys derived from the key (the emulator serves no SDKs),
 * and LaunchDarkly's defaults for the settings. `filter` and `sort` are ignored (seed order).
 */
export function listEnvironments(ctx: RequestContext): RouteResult {
  const project = ctx.store.project(ctx.params['projectKey'] ?? '');
  const page = readPage(ctx, ENVIRONMENT_PAGE);
  const all = [...project.environments.keys()];
  const items = all.slice(page.offset, page.offset + page.limit).map((key) => environmentRep(project.key, key));
  const links = pageLinks(`${paths.project(project.key)}/environments`, ctx.query, page, all.length);
  return { status: 200, body: { items, totalCount: all.length, _links: links } };
}

function environmentRep(projectKey: string, key: string): JsonObject {
  const id = stableId('environment', projectKey, key);
  return {
    _links: { self: link(paths.environment(projectKey, key)) },
    _id: id,
    key,
    name: key,
    apiKey: `sdk-${id}`,
    mobileKey: `mob-${id}`,
    color: '417505',
    defaultTtl: 0,
    secureMode: false,
    defaultTrackEvents: false,
    requireComments: false,
    confirmChanges: false,
    tags: [],
    critical: false,
  };
}
