/** Lifecycle rows built from the stages before plan, as the pipeline builds them, for calling cells directly. */
import { diffAll } from '../../src/diff/index.js';
import type { LiveState } from '../../src/live/types.js';
import { liveEnvironment, liveProject } from '../../src/live/lookup.js';
import type { ExperimentManifest, HoldoutManifest } from '../../src/manifest/types.js';
import { normalizeAll } from '../../src/normalize/index.js';
import { experimentRow, type ExperimentRow } from '../../src/plan/experiment.js';
import { holdoutRow, type HoldoutRow } from '../../src/plan/holdouts.js';
import { resolveAll } from '../../src/resolve/index.js';
import { manifestSet } from '../helpers/builders.js';

function diffsOf(experiments: ExperimentManifest[], holdouts: HoldoutManifest[], live: LiveState) {
  const resolution = resolveAll(manifestSet(experiments, holdouts), live);
  return diffAll(normalizeAll(resolution, live), live);
}

/** The row of experiment `m` against `live`; `holdoutCreateStep` as the planner passes it. */
export function rowFor(m: ExperimentManifest, live: LiveState, holdoutCreateStep?: string): ExperimentRow {
  const diff = diffsOf([m], [], live).experiments[0];
  if (!diff) throw new Error(`rowFor: ${m.key} does not resolve`);
  return experimentRow({
    ...diff,
    environment: liveEnvironment(live, m),
    project: liveProject(live, m.project).project,
    ...(holdoutCreateStep !== undefined ? { holdoutCreateStep } : {}),
  });
}

/** The row of holdout `m` against `live`. */
export function holdoutRowFor(m: HoldoutManifest, live: LiveState): HoldoutRow {
  const diff = diffsOf([], [m], live).holdouts[0];
  if (!diff) throw new Error(`holdoutRowFor: ${m.key} does not resolve`);
  return holdoutRow(diff);
}
