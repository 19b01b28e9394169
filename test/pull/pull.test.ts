/** Pull (pure): which fields are rewritten, in which form, and what is left alone. */
import { describe, expect, it } from 'vitest';

import type { LdExperiment } from '../../src/live/ld-types.js';
import type { LiveState } from '../../src/live/types.js';
import { pullManifests } from '../../src/pull/index.js';
import { experiment, liveFromDesired, manifestSet } from '../helpers/builders.js';

const TEXT = 'placeholder: the builders have no file text\n';

/** The edits pull computes, read back from the file it would write: here only the change list. */
function pulled(manifests: ReturnType<typeof manifestSet>, live: LiveState) {
  const texts = new Map(manifests.files.map((f) => [f, TEXT]));
  return pullManifests({ manifests, live, texts, addMissing: false, source: 'https://x', exportedAt: 't' });
}

function liveExperiment(live: LiveState, key: string): LdExperiment {
  const found = live.environments.flatMap((e) => e.experiments).find((e) => e.key === key);
  if (!found) throw new Error(`no live ${key}`);
  return found;
}

describe('pullManifests', () => {
  it('nothing drifted: no file, no note', () => {
    const manifests = manifestSet([experiment()]);
    expect(pulled(manifests, liveFromDesired(manifests))).toEqual({ files: [], created: [], notes: [] });
  });

  it.each<[string, (e: LdExperiment) => void, string[]]>([
    ['a rename', (e) => (e.name = 'Renamed'), ['spec.name']],
    ['a methodology at its default in the manifest', (e) => (e.methodology = 'frequentist'), ['spec.methodology']],
    [
      'an allocation',
      (e) => {
        const [a, b] = e.draftIteration?.treatments ?? [];
        if (a && b) [a.allocationPercent, b.allocationPercent] = ['70', '30'];
      },
      ['spec.iteration.treatments[0].allocationPercent', 'spec.iteration.treatments[1].allocationPercent'],
    ],
    [
      'the hypothesis',
      (e) => e.draftIteration && (e.draftIteration.hypothesis = 'New idea'),
      ['spec.iteration.hypothesis'],
    ],
    ['a tag, when the manifest leaves tags out (not managed)', (e) => (e.tags = ['ui']), []],
  ])('%s', (_, drift, fields) => {
    const manifests = manifestSet([experiment()]);
    const live = liveFromDesired(manifests);
    drift(liveExperiment(live, 'checkout-button'));
    const result = pulled(manifests, live);
    expect(result.files.flatMap((f) => f.changes.flatMap((c) => c.fields))).toEqual(fields);
    expect(result.notes).toEqual([]);
  });

  it('an experiment LaunchDarkly does not have is left alone, with a note', () => {
    const manifests = manifestSet([experiment({ key: 'new-one' })]);
    const live = liveFromDesired(manifestSet([]));
    expect(pulled(manifests, live).notes).toEqual([
      { address: 'experiment/web/production/new-one', message: 'not pulled: not in LaunchDarkly (apply creates it)' },
    ]);
  });

  it('a document for two environments whose live experiments differ is not edited', () => {
    const production = experiment();
    const staging = { ...experiment({ environment: 'staging' }), source: production.source };
    const manifests = manifestSet([production, staging]);
    const live = liveFromDesired(manifests);
    const stagingLive = live.environments.find((e) => e.environment === 'staging')?.experiments[0];
    if (stagingLive) stagingLive.name = 'Renamed in staging only';
    const result = pulled(manifests, live);
    expect(result.files).toEqual([]);
    expect(result.notes.map((n) => n.address)).toEqual([
      'experiment/web/production/checkout-button',
      'experiment/web/staging/checkout-button',
    ]);
    expect(result.notes[0]?.message).toContain('LaunchDarkly differs between them; split the document per environment');
  });
});

describe('--add-missing needs the whole managed set', () => {
  const run = (manifests: ReturnType<typeof manifestSet>) => () =>
    pullManifests({
      manifests,
      live: liveFromDesired(manifests),
      texts: new Map(manifests.files.map((f) => [f, TEXT])),
      addMissing: true,
      source: 'https://x',
      exportedAt: 't',
    });

  it('runs on a whole run', () => {
    expect(run(manifestSet([experiment()]))).not.toThrow();
  });

  it.each([
    ['files of the managed set left out', { kind: 'unreadFiles' as const, files: ['m/other.yaml'] }, 'm/other.yaml'],
    ['a --target KEY', { kind: 'targetKeys' as const, targets: ['web/production/exp'] }, '--target web/production/exp'],
  ])('refuses %s, naming it', (_name, limit, named) => {
    const manifests = manifestSet([experiment()]);
    manifests.scope = { configFolder: 'm', limits: [limit] };
    expect(run(manifests)).toThrow(/^pull --add-missing needs the whole managed set/);
    expect(run(manifests)).toThrow(named);
  });
});
