/**
 * What a user would otherwise run to compare Git with LaunchDarkly: one GET per experiment (with
 * the expands a comparison needs), per referenced flag and per referenced metric, 10 at a time.
 * Goes through the same client as ldexp, so both pay the same per-request costs.
 */
import pLimit from 'p-limit';

import { createClient } from '../live/index.js';

const CONCURRENCY = 10;
const EXPAND = 'draftIteration,treatments,secondaryMetrics,analysisConfig,previousIterations';

export interface BaselineReads {
  project: string;
  environment: string;
  experiments: readonly string[];
  flags: readonly string[];
  metrics: readonly string[];
}

/** Every GET, answered or not (an experiment still to be created is a 404): the number sent. */
export async function runBaseline(url: string, reads: BaselineReads): Promise<number> {
  const client = createClient({ baseUrl: url, token: 'bench-token' });
  const limit = pLimit(CONCURRENCY);
  const p = encodeURIComponent(reads.project);
  const e = encodeURIComponent(reads.environment);
  const paths: [string, string | undefined][] = [
    ...reads.experiments.map((k): [string, string] => [
      `/api/v2/projects/${p}/environments/${e}/experiments/${encodeURIComponent(k)}`,
      EXPAND,
    ]),
    ...reads.flags.map((k): [string, undefined] => [`/api/v2/flags/${p}/${encodeURIComponent(k)}`, undefined]),
    ...reads.metrics.map((k): [string, undefined] => [`/api/v2/metrics/${p}/${encodeURIComponent(k)}`, undefined]),
  ];
  try {
    await Promise.all(
      paths.map(([path, expand]) =>
        limit(() => client.request('GET', path, expand ? { query: { expand } } : {}).catch(() => undefined)),
      ),
    );
  } finally {
    await client.close();
  }
  return paths.length;
}
