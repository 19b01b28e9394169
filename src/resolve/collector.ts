/** Collects positioned problems while a resolver walks a manifest. */
import type { ManifestSource } from '../manifest/types.js';
import type { Problem } from '../types.js';
import type { Outcome } from './outcome.js';
import { problemAt } from '../manifest/problem.js';

/** Collects problems and unwraps outcomes, so each resolver reads as a list of lookups. */
export class Collector {
  readonly problems: Problem[] = [];
  constructor(private readonly manifest: { source: ManifestSource }) {}

  take<T>(outcome: Outcome<T>, at: string): T | undefined {
    if (outcome.ok) return outcome.value;
    const options = outcome.candidates ? { candidates: outcome.candidates } : {};
    this.problems.push(problemAt(this.manifest.source, at, outcome.code, outcome.message, options));
    return undefined;
  }

  add(at: string, code: string, message: string, candidates?: string[]): void {
    this.problems.push(problemAt(this.manifest.source, at, code, message, candidates ? { candidates } : {}));
  }
}
