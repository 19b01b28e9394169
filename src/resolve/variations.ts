/** Variation references → variation `_id`s (manifest-format.md, "variation reference"). */
import { isDeepStrictEqual } from 'node:util';

import type { LdFlag, LdVariation } from '../live/ld-types.js';
import type { VariationRef } from '../manifest/types.js';
import { closestBy } from './candidates.js';
import { showJson } from './json.js';
import { failed, found, type Outcome } from './outcome.js';

/** How a variation is shown to people: `name (value)`, or just the value when it has no name. */
export function describeVariation(variation: LdVariation): string {
  const value = showJson(variation.value);
  return variation.name === undefined ? `(${value})` : `${variation.name} (${value})`;
}

function variationForms(variation: LdVariation): string[] {
  const value = typeof variation.value === 'string' ? variation.value : showJson(variation.value);
  return variation.name === undefined ? [value] : [variation.name, value];
}

function describeRef(ref: VariationRef): string {
  return typeof ref === 'object' ? JSON.stringify(ref) : JSON.stringify(ref);
}

/** Values a bare string may also stand for: the string itself, and on boolean/number flags its parsed form. */
function valueForms(ref: string | number | boolean): unknown[] {
  if (typeof ref !== 'string') return [ref];
  const forms: unknown[] = [ref];
  if (ref === 'true') forms.push(true);
  if (ref === 'false') forms.push(false);
  if (ref.trim() !== '' && Number.isFinite(Number(ref))) forms.push(Number(ref));
  return forms;
}

function byName(variations: LdVariation[], name: string): LdVariation[] {
  return variations.filter((v) => v.name === name);
}

function byValue(variations: LdVariation[], values: unknown[]): LdVariation[] {
  return variations.filter((v) => values.some((value) => isDeepStrictEqual(v.value, value)));
}

/** The matches for a reference, in the documented order: names first, then values. */
function match(variations: LdVariation[], ref: VariationRef): LdVariation[] {
  if (typeof ref === 'object') {
    if ('id' in ref) return variations.filter((v) => v._id === ref.id);
    if ('name' in ref) return byName(variations, ref.name);
    return byValue(variations, [ref.value]);
  }
  // A YAML `true` or `7` is a value first; a string is a name first.
  const [first, second] =
    typeof ref === 'string'
      ? [byName(variations, ref), byValue(variations, valueForms(ref))]
      : [byValue(variations, [ref]), byName(variations, String(ref))];
  return first.length > 0 ? first : second;
}

/** Resolve a variation reference against a flag's variations. */
export function resolveVariation(flag: LdFlag, ref: VariationRef): Outcome<string> {
  const matches = match(flag.variations, ref);
  if (matches.length > 1) {
    return failed(
      'AmbiguousVariation',
      `variation ${describeRef(ref)} matches ${String(matches.length)} variations of flag "${flag.key}": ${matches.map(describeVariation).join(', ')}; use { id: ... } to pick one`,
      matches.map(describeVariation),
    );
  }
  const variation = matches[0];
  if (variation?._id === undefined) {
    // Ranked only here: edit distances to every variation for each reference that resolves were waste.
    const wanted = typeof ref === 'object' ? describeRef(ref) : String(ref);
    const all = closestBy(wanted, flag.variations, variationForms).map(describeVariation);
    return failed(
      'UnknownVariation',
      `flag "${flag.key}" has no variation ${describeRef(ref)}; it has: ${all.join(', ')}`,
      all,
    );
  }
  return found(variation._id);
}
