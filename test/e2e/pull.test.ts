/**
 * `ldexp pull` end to end (issue 9, item 3): the real binary against the emulator on port 0. A
 * hand-written manifest file (comments, flow and block style, quoting, two documents) whose live
 * experiment drifted is rewritten so that only the drifted values change, byte for byte; fields the
 * manifest leaves out stay out; --add-missing writes files for live experiments no manifest
 * describes; plan afterwards shows no changes; LaunchDarkly is never written to.
 */
import { readFile } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import { ldexp, startSeeded, workspace, type Workspace } from './helpers.js';

const SEED = `
projects:
  - key: web
    contextKinds: [{ key: user }]
    environments: [production]
    flags:
      - key: button
        kind: multivariate
        variations:
          - { value: control, name: Control }
          - { value: top, name: Top }
          - { value: bottom, name: Bottom }
        environments: { production: { on: true } }
      - key: banner
        kind: boolean
        environments: { production: { on: true } }
    metrics: [{ key: conversion }, { key: revenue }]
    experiments:
      production:
        - key: button-test
          name: Button placement (renamed in the UI)
          methodology: frequentist
          tags: [checkout, ui-edit]
          state: running
          iteration:
            hypothesis: Top converts better
            flag: button
            primaryMetric: conversion
            metrics: [conversion, revenue]
            treatments:
              - { name: Control, variation: Control, allocation: 80, baseline: true }
              - { name: Top of page, variation: Top, allocation: 20 }
        - key: banner-test
          name: Banner
          state: draft
          iteration:
            flag: banner
            primaryMetric: conversion
            treatments:
              - { name: Hidden, variation: false, allocation: 50, baseline: true }
              - { name: Shown, variation: true, allocation: 50 }
        - key: ui-only
          name: Made in the UI
          state: draft
          iteration:
            hypothesis: Bottom wins
            flag: button
            primaryMetric: revenue
            treatments:
              - { name: Control, variation: Control, allocation: 50, baseline: true }
              - { name: Bottom, variation: Bottom, allocation: 50 }
`;

/** Comments, flow style, quoting and a second document, as people write files. */
const MANIFEST = `# Checkout experiments. Owned by the checkout team.
apiVersion: ldexp/v1
kind: Experiment
metadata: { key: button-test, project: web, environment: production }
spec:
  name: 'Button placement'   # the name product uses
  description: Where should the button go?
  tags: [checkout,   ui-edit]  # odd spacing is kept
  state: running
  iteration:
    hypothesis: "Top converts better"
    primaryMetric: conversion
    metrics:
      # revenue is the guardrail
      - conversion
      - revenue
    flags:
      button: { rule: fallthrough }
    treatments:
      - name: Control
        baseline: true
        allocationPercent: 50   # was 50/50 at launch
        variation: Control
      - name: Top of page
        allocationPercent:   50
        variation: top          # by value
---
# The banner draft, untouched by pull.
apiVersion: ldexp/v1
kind: Experiment
metadata:
    key: banner-test
    project: web
    environment: production
spec:
    name: Banner
    state: draft
    iteration:
        hypothesis: Seeded iteration 1 of banner-test
        primaryMetric: conversion
        flags: { banner: { rule: fallthrough } }
        treatments:
            - { name: Hidden, baseline: true, allocationPercent: 50, variation: false }
            - { name: Shown, allocationPercent: 50, variation: true }
`;

/** MANIFEST after pull: the name (still single-quoted), the description gone (LaunchDarkly has none),
 * methodology added after the last key of spec, the two allocations; nothing else. */
const PULLED = MANIFEST.replace("name: 'Button placement'", "name: 'Button placement (renamed in the UI)'")
  .replace('  description: Where should the button go?\n', '')
  .replace('allocationPercent: 50   # was', 'allocationPercent: 80   # was')
  .replace('allocationPercent:   50', 'allocationPercent:   20')
  .replace(
    '        variation: top          # by value\n',
    '        variation: top          # by value\n  methodology: frequentist\n',
  );

let emulator: RunningEmulator;
let ws: Workspace;
beforeEach(async () => {
  emulator = await startSeeded({ text: SEED });
  ws = await workspace({ 'manifests/checkout.yaml': MANIFEST });
});
afterEach(async () => {
  await ws.remove();
  await emulator.close();
});

function writes(): string[] {
  return emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

describe('ldexp pull', () => {
  it('rewrites only the drifted values, keeping every other byte of the file', async () => {
    const result = await ldexp(['pull', 'manifests'], { emulator, cwd: ws.root });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(ws.path('manifests/checkout.yaml'), 'utf8');
    expect(text).toBe(PULLED);
    expect(result.stdout).toBe(
      [
        'Updated manifests/checkout.yaml',
        '  experiment/web/production/button-test: spec.name, spec.description, spec.methodology, spec.iteration.treatments[0].allocationPercent, spec.iteration.treatments[1].allocationPercent',
        'Pulled: 1 file(s) updated, 0 added. Review with git diff; nothing was written to LaunchDarkly.',
        '',
      ].join('\n'),
    );
    const plan = await ldexp(['plan', '--detailed-exitcode', 'manifests'], { emulator, cwd: ws.root });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('says so when nothing drifted, and leaves the file alone', async () => {
    await ldexp(['pull', 'manifests'], { emulator, cwd: ws.root });
    const before = await readFile(ws.path('manifests/checkout.yaml'), 'utf8');
    const again = await ldexp(['pull', 'manifests'], { emulator, cwd: ws.root });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('Nothing to pull: the manifests match LaunchDarkly.\n');
    expect(await readFile(ws.path('manifests/checkout.yaml'), 'utf8')).toBe(before);
  });

  it('--add-missing writes a manifest for each live experiment no manifest describes, in export layout', async () => {
    const result = await ldexp(['pull', 'manifests', '--add-missing'], { emulator, cwd: ws.root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added manifests/production/ui-only.yaml\n');
    const text = await readFile(ws.path('manifests/production/ui-only.yaml'), 'utf8');
    expect(text).toMatch(
      /^# Added by ldexp pull from http:\/\/127\.0\.0\.1:\d+ \(project web, environment production\)/,
    );
    expect(text).toContain('  key: ui-only\n');
    const plan = await ldexp(['plan', '--detailed-exitcode', 'manifests'], { emulator, cwd: ws.root });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const refused = await ldexp(['pull', 'manifests', '--add-missing', '--out', 'manifests'], {
      emulator,
      cwd: ws.root,
    });
    // Every live experiment is described now: nothing to add, nothing overwritten.
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stdout).toBe('Nothing to pull: the manifests match LaunchDarkly.\n');
    expect(writes()).toEqual([]);
  });

  it('without --add-missing, a live experiment no manifest describes gets no file', async () => {
    const result = await ldexp(['pull', 'manifests'], { emulator, cwd: ws.root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('ui-only');
  });

  it('--add-missing on part of the managed set is refused before anything is written', async () => {
    // The whole set first: ui-only gets its manifest in another folder of the managed set.
    await ws.write({ 'manifests/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\n' });
    const whole = await ldexp(['pull', 'manifests', '--add-missing', '--out', 'manifests/other'], {
      emulator,
      cwd: ws.root,
    });
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout).toContain('Added manifests/other/production/ui-only.yaml\n');
    const before = await readFile(ws.path('manifests/checkout.yaml'), 'utf8');

    // One file of it, or one experiment of it: ui-only looks missing, but another file describes it.
    for (const args of [['manifests/checkout.yaml'], ['manifests', '--target', 'web/production/button-test']]) {
      const partial = await ldexp(['pull', ...args, '--add-missing', '--out', 'added'], { emulator, cwd: ws.root });
      expect(partial.code, partial.stdout).toBe(1);
      expect(partial.stderr).toContain('Error [AddMissingPartialRun]: pull --add-missing needs the whole managed set');
      expect(partial.stdout).toBe('');
    }
    await expect(readFile(ws.path('added/production/ui-only.yaml'), 'utf8')).rejects.toThrow('ENOENT');
    expect(await readFile(ws.path('manifests/checkout.yaml'), 'utf8')).toBe(before);
    // Without --add-missing, pulling part of the set is fine.
    const scoped = await ldexp(['pull', 'manifests', '--target', 'web/production/button-test'], {
      emulator,
      cwd: ws.root,
    });
    expect(scoped.code, scoped.stderr).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('stops on invalid manifests before reading LaunchDarkly', async () => {
    await ws.write({ 'manifests/bad.yaml': 'apiVersion: ldexp/v1\nkind: Experiment\nmetadata: { key: x }\n' });
    const result = await ldexp(['pull', 'manifests'], { emulator, cwd: ws.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('manifests/bad.yaml:');
    expect(emulator.requests).toEqual([]);
  });
});
