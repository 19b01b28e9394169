/** Run scope (see `RunScope`): whether a run sees the whole managed set, and if not, why. */
import type { RunScope } from './types.js';

/** A run that sees every manifest of the managed set and filters none out. */
export function isWholeRun(scope: RunScope): boolean {
  return scope.limits.length === 0;
}

const LISTED = 3;

/** What narrows the run, in a sentence per limit (for the notice that pruning was skipped). */
export function describeLimits(scope: RunScope): string {
  const folder = scope.configFolder ?? '.';
  return scope.limits
    .map((limit) => {
      if (limit.kind === 'targetKeys') {
        return `--target ${limit.targets.join(', ')} ${limit.targets.length === 1 ? 'selects a single resource' : 'select single resources'}, so the rest of ${limit.targets.length === 1 ? 'its target is' : 'their targets are'} left out.`;
      }
      const shown = limit.files.slice(0, LISTED).join(', ') + (limit.files.length > LISTED ? ', …' : '');
      const count = limit.files.length === 1 ? '1 manifest file' : `${String(limit.files.length)} manifest files`;
      return `The managed set is every manifest under ${folder} (the Config document's folder), and the paths given leave out ${count} there: ${shown}.`;
    })
    .join(' ');
}
