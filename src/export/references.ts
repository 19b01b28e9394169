/**
 * The human form of a live reference: the first form, in the documented order of preference, that
 * resolves back to exactly the same object. Resolution is the resolve stage's own, so an exported
 * reference always means, at plan time, what LaunchDarkly holds now.
 */
import type { LdFlag, LdFlagEnvironment, LdVariation } from '../live/ld-types.js';
import type { RuleRef, VariationRef } from '../manifest/types.js';
import { FALLTHROUGH, resolveRule, resolveVariation } from '../resolve/index.js';

/** A reference, or a fallback `{ id }` with the reason the readable forms did not work. */
export interface Chosen<T> {
  ref: T;
  /** Set when the object does not exist: the ID is all there is, and the export warns. */
  problem?: string;
}

/** Variation name; else its value (bare, then `{ value }`); else `{ id }`. */
export function variationReference(flag: LdFlag, variationId: string): Chosen<VariationRef> {
  const variation = flag.variations.find((v) => v._id === variationId);
  if (!variation) {
    return { ref: { id: variationId }, problem: `flag "${flag.key}" has no variation with ID "${variationId}"` };
  }
  for (const ref of variationForms(variation)) {
    const outcome = resolveVariation(flag, ref);
    if (outcome.ok && outcome.value === variationId) return { ref };
  }
  // Its name and value are both shared with another variation: only the ID tells them apart.
  return { ref: { id: variationId } };
}

function variationForms(variation: LdVariation): VariationRef[] {
  const forms: VariationRef[] = [];
  if (variation.name !== undefined && variation.name !== '') forms.push(variation.name);
  const value = variation.value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    if (value !== '') forms.push(value);
  }
  forms.push({ value });
  return forms;
}

/** `fallthrough`; else the rule's ref, its description, then `{ id }`. */
export function ruleReference(flagKey: string, environment: LdFlagEnvironment, ruleId: string): Chosen<RuleRef> {
  if (ruleId === FALLTHROUGH) return { ref: FALLTHROUGH };
  const rule = (environment.rules ?? []).find((r) => r._id === ruleId);
  if (!rule) {
    return { ref: { id: ruleId }, problem: `flag "${flagKey}" has no targeting rule with ID "${ruleId}"` };
  }
  const forms: RuleRef[] = [];
  if (rule.ref !== undefined && rule.ref !== '') forms.push(rule.ref, { ref: rule.ref });
  if (rule.description !== undefined && rule.description !== '')
    forms.push(rule.description, { description: rule.description });
  forms.push({ id: ruleId });
  for (const ref of forms) {
    const outcome = resolveRule(flagKey, environment, ref);
    if (outcome.ok && outcome.value === ruleId) return { ref };
  }
  return { ref: { id: ruleId } };
}
