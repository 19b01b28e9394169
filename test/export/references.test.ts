/** The human form of variation and rule references: the first documented form that resolves back to the same object. */
import { describe, expect, it } from 'vitest';

import { ruleReference, variationReference } from '../../src/export/references.js';
import type { LdFlagEnvironment } from '../../src/live/ld-types.js';
import { flag, variation } from '../helpers/builders.js';

const colliding = flag('f', {
  variations: [
    variation('v-a', 'a', 'b'),
    variation('v-b', 'b', 'a'),
    variation('v-c', 'c'),
    variation('v-d', 'd', 'twin'),
    variation('v-e', 'e', 'twin'),
    variation('v-json', { color: 'red' }),
    variation('v-json2', { same: 1 }),
    variation('v-json3', { same: 1 }),
    variation('v-true', 'true'),
    variation('v-7', 7),
  ],
});

describe('variationReference', () => {
  it.each([
    ['a unique name', 'v-a', 'b'],
    ['a name that is another variation’s value still wins', 'v-b', 'a'],
    ['no name: the bare value', 'v-c', 'c'],
    ['a repeated name: the value', 'v-d', 'd'],
    ['a JSON value: { value }', 'v-json', { value: { color: 'red' } }],
    ['name and value both shared: { id }', 'v-json2', { id: 'v-json2' }],
    ['the string "true" as a string (not the boolean)', 'v-true', 'true'],
    ['a number', 'v-7', 7],
  ])('%s', (_, id, expected) => {
    expect(variationReference(colliding, id)).toEqual({ ref: expected });
  });

  it('a variation that does not exist is exported by ID, with the problem', () => {
    expect(variationReference(colliding, 'gone')).toEqual({
      ref: { id: 'gone' },
      problem: 'flag "f" has no variation with ID "gone"',
    });
  });
});

const environment: LdFlagEnvironment = {
  on: true,
  archived: false,
  version: 1,
  rules: [
    { _id: 'r-beta', ref: 'beta-users', description: 'Beta users', clauses: [] },
    { _id: 'r-staff', description: 'Internal staff', clauses: [] },
    { _id: 'r-anon', clauses: [] },
    { _id: 'r-tricky', description: 'beta-users', clauses: [] },
    { _id: 'r-fall', ref: 'fallthrough', clauses: [] },
    { _id: 'r-dup1', description: 'Twice', clauses: [] },
    { _id: 'r-dup2', description: 'Twice', clauses: [] },
  ],
};

describe('ruleReference', () => {
  it.each([
    ['the default rule', 'fallthrough', 'fallthrough'],
    ['a ref', 'r-beta', 'beta-users'],
    ['a description', 'r-staff', 'Internal staff'],
    ['nothing but an ID', 'r-anon', { id: 'r-anon' }],
    ['a description that is another rule’s ref', 'r-tricky', { description: 'beta-users' }],
    ['a ref named fallthrough', 'r-fall', { ref: 'fallthrough' }],
    ['a repeated description', 'r-dup2', { id: 'r-dup2' }],
  ])('%s', (_, id, expected) => {
    expect(ruleReference('f', environment, id)).toEqual({ ref: expected });
  });

  it('a rule that does not exist is exported by ID, with the problem', () => {
    expect(ruleReference('f', environment, 'gone')).toEqual({
      ref: { id: 'gone' },
      problem: 'flag "f" has no targeting rule with ID "gone"',
    });
  });
});
