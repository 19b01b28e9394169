import { describe, expect, it } from 'vitest';

import {
  escapeData,
  escapeProperty,
  renderAnnotations,
  renderProblemsMarkdown,
  renderProblemsText,
} from '../../src/render/index.js';
import type { Problem } from '../../src/types.js';

const PROBLEMS: Problem[] = [
  {
    severity: 'error',
    code: 'UnknownVariation',
    message: 'no variation "topp" on flag checkout-button-placement',
    position: { file: '/repo/experiments/checkout.yaml', line: 31, column: 9, endLine: 31, endColumn: 13 },
    candidates: ['control', 'top', 'bottom'],
  },
  {
    severity: 'error',
    code: 'AllocationSum',
    message: 'allocations sum to 90, not 100',
    position: { file: 'other/holdout.yaml', line: 4, column: 3 },
  },
  {
    severity: 'warning',
    code: 'UnknownDataSource',
    message: 'dataSource "bigquery" is not known',
    pointer: '/spec/dataSource',
  },
];

describe('renderProblemsText', () => {
  it('prints problems like a compiler, relative to cwd', () => {
    expect(renderProblemsText(PROBLEMS, { color: false, cwd: '/repo' })).toMatchInlineSnapshot(`
      "experiments/checkout.yaml:31:9  error  UnknownVariation  no variation "topp" on flag checkout-button-placement
          candidates: control, top, bottom
      other/holdout.yaml:4:3  error  AllocationSum  allocations sum to 90, not 100
      warning  UnknownDataSource  dataSource "bigquery" is not known (at /spec/dataSource)
      2 errors, 1 warning.
      "
    `);
  });

  it('keeps paths outside cwd absolute and colors only when asked', () => {
    expect(renderProblemsText(PROBLEMS, { color: false, cwd: '/elsewhere' })).toContain(
      '/repo/experiments/checkout.yaml:31:9',
    );
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes
    expect(renderProblemsText(PROBLEMS, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderProblemsText(PROBLEMS, { color: true })).toContain('\u001b[31merror\u001b[39m');
  });
});

describe('renderProblemsMarkdown', () => {
  it('lists problems with escaped text', () => {
    expect(renderProblemsMarkdown(PROBLEMS, { cwd: '/repo' })).toMatchInlineSnapshot(`
      "- ❌ **error** <code>experiments/checkout.yaml:31:9</code> <code>UnknownVariation</code>: no variation &quot;topp&quot; on flag checkout-button-placement (candidates: control, top, bottom)
      - ❌ **error** <code>other/holdout.yaml:4:3</code> <code>AllocationSum</code>: allocations sum to 90, not 100
      - ⚠️ **warning** <code>UnknownDataSource</code>: dataSource &quot;bigquery&quot; is not known

      2 errors, 1 warning.
      "
    `);
  });
});

describe('renderAnnotations', () => {
  it('emits one workflow command per problem', () => {
    expect(renderAnnotations(PROBLEMS, { cwd: '/repo' })).toMatchInlineSnapshot(`
      "::error file=experiments/checkout.yaml,line=31,col=9,endLine=31,endColumn=13,title=ldexp UnknownVariation::no variation "topp" on flag checkout-button-placement%0ACandidates: control, top, bottom
      ::error file=other/holdout.yaml,line=4,col=3,title=ldexp AllocationSum::allocations sum to 90, not 100
      ::warning title=ldexp UnknownDataSource::dataSource "bigquery" is not known
      "
    `);
  });

  it('returns nothing for no problems', () => {
    expect(renderAnnotations([])).toBe('');
  });

  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%0A', '%250A', '%250A'],
    ['plain', 'plain', 'plain'],
  ])('escapes %j as data %j and as a property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('escapes file names, titles and messages', () => {
    const line = renderAnnotations([
      {
        severity: 'error',
        code: 'Odd',
        message: 'line 1\nline 2: 100%',
        position: { file: 'dir,with:odd.yaml', line: 1, column: 1 },
      },
    ]);
    expect(line).toBe('::error file=dir%2Cwith%3Aodd.yaml,line=1,col=1,title=ldexp Odd::line 1%0Aline 2: 100%25\n');
  });
});

describe('long candidate lists', () => {
  it('shows the ten closest and counts the rest, in text, Markdown and annotations', () => {
    const candidates = Array.from({ length: 25 }, (_, i) => `flag-${String(i)}`);
    const problem = {
      severity: 'error' as const,
      code: 'UnknownFlag',
      message: 'flag "flag-x" does not exist',
      position: { file: 'a.yaml', line: 3, column: 5 },
      candidates,
    };
    for (const out of [
      renderProblemsText([problem], { color: false }),
      renderProblemsMarkdown([problem]),
      renderAnnotations([problem]),
    ]) {
      expect(out).toContain('flag-9');
      expect(out).not.toContain('flag-10');
      expect(out).toContain('15 more');
    }
  });
});
