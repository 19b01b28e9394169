/** Rule references → the `ruleId` of an iteration flag (manifest-format.md, "rule reference"). */
import type { LdFlagEnvironment, LdRule } from '../live/ld-types.js';
import type { RuleRef } from '../manifest/types.js';
import { closestFirst } from './candidates.js';
import { failed, found, type Outcome } from './outcome.js';

export const FALLTHROUGH = 'fallthrough';

/** How a rule is shown to people: its ref, else description, else `_id`. */
export function describeRule(rule: LdRule): string {
  return rule.ref ?? rule.description ?? rule._id ?? '(rule without id)';
}

type Field = 'ref' | '_id' | 'description';

function matchField(rules: LdRule[], field: Field, value: string): LdRule[] {
  return rules.filter((r) => r[field] === value);
}

/** A bare string tries `ref`, then `_id`, then `description`; the first field that matches wins. */
function match(rules: LdRule[], ref: RuleRef): LdRule[] {
  if (typeof ref === 'object') {
    if ('id' in ref) return matchField(rules, '_id', ref.id);
    if ('ref' in ref) return matchField(rules, 'ref', ref.ref);
    return matchField(rules, 'description', ref.description);
  }
  for (const field of ['ref', '_id', 'description'] as const) {
    const matches = matchField(rules, field, ref);
    if (matches.length > 0) return matches;
  }
  return [];
}

/** Resolve a rule reference against a flag's environment. */
export function resolveRule(flagKey: string, environment: LdFlagEnvironment, ref: RuleRef): Outcome<string> {
  if (ref === FALLTHROUGH) return found(FALLTHROUGH);
  const rules = environment.rules ?? [];
  const matches = match(rules, ref);
  const wanted = typeof ref === 'string' ? ref : JSON.stringify(ref);
  if (matches.length > 1) {
    return failed(
      'AmbiguousRule',
      `rule ${wanted} matches ${String(matches.length)} rules of flag "${flagKey}"; use { id: ... } to pick one`,
      matches.map((r) => `${describeRule(r)} (${r._id ?? '?'})`),
    );
  }
  const rule = matches[0];
  if (rule?._id === undefined) {
    const candidates = closestFirst(wanted, [FALLTHROUGH, ...rules.map(describeRule)]);
    return failed(
      'UnknownRule',
      `flag "${flagKey}" has no rule ${wanted}; it has: ${candidates.join(', ')}`,
      candidates,
    );
  }
  return found(rule._id);
}
