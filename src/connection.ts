/** How the pipeline reaches LaunchDarkly: connection options, and a client closed when a stage is done with it. */
import type { Dispatcher } from 'undici';

import { createClient } from './live/index.js';
import type { ClosableLdClient, RetryOptions } from './live/index.js';
import type { Reporter } from './reporter.js';

export const DEFAULT_BASE_URL = 'https://app.launchdarkly.com';

export interface ConnectionOptions {
  baseUrl: string;
  token: string;
  /** Writes in flight at once during apply (--concurrency). */
  concurrency: number;
  /** Reads in flight at once (--read-concurrency); the client's default (10) otherwise. */
  readConcurrency?: number;
  /** The longest one request attempt may take (--timeout); the client's default otherwise. */
  timeoutMs?: number;
  reporter?: Reporter;
  /** Injected transport, for tests. */
  dispatcher?: Dispatcher;
  /** Retry policy; the client's default otherwise (tests shorten the waits). */
  retry?: RetryOptions;
  /** Injected clock and sleep (retries, rate-limit holds), so pacing tests never wait in real time. */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

/** Closing when `use` is done aborts reads still in flight after one failed: the run ends with it. */
export async function withClient<T>(
  connection: ConnectionOptions,
  use: (client: ClosableLdClient) => Promise<T>,
): Promise<T> {
  const client = clientFor(connection);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

function clientFor(connection: ConnectionOptions): ClosableLdClient {
  return createClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    ...(connection.timeoutMs !== undefined ? { timeoutMs: connection.timeoutMs } : {}),
    ...(connection.readConcurrency !== undefined ? { readConcurrency: connection.readConcurrency } : {}),
    ...(connection.dispatcher ? { dispatcher: connection.dispatcher } : {}),
    ...(connection.retry ? { retry: connection.retry } : {}),
    ...(connection.clock ? { now: connection.clock.now, sleep: connection.clock.sleep } : {}),
    ...(connection.reporter ? { reporter: connection.reporter } : {}),
  });
}
