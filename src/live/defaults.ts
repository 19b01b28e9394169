/**
 * How hard ldexp drives LaunchDarkly unless told otherwise: one place for the client, the CLI flags
 * and the Action inputs. Free of imports, so the CLI shows them in `--help` without loading the client.
 */

/** GETs in flight at once: enough to hide latency, few enough not to spend a rate window at once. */
export const DEFAULT_READ_CONCURRENCY = 10;
/** Writes in flight at once during apply. */
export const DEFAULT_WRITE_CONCURRENCY = 4;
