/**
 * How hard ldexp drives LaunchDarkly unless told otherwise: one place for the client, the CLI flags
 * and the Action inputs. Free of imports, so the CLI shows them in `--help` without loading the client.
 */

/** GETs in flight at once: enough to hide latency, few enough not to spend a rate window at once. */
export const DEFAULT_READ_CONCURRENCY = 10;
/**
 * Without `--read-concurrency`, reads widen to this many in flight while LaunchDarkly's rate-limit
 * headers show the account's window with room for far more (`ROOM_TO_WIDEN_READS` requests
 * beyond those in flight), and narrow back to the default when it runs lower.
 */
export const WIDE_READ_CONCURRENCY = 20;
export const ROOM_TO_WIDEN_READS = 100;
/** Writes in flight at once during apply. */
export const DEFAULT_WRITE_CONCURRENCY = 4;
