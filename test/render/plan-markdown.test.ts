import { describe, expect, it } from 'vitest';

import { renderPlanMarkdown, TRUNCATED_MARKER } from '../../src/render/index.js';
import { emptyPlan, HASH, plan, realisticPlan, resource, step } from './plan-fixtures.js';

const MARKER = '<!-- ldexp:plan project=web environment=production -->';

describe('renderPlanMarkdown', () => {
  it('renders a realistic plan for reviewers', () => {
    const text = renderPlanMarkdown(realisticPlan(), {
      marker: MARKER,
      runUrl: 'https://github.com/acme/web/actions/runs/42',
      createdBy: 'octocat',
    });
    expect(text).toMatchInlineSnapshot(`
      "<!-- ldexp:plan project=web environment=production -->

      ### ldexp plan

      **1 to create · 5 to update · 8 steps** (1 start, 1 new iteration, 1 stop, 1 archive, 1 irreversible change)

      > [!CAUTION]
      > - **⚠️ Results restart from zero:** experiment “Search ranking v2” <code>experiment/web/production/search-ranking</code>, steps 4, 5
      > - **⚠️ Cannot be undone:** holdout “Q3 global holdout” <code>holdout/web/production/q3-holdout</code>, step 8

      > [!WARNING]
      > - **Stops:** experiment “Onboarding tour length” <code>experiment/web/production/onboarding-tour</code>, step 6
      > - **Archives (can be restored):** experiment “Old banner” <code>experiment/web/production/old-banner</code>, step 7

      Plan hash <code>sha256:9f86d081884c…</code> · web / production · https://app.launchdarkly.com
      <!-- ldexp:plan-hash sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 -->

      #### ▶️ Create experiment “Checkout button placement” · starts

      <code>experiment/web/production/checkout-button</code> · absent → running

      Creates the experiment and starts it: users are assigned to treatments and results start being collected.

      | Field | Before | After |
      | --- | --- | --- |
      | name | — | Checkout button placement |
      | iteration.hypothesis | — | Moving the button above the fold increases conversion |

      | Treatment | Traffic before | Traffic after |
      | --- | --- | --- |
      | Control | — | \`██████████░░░░░░░░░░ 50%\` |
      | Above the fold | — | \`██████████░░░░░░░░░░ 50%\` |

      <details><summary>Steps (2)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 1 | POST <code>/api/v2/projects/web/experiments/production</code> | <code>createExperiment</code> | creates | Create the experiment with its first iteration as a draft |
      | 2 | PATCH <code>/api/v2/projects/web/experiments/production/checkout-button</code> | <code>startIteration</code> | starts the experiment | Start the first iteration |

      \`\`\`mermaid
      graph TD
        s1["1. createExperiment #40;checkout-button#41;"]
        s2["2. startIteration #40;checkout-button#41;"]
        s1 --> s2
      \`\`\`

      </details>

      #### ✏️ Update experiment “Pricing page copy” · details only

      <code>experiment/web/production/pricing-copy</code> · running → running

      Changes descriptive details only: traffic and results are not affected.

      | Field | Before | After |
      | --- | --- | --- |
      | name | Pricing copy | Pricing page copy |
      | description | — | Does plain language sell more plans? |

      <details><summary>Steps (1)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 3 | PATCH <code>/api/v2/projects/web/experiments/production/pricing-copy</code> | <code>updateName, updateDescription</code> | metadata only | Rename and describe the experiment |

      </details>

      #### ⚠️ 🔄 Update experiment “Search ranking v2” · new iteration, results restart from zero

      <code>experiment/web/production/search-ranking</code> · running → running

      **Restarts iteration 2:** the results collected since 2024-05-01 stay with it; iteration 3 starts from zero. Unless traffic reshuffling is turned off, users may be reassigned to other treatments.

      **Justification:** Rebalance after bug fix

      | Treatment | Traffic before | Traffic after |
      | --- | --- | --- |
      | Control | \`██████████░░░░░░░░░░ 50%\` | \`████████████████░░░░ 80%\` |
      | Ranked | \`██████████░░░░░░░░░░ 50%\` | \`████░░░░░░░░░░░░░░░░ 20%\` |

      <details><summary>Steps (2)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 4 | POST <code>/api/v2/projects/web/experiments/production/search-ranking/iterations</code> | <code>createIteration</code> | **⚠️ new iteration: results restart from zero** | The allocation changed: save a new iteration |
      | 5 | PATCH <code>/api/v2/projects/web/experiments/production/search-ranking</code> | <code>startIteration</code> | **⚠️ new iteration: results restart from zero** | Start the new iteration \\(justification: Rebalance after bug fix\\) |

      \`\`\`mermaid
      graph TD
        s1["4. createIteration #40;search-ranking#41;"]
        s2["5. startIteration #40;search-ranking#41;"]
        s1 --> s2
      \`\`\`

      </details>

      #### ⏹️ Update experiment “Onboarding tour length” · stop

      <code>experiment/web/production/onboarding-tour</code> · running → stopped

      **Stops the experiment and declares Short tour the winner.** Results stop being collected.

      | Field | Before | After |
      | --- | --- | --- |
      | stop.winner | — | Short tour |

      <details><summary>Steps (1)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 6 | PATCH <code>/api/v2/projects/web/experiments/production/onboarding-tour</code> | <code>stopIteration</code> | stops the experiment | Stop with winner Short tour: shorter tour won |

      </details>

      #### 📦 Update experiment “Old banner” · archive

      <code>experiment/web/production/old-banner</code> · stopped → archived

      Archives the experiment: it is hidden from lists and can be restored later.

      <details><summary>Steps (1)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 7 | PATCH <code>/api/v2/projects/web/experiments/production/old-banner</code> | <code>archiveExperiment</code> | archives | The manifest says archived |

      </details>

      #### ⚠️ 🛑 Update holdout “Q3 global holdout” · cannot be undone

      <code>holdout/web/production/q3-holdout</code> · active → ended

      **Ends the holdout: this cannot be undone.**

      <details><summary>Steps (1)</summary>

      | # | Request | Instruction | Impact | Why |
      | --- | --- | --- | --- | --- |
      | 8 | PATCH <code>/api/v2/projects/web/environments/production/holdouts/q3-holdout</code> | <code>endHoldout</code> | **⚠️ irreversible: cannot be undone** | The manifest says ended |

      </details>

      <details><summary>Left alone: 1 resource not in the manifests</summary>

      | Resource | Name | Status |
      | --- | --- | --- |
      | <code>experiment/web/production/legacy-test</code> | Legacy test | running |

      </details>

      #### ⚠️ Warnings

      - ⚠️ **warning** <code>experiments/checkout.yaml:12:15</code> <code>UnknownDataSource</code>: dataSource &quot;bigquery&quot; is not known; sent as written

      <sub>Planned by ldexp for octocat · [workflow run](https://github.com/acme/web/actions/runs/42)</sub>
      "
    `);
  });

  it('puts the marker first and keeps the full hash in a hidden comment', () => {
    const text = renderPlanMarkdown(realisticPlan(), { marker: MARKER });
    expect(text.startsWith(`${MARKER}\n`)).toBe(true);
    expect(text).toContain(`<!-- ldexp:plan-hash ${HASH} -->`);
    expect(text).toContain('<code>sha256:9f86d081884c…</code>');
  });

  it('accepts a marker without the comment wrapper and cannot be closed early by it', () => {
    expect(renderPlanMarkdown(emptyPlan(), { marker: 'ldexp:plan a=b' }).split('\n')[0]).toBe(
      '<!-- ldexp:plan a=b -->',
    );
    expect(renderPlanMarkdown(emptyPlan(), { marker: 'x --> <b>y</b>' }).split('\n')[0]).toBe('<!-- x - b y /b -->');
  });

  it('says that nothing changes for an empty plan', () => {
    const text = renderPlanMarkdown(emptyPlan());
    expect(text).toContain('**No changes. LaunchDarkly matches the manifests.**');
    expect(text).not.toContain('homepage-hero');
    expect(text).not.toContain('[!WARNING]');
  });

  it('has no callout when nothing stops, archives, restarts results or is irreversible', () => {
    const p = plan({
      resources: [resource('a', { stepIds: ['s1'] })],
      steps: [step('s1', 'experiment/web/production/a')],
    });
    const text = renderPlanMarkdown(p);
    expect(text).not.toContain('[!CAUTION]');
    expect(text).not.toContain('[!WARNING]');
    expect(text).not.toContain('⚠️');
  });

  it('lists sections in step order, so step numbers read in order', () => {
    const p = plan({
      resources: [
        resource('a-exp', { action: 'create', impact: 'start', stepIds: ['s2'] }),
        resource('h', { type: 'holdout', action: 'create', impact: 'create', stepIds: ['s1'] }),
      ],
      steps: [
        step('s1', 'holdout/web/production/h', { kind: 'createHoldout', method: 'POST', impact: 'create' }),
        step('s2', 'experiment/web/production/a-exp', { dependsOn: ['s1'], impact: 'start' }),
      ],
    });
    const numbers = [...renderPlanMarkdown(p).matchAll(/^\| (\d+) \| (?:POST|PATCH)/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual([1, 2]);
  });

  it('names at most ten resources per callout, then how many more', () => {
    const resources = Array.from({ length: 12 }, (_, index) =>
      resource(`e${String(index).padStart(2, '0')}`, { impact: 'new-iteration', stepIds: [`s${String(index)}`] }),
    );
    const steps = resources.map((entry, index) =>
      step(`s${String(index)}`, entry.address, { impact: 'new-iteration' }),
    );
    const lines = renderPlanMarkdown(plan({ resources, steps })).split('\n');
    const callout = lines.slice(lines.indexOf('> [!CAUTION]') + 1);
    expect(callout.slice(0, 11)).toEqual([
      ...resources
        .slice(0, 10)
        .map(
          (entry, index) =>
            `> - **⚠️ Results restart from zero:** experiment “${entry.name}” <code>${entry.address}</code>, step ${String(index + 1)}`,
        ),
      '> - … and 2 more below',
    ]);
  });

  it('explains a new iteration without a known start or number', () => {
    const p = plan({
      resources: [resource('a', { impact: 'new-iteration', stepIds: ['s1'] })],
      steps: [step('s1', 'experiment/web/production/a', { impact: 'new-iteration' })],
    });
    expect(renderPlanMarkdown(p)).toContain(
      '**Restarts the iteration:** the results collected so far stay with it; the new iteration starts from zero.',
    );
  });

  it('names the iteration a restart ends and quotes its justification, escaped', () => {
    const p = plan({
      resources: [
        resource('a', {
          impact: 'new-iteration',
          stepIds: ['s1'],
          context: { iterationNumber: 3, changeJustification: 'Fix the *bug* @octocat found\n<b>now</b>' },
        }),
      ],
      steps: [step('s1', 'experiment/web/production/a', { impact: 'new-iteration' })],
    });
    const text = renderPlanMarkdown(p);
    expect(text).toContain('**Restarts iteration 3:** the results collected so far stay with it; iteration 4 starts');
    expect(text).toContain('**Justification:** Fix the \\*bug\\* @\u200Doctocat found &lt;b&gt;now&lt;/b&gt;');
  });

  it('says which holdout an experiment leaves for good', () => {
    const p = plan({
      resources: [
        resource('a', {
          impact: 'irreversible',
          stepIds: ['s1'],
          changes: [{ field: 'holdout', from: 'q4-holdout' }],
        }),
      ],
      steps: [step('s1', 'holdout/web/production/q4-holdout', { impact: 'irreversible' })],
    });
    expect(renderPlanMarkdown(p)).toContain(
      '**Removes the experiment from holdout q4-holdout: this cannot be undone, it can never rejoin.**',
    );
  });

  it('draws a Mermaid graph only for resources whose steps have dependencies', () => {
    const text = renderPlanMarkdown(realisticPlan());
    expect(text.match(/```mermaid/g)).toHaveLength(2);
    expect(text).toContain(
      '```mermaid\ngraph TD\n  s1["1. createExperiment #40;checkout-button#41;"]\n  s2["2. startIteration #40;checkout-button#41;"]\n  s1 --> s2\n```',
    );
    const flat = plan({
      resources: [resource('a', { stepIds: ['s1'] })],
      steps: [step('s1', 'experiment/web/production/a')],
    });
    expect(renderPlanMarkdown(flat)).not.toContain('mermaid');
  });

  it('draws `after` (ordering only) as a dashed edge', () => {
    const p = plan({
      resources: [resource('a', { stepIds: ['s2', 's3'] }), resource('b', { action: 'create', stepIds: ['s1'] })],
      steps: [
        step('s1', 'experiment/web/production/b', { kind: 'createExperiment', method: 'POST' }),
        step('s2', 'experiment/web/production/a', { instructions: ['stopIteration'], after: ['s1'] }),
        step('s3', 'experiment/web/production/a', { instructions: ['archiveExperiment'], dependsOn: ['s2'] }),
      ],
    });
    expect(renderPlanMarkdown(p)).toContain(
      '```mermaid\ngraph TD\n  s1["2. stopIteration #40;a#41;"]\n  s2["1. createExperiment #40;b#41;"]\n  s3["3. archiveExperiment #40;a#41;"]\n  s2 -.-> s1\n  s1 --> s3\n```',
    );
  });

  it('stays within the budget for 500 resources, keeping summary and hash, with a visible notice', () => {
    const resources = Array.from({ length: 500 }, (_, index) =>
      resource(`experiment-${String(index)}`, {
        name: `Experiment number ${String(index)} with a fairly long name`,
        impact: 'new-iteration',
        changes: [
          { field: 'iteration.hypothesis', from: 'old '.repeat(40), to: 'new '.repeat(40) },
          { field: 'iteration.treatments[Control].allocationPercent', from: '50', to: '70' },
        ],
        stepIds: [`s${String(index)}`],
      }),
    );
    const steps = resources.map((entry, index) =>
      step(`s${String(index)}`, entry.address, { impact: 'new-iteration', instructions: ['startIteration'] }),
    );
    const big = plan({
      resources,
      steps,
      unmanaged: [{ address: 'experiment/web/production/z', type: 'experiment', name: 'Z', status: 'running' }],
    });
    for (const maxLength of [65_000, 20_000, 3_000]) {
      const text = renderPlanMarkdown(big, { maxLength, marker: MARKER });
      expect(text.length).toBeLessThanOrEqual(maxLength);
      expect(text).toContain('**0 to create · 500 to update · 500 steps** (500 new iterations)');
      expect(text).toContain(`<!-- ldexp:plan-hash ${HASH} -->`);
      expect(text).toMatch(
        /… \d+ more experiments, the resources left alone not shown; the full plan is in the job summary\./,
      );
      expect(text).toContain(TRUNCATED_MARKER);
      // Sections are whole: every <details> that opens also closes.
      expect(text.split('<details>').length).toBe(text.split('</details>').length);
    }
    expect(renderPlanMarkdown(big, { maxLength: 2_000_000 })).not.toContain('not shown');
  });

  it('never exceeds even a limit smaller than the summary', () => {
    expect(renderPlanMarkdown(realisticPlan(), { maxLength: 100 }).length).toBeLessThanOrEqual(100);
  });

  it('shows non-numeric allocations as text and links only http(s) run URLs', () => {
    const p = plan({
      resources: [
        resource('a', { changes: [{ field: 'iteration.treatments[B].allocationPercent', from: 'lots', to: '100' }] }),
      ],
      steps: [step('s1', 'experiment/web/production/a')],
    });
    const text = renderPlanMarkdown(p, { runUrl: 'javascript:alert(1)' });
    expect(text).toContain('| B | lots | `████████████████████ 100%` |');
    expect(text).toContain('<sub>Planned by ldexp workflow run</sub>');
    expect(renderPlanMarkdown(p, { runUrl: 'https://x.test/a)b<c' })).toContain(
      '[workflow run](https://x.test/a%29b%3Cc)',
    );
  });
});
