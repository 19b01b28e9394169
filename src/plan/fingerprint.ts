/**
 * Fingerprints of live objects and the plan hash. A saved plan is applied only when the live
 * objects it touches still have the fingerprints they had at plan time.
 */
import type { LdExperiment } from '../live/ld-types.js';
import type { LiveState } from '../live/types.js';
import { withoutOrigins } from '../origin/label.js';
import { canonicalInEnvironment } from '../normalize/experiment.js';
import { canonicalHoldoutFromLive } from '../normalize/holdout.js';
import { comparedIteration, liveStatus } from '../normalize/status.js';
import type { CanonicalExperiment } from '../normalize/types.js';
import { findLiveExperiment, findLiveHoldout, holdoutKey, liveEnvironment, liveExperiments } from '../live/lookup.js';
import { formatAddress, resourceRef, type ResourceRef } from '../types.js';
import { stableSha256 as sha256 } from './stable-hash.js';
import type { Plan } from './types.js';

/** Canonical forms of live experiments already computed (by normalize), so they are not computed again. */
export type KnownCanonical = ReadonlyMap<LdExperiment, CanonicalExperiment>;

// Addresses with nothing live get no fingerprint: apply treats a missing one as moved, and checks
// creates separately (their address must still be free).
function fingerprintOne(live: LiveState, ref: ResourceRef, known: KnownCanonical): string | undefined {
  const env = liveEnvironment(live, ref);
  const key = ref.key;
  if (ref.kind === 'experiment') {
    const e = findLiveExperiment(env, key);
    if (!e) return undefined;
    const canonical = known.get(e) ?? canonicalInEnvironment(e, env);
    return sha256({ canonical, status: liveStatus(e), iteration: comparedIteration(e)?._id ?? null });
  }
  const h = findLiveHoldout(env, key);
  return h ? sha256({ canonical: canonicalHoldoutFromLive(h), status: h.status, id: h._id }) : undefined;
}

/** Every object fingerprintLive can see: live experiments (not holdout bases) and holdouts. */
function allRefs(live: LiveState): ResourceRef[] {
  const out: ResourceRef[] = [];
  for (const env of live.environments) {
    for (const e of liveExperiments(env)) out.push(resourceRef('experiment', env, e.key));
    for (const h of env.holdouts) out.push(resourceRef('holdout', env, holdoutKey(h)));
  }
  return out;
}

/**
 * sha256 per address (`experiment/…`, `holdout/…`, keyed by formatAddress) of the stable JSON of the canonical live
 * object, its lifecycle status and iteration ID. Without `refs`, every live object is
 * fingerprinted; objects with nothing live are left out. `known` only saves work: a canonical
 * form found there is the one computed here.
 */
export function fingerprintLive(
  live: LiveState,
  refs?: readonly ResourceRef[],
  known: KnownCanonical = new Map(),
): Record<string, string> {
  const byAddress = new Map((refs ?? allRefs(live)).map((ref) => [formatAddress(ref), ref]));
  const out: Record<string, string> = {};
  for (const address of [...byAddress.keys()].sort()) {
    const ref = byAddress.get(address);
    const fingerprint = ref && fingerprintOne(live, ref, known);
    if (fingerprint !== undefined) out[address] = fingerprint;
  }
  return out;
}

/**
 * sha256 of the stable JSON of everything apply acts on and everything a reviewer is shown about
 * it: format version, target (base URL, projects, environments), steps (method, path, body,
 * order, bindings, dependsOn, after), resources with their changes, summary, warnings and the
 * fingerprints that decide whether the plan may still run. Left out: the hash itself, the list
 * of unmanaged resources (with its count), which ldexp leaves alone and which changes whenever
 * someone adds an unrelated experiment in LaunchDarkly, and the three-way labels (`origin`,
 * `stateOrigin`, `base`), which say why a change is there, not what apply sends.
 */
export function computePlanHash(plan: Omit<Plan, 'hash'>): string {
  const unlabelled = withoutOrigins(plan);
  const covered: Record<string, unknown> = { ...unlabelled, summary: { ...unlabelled.summary } };
  delete covered.hash;
  delete covered.unmanaged;
  delete (covered.summary as Partial<Plan['summary']>).unmanaged;
  return sha256(covered);
}
