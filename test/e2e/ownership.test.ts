/**
 * Field ownership end to end (`spec.ignore`, the Config's `ignore`): a field handed to the UI is
 * never compared or written, not even inside a whole new iteration; the plan lists it in text,
 * Markdown and JSON; a manifest value that LaunchDarkly does not have is a warning at its position;
 * a create still sends what the manifest gives; a pointer that names no field is an error at its
 * position. The emulator's request log shows what was sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import { EXPERIMENTS, ldexp, startSeeded, workspace, writesOf, type Workspace } from './helpers.js';

const SEED = `
projects:
  - key: web
    contextKinds: [{ key: user }]
    environments: [production]
    flags:
${['f-run', 'f-stop', 'f-new']
  .map(
    (key) => `      - key: ${key}
        kind: multivariate
        variations: [{ value: control, name: Control }, { value: treatment, name: Treatment }]
        environments: { production: { on: true, version: 3, fallthrough: Control } }`,
  )
  .join('\n')}
    metrics:
      - { key: conversion, name: Conversion, kind: custom }
    experiments:
      production:
        - key: exp-run
          name: Running
          description: Written in the UI
          tags: [from-ui]
          state: running
          iteration:
            hypothesis: UI hypothesis
            flag: f-run
            attributes: [country]
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { name: Control, variation: Control, allocation: 50, baseline: true }
              - { name: Treatment, variation: Treatment, allocation: 50 }
        - key: exp-stop
          name: Stopped
          tags: [from-ui]
          state: stopped
          iteration:
            hypothesis: UI hypothesis
            flag: f-stop
            attributes: [device]
            primaryMetric: conversion
            metrics: [conversion]
            treatments:
              - { name: Control, variation: Control, allocation: 50, baseline: true }
              - { name: Treatment, variation: Treatment, allocation: 50 }
            winner: Treatment
`;

interface Options {
  key: string;
  flag: string;
  state: string;
  /** Extra `spec` lines (two-space indented), before `state`. */
  spec?: string[];
  /** Extra `iteration` lines (four-space indented), after `hypothesis`. */
  iteration?: string[];
  allocations?: [number, number];
  winner?: boolean;
  hypothesis?: string;
}

/** An experiment document; `spec.ignore`, tags and attributes go in through `spec` / `iteration`. */
function manifest(o: Options): string {
  const [control, treatment] = o.allocations ?? [50, 50];
  return [
    'apiVersion: ldexp/v1',
    'kind: Experiment',
    `metadata: { key: ${o.key}, project: web, environment: production }`,
    'spec:',
    `  name: ${o.key === 'exp-run' ? 'Running' : o.key === 'exp-stop' ? 'Stopped' : o.key}`,
    ...(o.spec ?? []),
    `  state: ${o.state}`,
    '  iteration:',
    `    hypothesis: ${o.hypothesis ?? 'UI hypothesis'}`,
    ...(o.iteration ?? []),
    '    primaryMetric: conversion',
    '    metrics: [conversion]',
    `    flags: { ${o.flag}: { rule: fallthrough } }`,
    '    treatments:',
    `      - { name: Control, baseline: true, allocationPercent: ${String(control)}, variation: Control }`,
    `      - { name: Treatment, allocationPercent: ${String(treatment)}, variation: Treatment }`,
    ...(o.winner ? ['  stop: { winner: Treatment }'] : []),
    '',
  ].join('\n');
}

let emulator: RunningEmulator;
let ws: Workspace;

beforeEach(async () => {
  emulator = await startSeeded({ text: SEED });
});
afterEach(async () => {
  await emulator.close();
  await ws.remove();
});

const run = (args: string[]) => ldexp(args, { emulator, cwd: ws.root });

/** The live experiment as the API returns it, with its current iteration expanded. */
async function liveExperiment(key: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}${EXPERIMENTS}/${key}?expand=currentIteration`, {
    headers: { Authorization: 'api-test', 'LD-API-Version': '20240415' },
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('fields owned elsewhere are never compared or written', () => {
  it('plans no changes when only owned fields differ, lists them in every output, and warns where the manifest gives a value LaunchDarkly does not have', async () => {
    ws = await workspace({
      'manifests/run.yaml': manifest({
        key: 'exp-run',
        flag: 'f-run',
        state: 'running',
        spec: ['  tags: [from-git]', '  ignore: [/spec/tags, /spec/description, /spec/iteration/attributes]'],
        iteration: ['    attributes: [browser]'],
      }),
    });
    const text = await run(['plan', 'manifests', '--detailed-exitcode']);
    expect(text.stderr).toContain(
      'manifests/run.yaml:6:3  warning  IgnoredValueNotApplied  spec.tags is owned elsewhere (ignore), so the manifest\'s ["from-git"] is not applied; LaunchDarkly keeps ["from-ui"]',
    );
    expect(text.stderr).toContain(
      'manifests/run.yaml:11:5  warning  IgnoredValueNotApplied  spec.iteration.attributes is owned elsewhere (ignore), so the manifest\'s ["browser"] is not applied; LaunchDarkly keeps ["country"]',
    );
    expect(text.stdout).toContain(
      'Owned elsewhere (ignore: never compared or written):\n    experiment web/production/exp-run: spec.description, spec.iteration.attributes, spec.tags',
    );
    expect(text.stdout).toContain('No changes');
    expect(text.code).toBe(0);

    const json = await run(['plan', 'manifests', '--json']);
    const planned = JSON.parse(json.stdout) as { resources: { ownedElsewhere?: string[] }[]; steps: unknown[] };
    expect(planned.steps).toEqual([]);
    expect(planned.resources.map((r) => r.ownedElsewhere)).toEqual([
      ['spec.description', 'spec.iteration.attributes', 'spec.tags'],
    ]);

    const markdown = await run(['plan', 'manifests', '--markdown']);
    expect(markdown.stdout).toContain(
      '#### Owned elsewhere\n\nNever compared or written (`ignore`):\n\n- <code>experiment/web/production/exp-run</code>: <code>spec.description</code>, <code>spec.iteration.attributes</code>, <code>spec.tags</code>',
    );

    emulator.requests.length = 0;
    const applied = await run(['apply', 'manifests', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(writesOf(emulator.requests)).toEqual([]);
  });

  it('a restart of a running iteration keeps the owned field: it is not in the new iteration value, and LaunchDarkly keeps it', async () => {
    ws = await workspace({
      'manifests/run.yaml': manifest({
        key: 'exp-run',
        flag: 'f-run',
        state: 'running',
        spec: ['  ignore: [/spec/iteration/attributes]'],
        iteration: ['    attributes: [browser]', '    changeJustification: Rebalance', '    replacesIteration: 1'],
        allocations: [40, 60],
      }),
    });
    const applied = await run(['apply', 'manifests', '--auto-approve']);
    expect(applied.stderr).toContain('0 errors, 1 warning.');
    expect(applied.code).toBe(0);
    const patch = emulator.requests.find((r) => r.method === 'PATCH');
    const instructions = (patch?.body as { instructions: { kind: string; value?: Record<string, unknown> }[] })
      .instructions;
    expect(instructions.map((i) => i.kind)).toEqual(['saveAndStartNewIteration']);
    expect(Object.keys(instructions[0]?.value ?? {}).sort()).toEqual(['flags', 'treatments']);
    const live = (await liveExperiment('exp-run')) as { currentIteration: { attributes?: string[] } };
    expect(live.currentIteration.attributes).toEqual(['country']);
  });

  it("a new iteration re-sends the whole iteration with the owned field's LIVE value, not the manifest's", async () => {
    ws = await workspace({
      'manifests/stop.yaml': manifest({
        key: 'exp-stop',
        flag: 'f-stop',
        state: 'running',
        spec: ['  tags: [from-git]', '  ignore: [/spec/tags, /spec/iteration/attributes, /spec/iteration/hypothesis]'],
        hypothesis: 'Git hypothesis',
        iteration: ['    attributes: [browser]'],
      }),
    });
    const applied = await run(['apply', 'manifests', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(writesOf(emulator.requests)).toEqual([
      `POST ${EXPERIMENTS}/exp-stop/iterations`,
      `PATCH ${EXPERIMENTS}/exp-stop [startIteration]`,
    ]);
    const post = emulator.requests.find((r) => r.method === 'POST');
    const body = post?.body as { attributes?: string[]; hypothesis: string };
    expect(body.attributes).toEqual(['device']);
    expect(body.hypothesis).toBe('UI hypothesis');
    const live = (await liveExperiment('exp-stop')) as { tags: string[] };
    expect(live.tags).toEqual(['from-ui']);
  });

  it("a create sends the manifest's value of an owned field when given, and nothing when left out", async () => {
    ws = await workspace({
      'manifests/new.yaml': manifest({
        key: 'exp-new',
        flag: 'f-new',
        state: 'draft',
        spec: ['  tags: [from-git]', '  ignore: [/spec/tags, /spec/description]'],
      }),
    });
    const applied = await run(['apply', 'manifests', '--auto-approve']);
    expect(applied.code).toBe(0);
    const post = emulator.requests.find((r) => r.method === 'POST');
    const body = post?.body as Record<string, unknown>;
    expect(body['tags']).toEqual(['from-git']);
    expect(body).not.toHaveProperty('description');
  });

  it("the Config's ignore applies to every document of a kind that has the field", async () => {
    ws = await workspace({
      'manifests/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nignore: [/spec/tags, /spec/description]\n',
      'manifests/run.yaml': manifest({ key: 'exp-run', flag: 'f-run', state: 'running', spec: ['  tags: [a]'] }),
      'manifests/stop.yaml': manifest({
        key: 'exp-stop',
        flag: 'f-stop',
        state: 'stopped',
        spec: ['  description: Git text', '  tags: [b]'],
        winner: true,
      }),
    });
    const json = await run(['plan', 'manifests', '--json']);
    const planned = JSON.parse(json.stdout) as { resources: { ownedElsewhere?: string[] }[]; steps: unknown[] };
    expect(planned.steps).toEqual([]);
    expect(planned.resources.map((r) => r.ownedElsewhere)).toEqual([
      ['spec.description', 'spec.tags'],
      ['spec.description', 'spec.tags'],
    ]);
  });
});

describe('an ignore pointer that names no field that can be owned elsewhere is an error at its position', () => {
  const cases: { title: string; files: Record<string, string>; line: string }[] = [
    {
      title: 'not a field of the kind (per its JSON Schema)',
      files: {
        'm/x.yaml': manifest({ key: 'exp-run', flag: 'f-run', state: 'running', spec: ['  ignore: [/spec/tag]'] }),
      },
      line: 'm/x.yaml:6:12  error  IgnoreUnknownField  spec.ignore[0]: /spec/tag is not a field of an Experiment; fields there: name, description, maintainerId, tags,',
    },
    {
      title: 'a field that must stay in Git',
      files: {
        'm/x.yaml': manifest({
          key: 'exp-run',
          flag: 'f-run',
          state: 'running',
          spec: ['  ignore:', '    - /spec/tags', '    - /spec/iteration/treatments'],
        }),
      },
      line: "m/x.yaml:8:7  error  IgnoreNotAllowed  spec.ignore[1]: /spec/iteration/treatments cannot be owned elsewhere: it is part of the experiment's design",
    },
    {
      title: "a pointer of the Config's ignore that no kind has",
      files: {
        'm/ldexp.yaml': 'apiVersion: ldexp/v1\nkind: Config\nignore: [/spec/tags, /metadata/nope]\n',
        'm/x.yaml': manifest({ key: 'exp-run', flag: 'f-run', state: 'running' }),
      },
      line: 'm/ldexp.yaml:3:22  error  IgnoreUnknownField  ignore[1]: /metadata/nope is not a field of an Experiment or Holdout; fields there: key, project, environment, environments',
    },
  ];
  it.each(cases)('$title', async ({ files, line }) => {
    ws = await workspace(files);
    const validated = await ldexp(['validate', 'm'], { cwd: ws.root });
    expect(validated.stderr).toContain(line);
    expect(validated.code).toBe(1);
  });
});
