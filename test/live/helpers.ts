/** Shared test helpers for the live client: a client wired to the fake with a recording sleep. */
import { createClient, type ClientOptions, type ClosableLdClient } from '../../src/live/client.js';
import { RecordingReporter } from '../helpers/recording-reporter.js';
import type { FakeLd } from './fake-server.js';

/** Distinctive, so a leak anywhere is easy to find. */
export const TOKEN = 'api-TOKEN-d1st1nct1ve-5ecret-7f3a';

export interface TestClient {
  client: ClosableLdClient;
  reporter: RecordingReporter;
  sleeps: number[];
}

export function testClient(fake: FakeLd, overrides: Partial<ClientOptions> = {}): TestClient {
  const reporter = new RecordingReporter();
  const sleeps: number[] = [];
  const client = createClient({
    baseUrl: fake.url,
    token: TOKEN,
    reporter,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => 1_700_000_000_000,
    random: () => 0,
    ...overrides,
  });
  return { client, reporter, sleeps };
}
