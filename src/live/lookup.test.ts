import { describe, expect, it } from 'vitest';

import type { LdExperiment, LdHoldout } from './ld-types.js';
import type { LiveEnvironment } from './types.js';
import { findLiveExperiment, findLiveHoldout, findLiveHoldoutById } from './lookup.js';

const experiment = (key: string, extra: Partial<LdExperiment> = {}): LdExperiment =>
  ({ key, name: key, ...extra }) as LdExperiment;
const holdout = (key: string, id: string): LdHoldout => ({ _id: id, baseExperiment: { key } }) as LdHoldout;
const environment = (experiments: LdExperiment[], holdouts: LdHoldout[] = []): LiveEnvironment => ({
  project: 'p',
  environment: 'e',
  experiments,
  holdouts,
});

describe('live lookups by key', () => {
  it('finds the first experiment of a key and skips holdout base experiments', () => {
    const first = experiment('a', { name: 'first' });
    const env = environment([experiment('h', { type: 'holdout' }), first, experiment('a', { name: 'second' })]);
    expect([findLiveExperiment(env, 'a'), findLiveExperiment(env, 'h'), findLiveExperiment(env, 'x')]).toEqual([
      first,
      undefined,
      undefined,
    ]);
  });

  it('finds holdouts by key and by id', () => {
    const h = holdout('hold', 'id-1');
    const env = environment([], [h]);
    expect([findLiveHoldout(env, 'hold'), findLiveHoldoutById(env, 'id-1'), findLiveHoldout(env, 'id-1')]).toEqual([
      h,
      h,
      undefined,
    ]);
  });

  it('sees experiments added and replaced after an earlier lookup', () => {
    const env = environment([experiment('a')]);
    expect(findLiveExperiment(env, 'b')).toBeUndefined();
    const b = experiment('b');
    env.experiments.push(b);
    expect(findLiveExperiment(env, 'b')).toBe(b);
    const edited = experiment('a', { name: 'edited' });
    env.experiments[0] = edited;
    expect(findLiveExperiment(env, 'a')).toBe(edited);
  });
});
