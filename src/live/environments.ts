/** The environments of a project: what `export` reads when no environment is named. */
import { LdexpError, RemoteError } from '../errors.js';
import type { LdClient } from './client.js';

/** The spec documents 20 as the default page and names no maximum. */
const ENVIRONMENT_PAGE = 20;

/** Every environment key of the project, in LaunchDarkly's order; a project that does not exist is a user error. */
export async function listEnvironmentKeys(client: LdClient, project: string): Promise<string[]> {
  try {
    const items = await client.getAllPages<{ key?: unknown }>(
      `/api/v2/projects/${encodeURIComponent(project)}/environments`,
      { query: { limit: ENVIRONMENT_PAGE } },
    );
    return items.map((e) => e.key).filter((k): k is string => typeof k === 'string' && k !== '');
  } catch (error) {
    if (error instanceof RemoteError && error.status === 404) {
      throw new LdexpError(
        'UnknownProject',
        `project "${project}" was not found in LaunchDarkly (${client.baseUrl})`,
        'user',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
