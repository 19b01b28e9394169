/** Holdout edits: LaunchDarkly can rename, describe and end a holdout, so only those can drift. */
import { holdoutDocument, resourceContext } from '../export/index.js';
import type { ManifestData } from '../export/index.js';
import type { LiveState } from '../live/types.js';
import type { HoldoutManifest } from '../manifest/types.js';
import { findLiveHoldout, liveEnvironment } from '../live/lookup.js';
import { resourceAddress } from '../types.js';
import type { DocumentPull, FieldEdit } from './types.js';

export function pullHoldout(manifest: HoldoutManifest, live: LiveState): DocumentPull {
  const address = resourceAddress('holdout', manifest, manifest.key);
  const environment = liveEnvironment(live, manifest);
  const holdout = findLiveHoldout(environment, manifest.key);
  if (!holdout) return { address, edits: [], skipped: 'not in LaunchDarkly (apply creates it)' };
  const context = resourceContext(live, environment, address);
  const spec = holdoutDocument(holdout, context)['spec'] as ManifestData;
  const edits: FieldEdit[] = [];
  if (spec['name'] !== manifest.spec.name)
    edits.push({ path: ['spec', 'name'], value: spec['name'], field: 'spec.name' });
  // The description is managed only when the manifest states it; LaunchDarkly omits an empty one.
  const description = (spec['description'] as string | undefined) ?? '';
  if (manifest.spec.description !== undefined && description !== manifest.spec.description) {
    edits.push({ path: ['spec', 'description'], value: description, field: 'spec.description' });
  }
  if (spec['state'] !== manifest.spec.state)
    edits.push({ path: ['spec', 'state'], value: spec['state'], field: 'spec.state' });
  return { address, edits };
}
