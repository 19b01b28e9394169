import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { parseArgv } from './args.js';
import { completionScript } from './completion.js';

const { program } = parseArgv(['version'], {}, false);
const dir = mkdtempSync(join(tmpdir(), 'ldexp-completion-'));
writeFileSync(join(dir, 'plan.json'), '{}');
writeFileSync(join(dir, 'completion.bash'), completionScript(program, 'bash'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What bash completes for the words typed so far (the last one is being completed). */
function bashCompletes(...words: string[]): string[] {
  const script = [
    'source ./completion.bash',
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${String(words.length - 1)}`,
    '_ldexp_completion',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const output = execFileSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
  return output.split('\n').filter(Boolean).sort();
}

describe('bash completion, run in bash', () => {
  it.each([
    [['ldexp', 'pl'], ['plan']],
    [
      ['ldexp', 'v'],
      ['validate', 'version'],
    ],
    [['ldexp', '--v'], ['--version']],
    [['ldexp', 'plan', '--de'], ['--detailed-exitcode']],
    [['ldexp', 'apply', '--pl'], ['--plan']],
    [['ldexp', 'apply', '--plan', 'pl'], ['plan.json']],
    [['ldexp', 'plan', '--out', 'pl'], ['plan.json']],
    [['ldexp', 'plan', '--project', ''], []],
    [['ldexp', 'show', 'pl'], ['plan.json']],
    [
      ['ldexp', 'completion', ''],
      ['bash', 'zsh'],
    ],
    // Options a command does not take are not offered.
    [['ldexp', 'validate', '--auto'], []],
    [['ldexp', 'plan', '--auto'], []],
    [
      ['ldexp', 'emulator', '--'],
      ['--help', '--port', '--seed', '--token'],
    ],
  ])('%j → %j', (words, expected) => {
    expect(bashCompletes(...words)).toEqual(expected);
  });

  it('registers itself for ldexp', () => {
    expect(completionScript(program, 'bash')).toMatch(/\ncomplete -o default -F _ldexp_completion ldexp\n$/);
  });
});

describe('zsh completion', () => {
  const script = completionScript(program, 'zsh');

  it('is a #compdef file that also works when sourced', () => {
    expect(script.startsWith('#compdef ldexp\n')).toBe(true);
    expect(script).toContain('compdef _ldexp ldexp');
  });

  it('describes every command, and each command’s options only', () => {
    for (const name of ['validate', 'plan', 'apply', 'show', 'emulator', 'demo', 'version', 'completion']) {
      expect(script).toContain(`    '${name}:`);
    }
    const line = (command: string) => script.split('\n').find((l) => l.startsWith(`    ${command}) _arguments`)) ?? '';
    expect(line('plan')).toContain(`'(-o --out)'{-o,--out}'[also save the plan]:file:_files'`);
    expect(line('plan')).not.toContain('--auto-approve');
    expect(line('apply')).toContain(`'--plan[apply this saved plan]:file:_files'`);
    expect(line('validate')).not.toContain('--markdown');
    expect(line('completion')).toContain(`'1:value:(bash zsh)'`);
  });

  it('keeps brackets, colons and quotes out of descriptions, which would break _arguments specs', () => {
    const descriptions = [...script.matchAll(/'(?:--?[\w-]+|\)\{[^}]*\}')\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    expect(descriptions.length).toBeGreaterThan(20);
    for (const text of descriptions) expect(text).not.toMatch(/[[\]:'\\]/);
  });
});
