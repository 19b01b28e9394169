/**
 * Which fault, if any, a request gets. Every rule counts the requests it matches (and draws from
 * its own seeded stream when it has a `rate`) whether or not another rule fires first, so the
 * sequence of faults depends only on the seed and the order of requests.
 */
import { randomStream, type Random } from './prng.js';
import { compileRoutePattern, type RequestTarget, type RoutePattern } from './route-pattern.js';
import type { FaultRule } from './types.js';

export interface PickedFault {
  rule: FaultRule;
  /** The rule's index in `faults`. */
  index: number;
}

interface CompiledRule {
  rule: FaultRule;
  index: number;
  matches: RoutePattern;
  random: Random;
  nth: ReadonlySet<number>;
  seen: number;
  injected: number;
}

export class FaultPlan {
  private readonly rules: CompiledRule[];

  constructor(faults: readonly FaultRule[], seed: number) {
    this.rules = faults.map((rule, index) => {
      const route = compileRoutePattern(rule.route, rule.method);
      // A 409 optimistic-locking error is an answer to a write: it only hits PATCH requests.
      const matches: RoutePattern =
        rule.kind === 'conflict409' ? (target) => target.method === 'PATCH' && route(target) : route;
      const nth = new Set(rule.nth === undefined ? [] : [rule.nth].flat());
      return { rule, index, matches, random: randomStream(seed, index), nth, seen: 0, injected: 0 };
    });
  }

  /** The first rule that fires for this request, if any. */
  pick(target: RequestTarget): PickedFault | undefined {
    let picked: CompiledRule | undefined;
    for (const compiled of this.rules) {
      if (!compiled.matches(target)) continue;
      compiled.seen += 1;
      const fires = this.fires(compiled);
      if (fires && picked === undefined && compiled.injected < (compiled.rule.times ?? Infinity)) {
        picked = compiled;
      }
    }
    if (!picked) return undefined;
    picked.injected += 1;
    return { rule: picked.rule, index: picked.index };
  }

  private fires(compiled: CompiledRule): boolean {
    const { rule, seen } = compiled;
    if (rule.rate !== undefined) return compiled.random() < rule.rate;
    if (rule.every !== undefined) return seen % rule.every === 0;
    if (rule.nth !== undefined) return compiled.nth.has(seen);
    return true;
  }
}
