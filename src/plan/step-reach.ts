/**
 * Reachability among a few steps of a larger step graph, kept current while edges between those
 * steps are added. Flag-version ordering asks "does step A already run before step B?" for every
 * sender and mover of one flag; answering each with a walk over the whole graph made 1,000
 * experiments on one flag take 24 s to plan. Here one pass over the steps the members reach (in
 * topological order) gives every member the set of members it reaches, as a bit set, and the edges
 * added into one step update the sets of the members that reach them in one pass: per flag,
 * O(steps + edges) of that part of the graph plus O(members² / 32) per mover, instead of a walk
 * over the whole graph per question.
 */

/** The questions ordering asks, and the edges it adds between members. */
export interface StepReach {
  /** Whether `to` runs after `from` through the graph's edges (a step reaches itself). */
  reaches(from: string, to: string): boolean;
  /** Record that `to` now runs after `from` (the caller adds the edge to the graph too). */
  addEdge(from: string, to: string): void;
}

type Graph = ReadonlyMap<string, ReadonlySet<string>>;

/** The graph's keys in topological order, or undefined when it has a cycle. */
function topologicalOrder(next: Graph): string[] | undefined {
  const indegree = new Map<string, number>([...next.keys()].map((k) => [k, 0]));
  for (const targets of next.values()) {
    for (const t of targets) if (indegree.has(t)) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  }
  const order = [...indegree].filter(([, d]) => d === 0).map(([k]) => k);
  for (let i = 0; i < order.length; i++) {
    for (const t of next.get(order[i] ?? '') ?? []) {
      const left = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, left);
      if (left === 0) order.push(t);
    }
  }
  return order.length === indegree.size ? order : undefined;
}

class BitReach implements StepReach {
  private readonly words: number;
  /** Edges added but not yet folded into `below`: from each member in `pending` to `pendingTo`. */
  private pending: Uint32Array;
  private pendingTo: number | undefined;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    /** For member i: the members reachable from it by one edge or more. */
    private readonly below: Uint32Array[],
  ) {
    this.words = Math.ceil(index.size / 32);
    this.pending = new Uint32Array(this.words);
  }

  static build(next: Graph, members: readonly string[], order: readonly string[]): BitReach {
    const index = new Map(members.map((key, i) => [key, i]));
    const words = Math.ceil(index.size / 32);
    // Members reachable from each step, itself included: filled in reverse topological order.
    const reach = new Map<string, Uint32Array>();
    const below = new Map<string, Uint32Array>();
    for (let i = order.length - 1; i >= 0; i--) {
      const key = order[i] ?? '';
      const set = new Uint32Array(words);
      for (const t of next.get(key) ?? []) orInto(set, reach.get(t));
      below.set(key, set.slice());
      const self = index.get(key);
      if (self !== undefined) setBit(set, self);
      reach.set(key, set);
    }
    return new BitReach(
      index,
      members.map((key) => below.get(key) ?? new Uint32Array(words)),
    );
  }

  reaches(from: string, to: string): boolean {
    if (from === to) return true;
    const start = this.index.get(from);
    const end = this.index.get(to);
    if (start === undefined || end === undefined) return false;
    if (this.folded(start, end)) return true;
    // Through a pending edge: from reaches one of its starts, and its end is `to` or reaches it.
    const via = this.pendingTo;
    if (via === undefined || !(via === end || this.folded(via, end))) return false;
    return hasBit(this.pending, start) || intersects(this.below[start], this.pending);
  }

  /**
   * Edges into one step arrive together (ordering adds every sender before a mover in a row), so
   * they are kept pending and folded in at once when edges into another step begin: one pass over
   * the members per mover, not per edge.
   */
  addEdge(from: string, to: string): void {
    const start = this.index.get(from);
    const end = this.index.get(to);
    if (start === undefined || end === undefined) return;
    if (this.pendingTo !== end) this.fold(end);
    setBit(this.pending, start);
  }

  private folded(from: number, to: number): boolean {
    const set = this.below[from];
    return set !== undefined && hasBit(set, to);
  }

  /** Apply the pending edges, then start collecting edges into `nextTo`. */
  private fold(nextTo: number): void {
    const end = this.pendingTo;
    if (end !== undefined) {
      const gained = (this.below[end] ?? new Uint32Array(this.words)).slice();
      setBit(gained, end);
      this.below.forEach((set, member) => {
        if (hasBit(this.pending, member) || intersects(set, this.pending)) orInto(set, gained);
      });
    }
    this.pending = new Uint32Array(this.words);
    this.pendingTo = nextTo;
  }
}

/** A walk per question: only for a graph with a cycle, which ordering must not turn into a hang. */
class WalkReach implements StepReach {
  constructor(private readonly next: Map<string, Set<string>>) {}

  reaches(from: string, to: string): boolean {
    const seen = new Set([from]);
    const stack = [from];
    for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
      if (key === to) return true;
      for (const k of this.next.get(key) ?? []) {
        if (!seen.has(k)) {
          seen.add(k);
          stack.push(k);
        }
      }
    }
    return false;
  }

  addEdge(): void {
    // The walk reads the graph the caller keeps current.
  }
}

/**
 * Reachability between `members` over `next`, which the caller keeps current as it adds edges.
 * Only the steps the members reach are ordered: every path between two members runs through them,
 * and ordering the whole graph for each flag made planning grow with flags × steps.
 */
export function stepReach(next: Map<string, Set<string>>, members: readonly string[]): StepReach {
  const order = topologicalOrder(reachableFrom(next, members));
  return order ? BitReach.build(next, members, order) : new WalkReach(next);
}

/** The part of the graph reachable from `keys` (themselves included), with all of its edges. */
function reachableFrom(next: Graph, keys: readonly string[]): Graph {
  const seen = new Set(keys);
  const stack = [...keys];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    for (const t of next.get(key) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return new Map([...seen].map((key) => [key, next.get(key) ?? new Set<string>()]));
}

function orInto(target: Uint32Array, source: Uint32Array | undefined): void {
  if (!source) return;
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) | (source[i] ?? 0);
}

function intersects(a: Uint32Array | undefined, b: Uint32Array): boolean {
  if (!a) return false;
  for (let i = 0; i < b.length; i++) if (((a[i] ?? 0) & (b[i] ?? 0)) !== 0) return true;
  return false;
}

function setBit(set: Uint32Array, bit: number): void {
  const word = bit >>> 5;
  set[word] = (set[word] ?? 0) | (1 << (bit & 31));
}

function hasBit(set: Uint32Array, bit: number): boolean {
  return ((set[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}
