/** Collects positioned problems while a resolver walks a manifest. */
import { liveProject } from '../live/lookup.js';
import type { LiveProject, LiveState } from '../live/types.js';
import { problemAt } from '../manifest/problem.js';
import type { ManifestSource } from '../manifest/types.js';
import type { Problem } from '../types.js';
import { pointer } from '../util/json-pointer.js';
import type { Outcome } from './outcome.js';

/** Collects problems and unwraps outcomes, so each resolver reads as a list of lookups. */
export class Collector {
  readonly problems: Problem[] = [];
  constructor(private readonly manifest: { source: ManifestSource }) {}

  /** The outcome's value, or undefined and a problem at the pointer of `at`'s segments (built only then). */
  take<T>(outcome: Outcome<T>, ...at: (string | number)[]): T | undefined {
    if (outcome.ok) return outcome.value;
    const options = outcome.candidates ? { candidates: outcome.candidates } : {};
    this.problems.push(problemAt(this.manifest.source, pointer(...at), outcome.code, outcome.message, options));
    return undefined;
  }

  /** The live project a manifest names, or undefined (and an UnknownProject problem) when it was not found. */
  project(live: LiveState, key: string): LiveProject | undefined {
    const { project, known } = liveProject(live, key);
    if (!known) this.add(pointer('metadata'), 'UnknownProject', `project "${key}" was not found in LaunchDarkly`);
    return known ? project : undefined;
  }

  add(at: string, code: string, message: string, candidates?: string[]): void {
    this.problems.push(problemAt(this.manifest.source, at, code, message, candidates ? { candidates } : {}));
  }
}
