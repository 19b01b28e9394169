import type { Plan } from '../plan/types.js';

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
