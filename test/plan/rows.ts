/** Lifecycle rows built the way buildPlan builds them, for calling cells directly. */
import { diffResource } from '../../src/diff/diff.js';
import type { LiveState } from '../../src/live/types.js';
import type { ExperimentManifest, HoldoutManifest } from '../../src/manifest/types.js';
import { canonicalFromDesired, canonicalFromLive, withoutUnmanaged } from '../../src/normalize/experiment.js';
import { experimentRow, type ExperimentRow } from '../../src/plan/experiment.js';
import { holdoutRow, type HoldoutRow } from '../../src/plan/holdouts.js';
import {
  findLiveExperiment,
  findLiveHoldout,
  findLiveHoldoutById,
  holdoutKey,
  liveEnvironment,
  liveProject,
} from '../../src/resolve/context.js';
import { nameBook } from '../../src/resolve/names.js';
import { resolveAll } from '../../src/resolve/resolve.js';
import { manifestSet } from '../helpers/builders.js';

/** The row of experiment `m` against `live`; `holdoutCreateStep` as buildPlan passes it. */
export function rowFor(m: ExperimentManifest, live: LiveState, holdoutCreateStep?: string): ExperimentRow {
  const resolution = resolveAll(manifestSet([m]), live);
  const resolved = resolution.experiments[0];
  if (!resolved) throw new Error(`rowFor: ${m.key} does not resolve: ${JSON.stringify(resolution.problems)}`);
  const environment = liveEnvironment(live, m);
  const ld = findLiveExperiment(environment, m.key);
  const desired = canonicalFromDesired(resolved);
  const keyOf = (id: string): string | undefined => {
    const h = findLiveHoldoutById(environment, id);
    return h ? holdoutKey(h) : undefined;
  };
  const liveCanonical = ld ? withoutUnmanaged(canonicalFromLive(ld, keyOf), desired) : undefined;
  return experimentRow({
    resolved,
    desired,
    ...(ld ? { live: ld } : {}),
    ...(liveCanonical ? { liveCanonical } : {}),
    diff: diffResource(desired, liveCanonical, nameBook(live, m)),
    environment,
    project: liveProject(live, m.project).project,
    ...(holdoutCreateStep !== undefined ? { holdoutCreateStep } : {}),
  });
}

/** The row of holdout `m` against `live`. */
export function holdoutRowFor(m: HoldoutManifest, live: LiveState): HoldoutRow {
  const resolved = resolveAll(manifestSet([], [m]), live).holdouts[0];
  if (!resolved) throw new Error(`holdoutRowFor: ${m.key} does not resolve`);
  return holdoutRow(resolved, findLiveHoldout(liveEnvironment(live, m), m.key));
}
