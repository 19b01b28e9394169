export {
  createClient,
  DEFAULT_READ_CONCURRENCY,
  LD_API_VERSION,
  SEMANTIC_PATCH_CONTENT_TYPE,
  type ClientOptions,
  type ClosableLdClient,
  type HttpMethod,
  type LdClient,
  type LdResponse,
  type PageOptions,
  type Query,
  type QueryValue,
  type RequestOptions,
  type RetryOptions,
} from './client.js';
export { listEnvironmentKeys } from './environments.js';
export { fetchLive } from './fetch-live.js';
export type { LiveEnvironment, LiveProject, LiveRequest, LiveState } from './types.js';
