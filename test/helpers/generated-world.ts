/** A generated world for chaos and read-count tests: N experiments, each on its own flag, with shared metrics. */
import type { EmulatorSeed } from '../../src/emulator/index.js';

const METRICS = ['conversion', 'revenue', 'latency-ms', 'clicks', 'signups'];

export function benchSeed(experiments: number): EmulatorSeed {
  return {
    projects: [
      {
        key: 'bench',
        contextKinds: [{ key: 'user', name: 'User' }],
        environments: ['production'],
        flags: Array.from({ length: experiments }, (_, index) => ({
          key: `flag-${String(index)}`,
          kind: 'multivariate' as const,
          variations: [
            { value: 'a', name: 'A' },
            { value: 'b', name: 'B' },
            { value: 'c', name: 'C' },
          ],
          environments: { production: { on: true, version: 1 } },
        })),
        metrics: METRICS.map((key) => ({ key, name: key, kind: 'custom' as const })),
      },
    ],
  };
}

/** One YAML document per experiment; a third are drafts, the rest running. */
export function benchManifest(index: number): string {
  const state = index % 3 === 0 ? 'draft' : 'running';
  return `apiVersion: ldexp/v1
kind: Experiment
metadata:
  key: experiment-${String(index)}
  project: bench
  environment: production
spec:
  name: Experiment ${String(index)}
  description: Synthetic experiment ${String(index)} for the benchmark
  tags: [bench, team-${String(index % 7)}]
  state: ${state}
  iteration:
    hypothesis: Variation B beats A (${String(index)})
    primaryMetric: ${METRICS[index % METRICS.length] ?? 'conversion'}
    metrics: [conversion, revenue]
    flags:
      flag-${String(index)}:
        rule: fallthrough
    treatments:
      - { name: A, baseline: true, allocationPercent: 34, variation: A }
      - { name: B, allocationPercent: 33, variation: B }
      - { name: C, allocationPercent: 33, variation: C }
`;
}
