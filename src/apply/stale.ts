import { StalePlanError } from '../errors.js';
import type { LdClient } from '../live/client.js';
import { fetchLive } from '../live/fetch-live.js';
import { fingerprintLive } from '../plan/fingerprint.js';
import type { Plan } from '../plan/types.js';
import type { Reporter } from '../reporter.js';
import { uniqueTargets } from '../types.js';

/**
 * The addresses a saved plan can no longer be trusted for, sorted: a live object whose
 * fingerprint changed or vanished since planning, or an object the plan would create that now
 * exists. `current` maps address → fingerprint of the live objects as they are now.
 */
export function checkFingerprints(saved: Plan, current: Readonly<Record<string, string>>): string[] {
  const moved = new Set<string>();
  for (const [address, fingerprint] of Object.entries(saved.fingerprints)) {
    if (!Object.hasOwn(current, address) || current[address] !== fingerprint) moved.add(address);
  }
  for (const resource of saved.resources) {
    if (resource.action === 'create' && Object.hasOwn(current, resource.address)) moved.add(resource.address);
  }
  return [...moved].sort();
}

/** Refuse a saved plan when what it touches moved in LaunchDarkly since it was made: nothing is sent then. */
export async function assertFresh(saved: Plan, client: LdClient, reporter: Reporter): Promise<void> {
  const live = await fetchLive(client, { targets: uniqueTargets(saved.resources), flagKeys: new Map() }, reporter);
  const moved = checkFingerprints(saved, fingerprintLive(live));
  if (moved.length > 0) {
    throw new StalePlanError(
      `The saved plan is stale: ${moved.join(', ')} changed in LaunchDarkly since the plan was made. Run plan again.`,
      moved,
    );
  }
}
