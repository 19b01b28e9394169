/**
 * Holdouts end to end: the real `ldexp` binary against the emulator, asserting exit codes, output
 * and the emulator's request log. Scenarios are folders of test/fixtures/e2e-holdouts laid over
 * `base/`, which describes the seed exactly (plan of `base` is "No changes").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import type { Plan } from '../../src/plan/types.js';
import {
  FIXTURES,
  PROD,
  describeWrite,
  getJson,
  instructionKinds,
  ldexpAgainst,
  scenario,
  startHoldoutEmulator,
  writes,
} from './holdout-helpers.js';

const NO_CHANGES = 'No changes. LaunchDarkly matches the manifests.';

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startHoldoutEmulator();
});

afterEach(async () => {
  // Whatever a test did, the holdout no manifest describes was never written to.
  const touchesLegacy = writes(emulator).filter((entry) => entry.path.includes('legacy-holdout'));
  expect(touchesLegacy).toEqual([]);
  await emulator.close();
});

const ldexp = (...args: string[]) => ldexpAgainst(emulator, args);

/** apply, then plan again: the second plan must be empty and exit 0 with --detailed-exitcode. */
async function expectConverged(paths: string[]): Promise<void> {
  const again = await ldexp('plan', '--detailed-exitcode', ...paths);
  expect(again.stderr).not.toContain('error');
  expect(again.stdout).toContain(NO_CHANGES);
  expect(again.code).toBe(0);
}

describe('holdouts end to end', () => {
  it('the base manifests match the seed: no changes, nothing written', async () => {
    const result = await ldexp('apply', '--auto-approve', ...scenario('base'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(NO_CHANGES);
    expect(writes(emulator)).toEqual([]);
  });

  it('creates a holdout and two experiments in it in one apply, the holdout first, its new _id filled in', async () => {
    const paths = scenario('create');
    const result = await ldexp('apply', '--auto-approve', ...paths);
    expect(result.stdout).toContain('Apply complete: 4 steps succeeded.');
    expect(result.code).toBe(0);

    const sent = writes(emulator);
    expect(sent.map(describeWrite)).toHaveLength(4);
    const holdoutPost = sent[0];
    expect(holdoutPost && describeWrite(holdoutPost)).toBe(`POST ${PROD}/holdouts → 201`);
    expect(holdoutPost?.body).toMatchObject({ key: 'q4-holdout', name: 'Q4 holdout', holdoutamount: '5' });
    const holdoutId = (holdoutPost?.responseBody as { _id?: unknown } | undefined)?._id;
    expect(typeof holdoutId).toBe('string');

    const experimentPosts = sent.filter((entry) => entry.method === 'POST' && entry.path === `${PROD}/experiments`);
    expect(experimentPosts.map((entry) => [(entry.body as { key: string }).key, entry.status]).sort()).toEqual([
      ['express-checkout', 201],
      ['red-button', 201],
    ]);
    for (const post of experimentPosts) expect((post.body as { holdoutId?: unknown }).holdoutId).toBe(holdoutId);

    // The running one is started only after its create.
    const start = sent.findIndex((entry) => instructionKinds(entry).includes('startIteration'));
    const expressCreate = sent.findIndex((entry) => (entry.body as { key?: string }).key === 'express-checkout');
    expect(sent[start]?.path).toBe(`${PROD}/experiments/express-checkout`);
    expect(start).toBeGreaterThan(expressCreate);

    const detail = (await getJson(emulator, `${PROD}/holdouts/q4-holdout`)) as {
      _id: string;
      relatedExperiments?: { key: string; holdoutId?: string }[];
    };
    expect(detail._id).toBe(holdoutId);
    expect((detail.relatedExperiments ?? []).map((e) => e.key).sort()).toEqual(['express-checkout', 'red-button']);
    const express = (await getJson(emulator, `${PROD}/experiments/express-checkout`)) as { holdoutId?: string };
    expect(express.holdoutId).toBe(holdoutId);

    await expectConverged(paths);
  });

  it('renames a holdout and changes its description with updateName and updateDescription only', async () => {
    const paths = scenario('rename');
    const result = await ldexp('apply', '--auto-approve', ...paths);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('name: Q1 holdout → Q1 2027 holdout');

    const sent = writes(emulator);
    expect(sent.map(describeWrite)).toEqual([
      `PATCH ${PROD}/holdouts/q1-holdout [updateName, updateDescription] → 200`,
    ]);
    expect(sent[0]?.contentType).toMatch(/domain-model=launchdarkly\.semanticpatch/);
    expect((sent[0]?.body as { instructions: unknown[] }).instructions).toEqual([
      { kind: 'updateName', value: 'Q1 2027 holdout' },
      { kind: 'updateDescription', value: 'Five percent of users see none of the Q1 2027 experiments' },
    ]);
    await expectConverged(paths);
  });

  it('ends a holdout last, after the changes to its experiments, labelled irreversible', async () => {
    const paths = scenario('end');
    const result = await ldexp('apply', '--auto-approve', ...paths);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('update: irreversible: cannot be undone');
    expect(result.stdout).toMatch(
      /endHoldout {2}⚠ \[irreversible\] {2}ends holdout "Q1 holdout" for good: this cannot be undone/,
    );

    const sent = writes(emulator).map(describeWrite);
    expect(sent).toHaveLength(3);
    expect(sent.slice(0, 2).sort()).toEqual([
      `PATCH ${PROD}/experiments/button-color [updateExperimentFields] → 200`,
      `PATCH ${PROD}/experiments/checkout-flow [stopIteration] → 200`,
    ]);
    expect(sent[2]).toBe(`PATCH ${PROD}/holdouts/q1-holdout [endHoldout] → 200`);

    const detail = (await getJson(emulator, `${PROD}/holdouts/q1-holdout`)) as { status: string };
    expect(detail.status).toBe('ended');
    await expectConverged(paths);
  });

  it('the plan file orders endHoldout after every step on the holdout and its experiments', async () => {
    const result = await ldexp('plan', '--json', ...scenario('end'));
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    const end = plan.steps.find((step) => step.instructions.includes('endHoldout'));
    expect(end).toMatchObject({ resource: 'holdout/web/production/q1-holdout', impact: 'irreversible' });
    expect(plan.steps.at(-1)).toBe(end);
    const others = plan.steps.filter((step) => step !== end).map((step) => step.id);
    expect([...(end?.dependsOn ?? [])].sort()).toEqual(others.sort());
    expect(plan.resources.find((r) => r.type === 'holdout')).toMatchObject({
      address: 'holdout/web/production/q1-holdout',
      action: 'update',
      stateFrom: 'active',
      stateTo: 'ended',
      impact: 'irreversible',
    });
    expect(plan.summary.byImpact).toEqual({ irreversible: 1, stop: 1, metadata: 1 });
    expect(writes(emulator)).toEqual([]);
  });

  it('a member whose manifest omits holdout: stays in its holdout; no changes, nothing sent', async () => {
    const paths = scenario('omit');
    for (const command of [
      ['plan', '--detailed-exitcode'],
      ['apply', '--auto-approve'],
    ]) {
      const result = await ldexp(...command, ...paths);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/warning|error/);
      expect(result.stdout).toContain(NO_CHANGES);
    }
    expect(writes(emulator)).toEqual([]);
    const detail = (await getJson(emulator, `${PROD}/holdouts/q1-holdout`)) as {
      relatedExperiments?: { key: string }[];
    };
    expect((detail.relatedExperiments ?? []).map((e) => e.key).sort()).toEqual(['button-color', 'checkout-flow']);
  });

  it('holdout: null sends removeExperiment to the holdout, labelled irreversible', async () => {
    const paths = scenario('remove');
    const planned = await ldexp('plan', ...paths);
    expect(planned.stdout).toContain('update: irreversible: cannot be undone');
    expect(planned.stdout).toContain(
      '[irreversible]  removes experiment "Button color" from holdout "q1-holdout" for good: experiments join a holdout only when they are created, so it can never rejoin it',
    );
    expect(planned.stdout).toContain('(1 irreversible change)');
    const markdown = await ldexp('plan', '--markdown', ...paths);
    expect(markdown.stdout).toContain('🛑 Update experiment “Button color” · cannot be undone');
    expect(markdown.stdout).toContain(
      '**Removes the experiment from holdout q1-holdout: this cannot be undone, it can never rejoin.**',
    );
    const result = await ldexp('apply', '--auto-approve', ...paths);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('holdout: q1-holdout → (unset)');

    const sent = writes(emulator);
    expect(sent.map(describeWrite)).toEqual([`PATCH ${PROD}/holdouts/q1-holdout [removeExperiment] → 200`]);
    expect((sent[0]?.body as { instructions: unknown[] }).instructions).toEqual([
      { kind: 'removeExperiment', value: 'button-color' },
    ]);
    const detail = (await getJson(emulator, `${PROD}/holdouts/q1-holdout`)) as {
      relatedExperiments?: { key: string }[];
    };
    expect((detail.relatedExperiments ?? []).map((e) => e.key)).toEqual(['checkout-flow']);
    await expectConverged(paths);
  });

  // Each: the scenario, the exact problem line, and the words the message must carry.
  const refused: { name: string; line: string; says: string }[] = [
    {
      name: 'immutable',
      line: `${FIXTURES}/immutable/q1-holdout.yaml:9:18  error  HoldoutImmutableField  holdout field "holdoutAmount"`,
      says: 'immutable after creation: create a holdout with a new key',
    },
    {
      name: 'unknown-holdout',
      line: `${FIXTURES}/unknown-holdout/solo-test.yaml:7:12  error  UnknownHoldout  holdout "no-such-holdout"`,
      says: 'exists neither in web/production nor in the manifests',
    },
    {
      name: 'join-existing',
      line: `${FIXTURES}/join-existing/solo-test.yaml:7:12  error  HoldoutJoinOnlyAtCreation  experiment "solo-test" already exists`,
      says: 'experiments join a holdout only when they are created',
    },
  ];

  for (const { name, line, says } of refused) {
    it(`refuses ${name}: exit 1, the error at its position, nothing sent (plan and apply)`, async () => {
      for (const command of [['plan'], ['apply', '--auto-approve']]) {
        const result = await ldexp(...command, ...scenario(name));
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(line);
        expect(result.stderr).toContain(says);
        expect(result.stderr).toContain('1 error, 0 warnings.');
        expect(result.stdout).not.toContain('Apply complete');
      }
      expect(writes(emulator)).toEqual([]);
    });
  }

  it('a live holdout no manifest describes is listed as left alone in text and JSON, and untouched', async () => {
    const text = await ldexp('plan', ...scenario('base'));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Left alone (not in the manifests):\n    holdout web/production/legacy-holdout (Legacy holdout)  created\n',
    );
    const json = await ldexp('plan', '--json', ...scenario('base'));
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.unmanaged).toEqual([
      { address: 'holdout/web/production/legacy-holdout', type: 'holdout', name: 'Legacy holdout', status: 'created' },
    ]);
    expect(plan.summary.unmanaged).toBe(1);
    // Applying a change to another holdout leaves it alone too (checked for every test in afterEach).
    const before = await getJson(emulator, `${PROD}/holdouts/legacy-holdout`);
    const applied = await ldexp('apply', '--auto-approve', ...scenario('rename'));
    expect(applied.code).toBe(0);
    expect(await getJson(emulator, `${PROD}/holdouts/legacy-holdout`)).toEqual(before);
  });

  it('the JSON plan carries the holdout create, its impact, and the binding of its _id into member creates', async () => {
    const result = await ldexp('plan', '--json', ...scenario('create'));
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.resources.find((r) => r.address === 'holdout/web/production/q4-holdout')).toMatchObject({
      type: 'holdout',
      action: 'create',
      stateTo: 'active',
      impact: 'create',
    });
    const create = plan.steps.find((step) => step.kind === 'createHoldout');
    expect(create).toMatchObject({ method: 'POST', path: `${PROD}/holdouts`, impact: 'create' });
    const members = plan.steps.filter((step) => step.kind === 'createExperiment');
    expect(members.map((step) => step.resource).sort()).toEqual([
      'experiment/web/production/express-checkout',
      'experiment/web/production/red-button',
    ]);
    for (const member of members) {
      expect(member.dependsOn).toContain(create?.id);
      expect(member.bindings).toEqual([{ bodyPointer: '/holdoutId', fromStep: create?.id, responsePointer: '/_id' }]);
    }
    expect(plan.steps.indexOf(create!)).toBe(0);
  });

  it('the Markdown plan shows the holdout with its impact, and the unmanaged holdout', async () => {
    const created = await ldexp('plan', '--markdown', ...scenario('create'));
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('#### ➕ Create holdout “Q4 holdout” · new');
    expect(created.stdout).toMatch(
      /\| 1 \| POST <code>\/api\/v2\/projects\/web\/environments\/production\/holdouts<\/code> \| <code>createHoldout<\/code> \| creates \|/,
    );
    expect(created.stdout).toContain(
      '| <code>holdout/web/production/legacy-holdout</code> | Legacy holdout | created |',
    );

    const ended = await ldexp('plan', '--markdown', ...scenario('end'));
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain('#### ⚠️ 🛑 Update holdout “Q1 holdout” · cannot be undone');
    expect(ended.stdout).toContain('**Ends the holdout: this cannot be undone.**');
    expect(ended.stdout).toContain('<code>endHoldout</code> | **⚠️ irreversible: cannot be undone** |');
    expect(writes(emulator)).toEqual([]);
  });
});
