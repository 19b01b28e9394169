/** Ignore pointers (src/schema/ignore.ts): which fields may be owned elsewhere, and the problem for any other pointer. */
import { describe, expect, it } from 'vitest';

import { parseManifestText } from '../../src/manifest/parse.js';
import { IGNORABLE, checkIgnore, ownedPointers, schemaField } from '../../src/schema/ignore.js';
import type { OwnedKind } from '../../src/schema/ignore.js';
import { manifestValidators } from '../../src/schema/validators.js';

const SCHEMAS = { Experiment: manifestValidators.Experiment, Holdout: manifestValidators.Holdout };

/** A one-line document holding the pointers, so problems point at `x.yaml:2:<column>`. */
function check(pointers: string[], kinds: OwnedKind[]) {
  const text = `kind: x\nignore: [${pointers.join(', ')}]\n`;
  const doc = parseManifestText('x.yaml', text).documents[0]!;
  return checkIgnore({ doc, at: '/ignore', pointers, kinds, schemas: SCHEMAS });
}

describe('the ignorable fields', () => {
  it.each(Object.entries(IGNORABLE).flatMap(([kind, pointers]) => pointers.map((p) => [kind, p] as const)))(
    '%s %s is a field of its JSON Schema',
    (kind, pointer) => {
      expect(schemaField(SCHEMAS[kind as OwnedKind], pointer)).toEqual({ found: true });
    },
  );
});

describe('checkIgnore', () => {
  it.each<[string, OwnedKind[], string, string, number]>([
    [
      '/spec/tag',
      ['Experiment'],
      'IgnoreUnknownField',
      'ignore[0]: /spec/tag is not a field of an Experiment; fields there: name, description, maintainerId, tags, methodology, dataSource, type, analysis, holdout, state, iteration, stop, ignore',
      10,
    ],
    [
      '/spec/iteration/attribute',
      ['Experiment'],
      'IgnoreUnknownField',
      'ignore[0]: /spec/iteration/attribute is not a field of an Experiment; fields there: hypothesis, randomizationUnit, attributes, canReshuffleTraffic, reallocationFrequencyMillis, primaryMetric, primaryFunnel, metrics, flags, treatments, changeJustification, replacesIteration',
      10,
    ],
    [
      '/spec/tags',
      ['Holdout'],
      'IgnoreUnknownField',
      'ignore[0]: /spec/tags is not a field of a Holdout; fields there: name, description, randomizationUnit, attributes, holdoutAmount, primaryMetric, metrics, prerequisiteFlag, maintainerId, state, ignore',
      10,
    ],
    [
      '/nope',
      ['Experiment', 'Holdout'],
      'IgnoreUnknownField',
      'ignore[0]: /nope is not a field of an Experiment or Holdout; fields there: apiVersion, kind, metadata, spec',
      10,
    ],
    [
      '/metadata/key',
      ['Experiment'],
      'IgnoreNotAllowed',
      'ignore[0]: /metadata/key cannot be owned elsewhere: it identifies the document;',
      10,
    ],
    [
      '/spec/state',
      ['Experiment'],
      'IgnoreNotAllowed',
      'ignore[0]: /spec/state cannot be owned elsewhere: it is an instruction to ldexp, not a field LaunchDarkly holds;',
      10,
    ],
    ['/spec/stop/winner', ['Experiment'], 'IgnoreNotAllowed', 'it is an instruction to ldexp', 10],
    ['/spec/iteration/replacesIteration', ['Experiment'], 'IgnoreNotAllowed', 'it is an instruction to ldexp', 10],
    [
      '/spec/holdout',
      ['Experiment'],
      'IgnoreNotAllowed',
      'leave `holdout` out of the manifest instead: an omitted holdout is not managed',
      10,
    ],
    [
      '/spec/iteration/flags',
      ['Experiment'],
      'IgnoreNotAllowed',
      "it is part of the experiment's design (what it measures and how traffic splits), which Git always owns",
      10,
    ],
    [
      '/spec/analysis/multipleComparisonCorrection/method',
      ['Experiment'],
      'IgnoreNotAllowed',
      'only the whole field can be owned elsewhere',
      10,
    ],
    ['/spec/metrics', ['Holdout'], 'IgnoreNotAllowed', "it is part of the holdout's design, which Git always owns", 10],
  ])('%s (%j) → %s', (pointer, kinds, code, message, column) => {
    const problems = check([pointer], kinds);
    expect(problems.map((p) => [p.code, p.position?.line, p.position?.column])).toEqual([[code, 2, column]]);
    expect(problems[0]?.message).toContain(message);
  });

  it.each<[string, OwnedKind[]]>([
    ['/spec/tags', ['Experiment']],
    ['/spec/iteration/attributes', ['Experiment']],
    ['/spec/analysis/bayesianThreshold', ['Experiment']],
    ['/spec/holdoutAmount', ['Holdout']],
    // The Config's list: a field of one kind is enough.
    ['/spec/tags', ['Experiment', 'Holdout']],
    ['/spec/holdoutAmount', ['Experiment', 'Holdout']],
  ])('%s is fine for %j', (pointer, kinds) => {
    expect(check([pointer], kinds)).toEqual([]);
  });

  it('points at each bad pointer of a list', () => {
    const problems = check(['/spec/tags', '/spec/x', '/spec/state'], ['Experiment']);
    expect(problems.map((p) => [p.code, p.pointer, p.position?.column])).toEqual([
      ['IgnoreUnknownField', '/ignore/1', 22],
      ['IgnoreNotAllowed', '/ignore/2', 31],
    ]);
  });
});

describe('ownedPointers', () => {
  it.each<[OwnedKind, string[] | undefined, string[] | undefined, string[] | undefined]>([
    ['Experiment', undefined, undefined, undefined],
    ['Experiment', ['/spec/tags'], undefined, ['/spec/tags']],
    ['Experiment', ['/spec/tags'], ['/spec/description', '/spec/tags'], ['/spec/description', '/spec/tags']],
    // The Config's pointers apply only to the kinds that have the field.
    ['Holdout', undefined, ['/spec/tags', '/spec/holdoutAmount'], ['/spec/holdoutAmount']],
    ['Experiment', undefined, ['/spec/holdoutAmount'], undefined],
  ])('%s own %j, Config %j → %j', (kind, own, config, expected) => {
    expect(ownedPointers(kind, own, config)).toEqual(expected);
  });
});
