import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { InstructionKind } from '../../src/plan/instructions.js';
import {
  escapeMarkdown,
  escapeMermaidLabel,
  renderApplyReportMarkdown,
  renderPlanMarkdown,
  renderPlanText,
  renderProblemsMarkdown,
} from '../../src/render/index.js';
import { plan, resource, step } from './plan-fixtures.js';

const HOSTILE = [
  '</details><img src=x onerror=alert(1)>',
  '@octocat',
  '| col |',
  '`rm -rf`',
  '<!-- x -->',
  '[link](javascript:x)',
  '```',
  '"]; click s1 "javascript:alert(1)',
  '\u001b[31mred\u001b[0m',
  '*bold* _it_ # heading ~strike~ $math$',
  'line one\n## injected heading',
];
const EVIL = HOSTILE.join(' ');

function hostilePlan() {
  const address = 'experiment/web/production/evil';
  return plan({
    resources: [
      resource('evil', {
        name: EVIL,
        stateFrom: EVIL,
        stateTo: 'stopped',
        impact: 'stop',
        changes: [
          { field: EVIL, from: EVIL, to: EVIL },
          { field: `iteration.treatments[${EVIL}].allocationPercent`, from: EVIL, to: '50' },
        ],
        stepIds: ['s1', 's2'],
        context: { winner: EVIL, iterationStartedAt: EVIL },
      }),
      resource('evil2', { name: EVIL, impact: 'new-iteration', stepIds: [], context: { iterationStartedAt: EVIL } }),
    ],
    steps: [
      step('s1', address, { path: `/api/${EVIL}`, instructions: [EVIL as InstructionKind], reason: EVIL }),
      step('s2', address, { instructions: ['stopIteration'], dependsOn: ['s1', EVIL], impact: 'stop', reason: EVIL }),
    ],
    unmanaged: [{ address: `experiment/web/production/${EVIL}`, type: 'experiment', name: EVIL, status: EVIL }],
    warnings: [
      {
        severity: 'warning',
        code: EVIL,
        message: EVIL,
        candidates: [EVIL],
        position: { file: EVIL, line: 1, column: 2 },
      },
    ],
  });
}

/** Every dangerous raw substring of the hostile strings, none of which may survive escaping. */
const FORBIDDEN = [
  '</details><img',
  '<img',
  'onerror=alert(1)>',
  '@octocat',
  '| col |',
  '`rm -rf`',
  '<!-- x',
  '[link](javascript:x)',
  '](javascript',
  '"]; click',
  '\u001b',
  '*bold*',
  '_it_',
  '\n## injected',
  '$math$',
];

function assertSafe(markdown: string, ownComments: number): void {
  for (const forbidden of FORBIDDEN) expect(markdown, forbidden).not.toContain(forbidden);
  // Our own structure stays balanced: nothing from the input opened or closed a block.
  expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  expect(markdown.split('<!--').length - 1).toBe(ownComments);
  expect((markdown.match(/```/g) ?? []).length % 2).toBe(0);
  for (const line of markdown.split('\n').filter((text) => text.startsWith('```'))) {
    expect(['```mermaid', '```']).toContain(line);
  }
}

describe('escaping untrusted strings', () => {
  it('makes every hostile string harmless in the Markdown plan', () => {
    const text = renderPlanMarkdown(hostilePlan(), { marker: 'ldexp:plan', title: EVIL, createdBy: '@octocat' });
    assertSafe(text, 2);
    expect(text).toContain('@\u200Doctocat');
    expect(text).toContain('\\| col \\|');
    expect(text).toContain('&lt;/details&gt;&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(text).toContain('\\[link\\]\\(javascript:x\\)');
    expect(text).toContain('```mermaid');
  });

  it('makes them harmless in Markdown problems and apply reports', () => {
    const p = hostilePlan();
    assertSafe(renderProblemsMarkdown(p.warnings), 0);
    const report = renderApplyReportMarkdown(
      {
        planHash: p.hash,
        ok: 0,
        failed: 1,
        skipped: 2,
        unknown: 0,
        interrupted: false,
        outcomes: [
          { status: 'failed', stepId: 's1', httpStatus: 400, code: EVIL, message: EVIL },
          { status: 'skipped', stepId: 's2', reason: EVIL },
          { status: 'skipped', stepId: EVIL, reason: EVIL },
        ],
      },
      p,
    );
    assertSafe(report, 0);
  });

  it('keeps control characters out of the terminal', () => {
    for (const verbose of [false, true]) {
      const text = renderPlanText(hostilePlan(), { color: false, verbose });
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\n## injected');
    }
  });

  it.each([
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['*_[]<>#', '\\*\\_\\[\\]&lt;&gt;\\#'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
    ['back\\slash', 'back\\\\slash'],
    ['@octocat and @acme/team, me@example.com', '@\u200Doctocat and @\u200Dacme/team, me@\u200Dexample.com'],
    ['two\nlines', 'two lines'],
    ['plain text, 50% off.', 'plain text, 50% off.'],
  ])('escapeMarkdown(%j)', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it.each([
    ['1. startIteration (a-b)', '1. startIteration #40;a-b#41;'],
    ['"]\n```', '#34;#93; #96;#96;#96;'],
    ['<b>&', '#60;b#62;#38;'],
    ['emoji 🛑', 'emoji #128721;'],
  ])('escapeMermaidLabel(%j)', (input, expected) => {
    expect(escapeMermaidLabel(input)).toBe(expected);
  });

  it('escapeMarkdown: for any text, no tag, line break, unescaped special or live mention survives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/[<>\r\n]/);
        // Every special character is preceded by an odd number of backslashes.
        for (const match of out.matchAll(/(\\*)([`*_[\]()#|~!$])/g)) expect(match[1]!.length % 2).toBe(1);
        expect(out).not.toMatch(/@[\p{L}\p{N}_-]/u);
      }),
    );
  });

  it('escapeMermaidLabel: for any text, only safe characters and entity codes remain', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeMermaidLabel(text)).toMatch(/^(?:[A-Za-z0-9 .,:/=+-]|#\d+;)*$/);
      }),
    );
  });
});
