import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { fateCounts, referencedKeys, workloadFiles, workloadSeed } from './workload.js';

const shape = { experiments: 1000, flags: 100, metrics: 60, holdouts: 10 };

describe('bench workload', () => {
  it('splits experiments 70% in sync, 20% to update, 10% to create', () => {
    expect(fateCounts(1000)).toEqual({ inSync: 700, update: 200, create: 100 });
    expect(fateCounts(5)).toEqual({ inSync: 5, update: 0, create: 0 });
  });

  it('seeds LaunchDarkly with everything but the experiments to create', () => {
    const project = workloadSeed(shape).projects[0];
    expect([
      project?.flags?.length,
      project?.metrics?.length,
      project?.experiments?.['production']?.length,
      project?.holdouts?.['production']?.length,
    ]).toEqual([100, 60, 900, 10]);
  });

  it('writes one manifest per experiment and holdout; an update changes the description only', () => {
    const files = workloadFiles(shape);
    expect(files.size).toBe(1010);
    const updated = parse(files.get('experiment-7.yaml') ?? '') as { spec: { description: string } };
    const inSync = parse(files.get('experiment-6.yaml') ?? '') as { spec: { description: string } };
    expect([updated.spec.description, inSync.spec.description]).toEqual([
      'Synthetic experiment 7 (edited)',
      'Synthetic experiment 6',
    ]);
  });

  it('names what a per-object comparison reads: every experiment, the flags and metrics they use', () => {
    const keys = referencedKeys(shape);
    expect([keys.experiments.length, keys.flags.length, keys.metrics.length]).toEqual([1000, 100, 60]);
    expect(referencedKeys({ ...shape, flags: 1 }).flags).toEqual(['flag-0']);
  });
});
