/**
 * Command-line conventions, with the real binary: per-command help, options a command does not
 * take refused (and nothing done), the version three ways.
 */
import { existsSync, readFileSync } from 'node:fs';

import { describe, it } from 'vitest';

import { E2E_SEED_FILE, experimentManifest, ldexp, startSeeded, workspace } from './helpers.js';
import { REPO_ROOT, runLdexp } from './run-ldexp.js';

const VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string }).version;

interface HelpCase {
  command: string;
  usage: string;
  takes: string[];
  /** Options other commands take that this one must not list. */
  refuses: string[];
  example: string;
}

const HELP: HelpCase[] = [
  {
    command: 'validate',
    usage: 'ldexp validate [options] [paths...]',
    takes: [
      '--project <key>',
      '--environment <key>',
      '--target <project/environment[/key]>',
      '--allow-target <project/environment>',
      '--json',
      '--no-color',
    ],
    refuses: ['--auto-approve', '--markdown', '--out', '--plan'],
    example: 'ldexp validate manifests/',
  },
  {
    command: 'plan',
    usage: 'ldexp plan [options] [paths...]',
    takes: [
      '--project <key>',
      '--environment <key>',
      '--target <project/environment[/key]>',
      '--allow-target <project/environment>',
      '--base <git-ref>',
      '--json',
      '--markdown',
      '-o, --out <file>',
      '--detailed-exitcode',
      '--concurrency <n>',
      '--read-concurrency <n>',
      '--timeout <seconds>',
      '--no-color',
      '-v, --verbose',
    ],
    refuses: ['--auto-approve', '--plan <file>'],
    example: 'ldexp plan manifests/ --out plan.json',
  },
  {
    command: 'apply',
    usage: 'ldexp apply [options] [paths...]',
    takes: [
      '--plan <file>',
      '--auto-approve',
      '--project <key>',
      '--environment <key>',
      '--target <project/environment[/key]>',
      '--allow-target <project/environment>',
      '--json',
      '--concurrency <n>',
      '--read-concurrency <n>',
      '--timeout <seconds>',
      '--no-color',
      '-v, --verbose',
    ],
    refuses: ['--markdown', '-o, --out', '--detailed-exitcode'],
    example: 'ldexp apply --plan plan.json --auto-approve',
  },
  {
    command: 'drift',
    usage: 'ldexp drift [options] [paths...]',
    takes: [
      '--project <key>',
      '--environment <key>',
      '--allow-target <project/environment>',
      '--target <project/environment[/key]>',
      '--base <git-ref>',
      '--format <format>',
      '--read-concurrency <n>',
      '--timeout <seconds>',
      '--no-color',
      '-v, --verbose',
    ],
    refuses: ['--json', '--markdown', '--auto-approve', '--concurrency', '-o, --out'],
    example: 'ldexp drift --format markdown manifests/',
  },
  {
    command: 'show',
    usage: 'ldexp show [options] <planfile>',
    takes: ['--json', '--markdown', '--no-color', '-v, --verbose'],
    refuses: ['--auto-approve', '--project', '--concurrency'],
    example: 'ldexp show plan.json --markdown > plan.md',
  },
  {
    command: 'emulator',
    usage: 'ldexp emulator [options]',
    takes: ['--port <n>', '--seed <file>', '--token <token>'],
    refuses: ['--json', '--auto-approve'],
    example: 'ldexp emulator --port 8765',
  },
  {
    command: 'demo',
    usage: 'ldexp demo [options]',
    takes: ['--concurrency <n>', '--read-concurrency <n>', '--timeout <seconds>', '--no-color', '-v, --verbose'],
    refuses: ['--json', '--plan'],
    example: 'ldexp demo',
  },
  {
    command: 'version',
    usage: 'ldexp version [options]',
    takes: [],
    refuses: ['--json'],
    example: 'ldexp --version',
  },
  {
    command: 'completion',
    usage: 'ldexp completion [options] <shell>',
    takes: [],
    refuses: ['--json'],
    example: 'source <(ldexp completion bash)',
  },
];

describe.concurrent('ldexp <command> --help documents that command', () => {
  it.for(HELP)('$command', async ({ command, usage, takes, refuses, example }, { expect }) => {
    const result = await runLdexp([command, '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith(`Usage: ${usage}\n`)).toBe(true);
    const options = result.stdout.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
    // One option per line starting `  -`; wrapped descriptions continue on deeper-indented lines.
    const listed = options
      .split('\n')
      .filter((line) => line.startsWith('  -'))
      .map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(listed).toEqual([...takes, '-h, --help']);
    for (const flag of refuses) expect(result.stdout).not.toContain(flag);
    expect(result.stdout).toContain(`\nExamples:\n`);
    expect(result.stdout).toContain(`  ${example}`);
  });

  it('ldexp help <command> prints the same', async ({ expect }) => {
    const [viaFlag, viaHelp] = await Promise.all([runLdexp(['apply', '--help']), runLdexp(['help', 'apply'])]);
    expect(viaHelp).toEqual(viaFlag);
  });

  it('ldexp --help lists every command, the environment and the exit codes (the binary)', async ({ expect }) => {
    const result = await runLdexp(['--help'], { subprocess: true });
    expect(result.code).toBe(0);
    for (const { command } of HELP) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('LD_API_TOKEN');
    expect(result.stdout).toContain('Exit codes: 0 success');
    expect(result.stdout).toContain('Run ldexp <command> --help');
  });
});

describe.concurrent('the version', () => {
  // --version through the binary: it finds package.json from dist/ as installed; the rest in-process.
  it.for([
    { argv: ['--version'], subprocess: true },
    { argv: ['-V'], subprocess: false },
    { argv: ['version'], subprocess: false },
  ])('ldexp $argv', async ({ argv, subprocess }, { expect }) => {
    expect(await runLdexp(argv, { subprocess })).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe.concurrent('an option a command does not take is a usage error, and nothing is done', () => {
  it.for([
    {
      argv: ['plan', 'manifests', '--plan', 'x.json'],
      message: "Unknown option '--plan' for ldexp plan",
      help: 'plan',
    },
    {
      argv: ['validate', 'manifests', '--auto-approve'],
      message: "Unknown option '--auto-approve' for ldexp validate",
      help: 'validate',
    },
    {
      argv: ['apply', 'manifests', '--out', 'x.json'],
      message: "Unknown option '--out' for ldexp apply",
      help: 'apply',
    },
    {
      argv: ['apply', '--plan', 'x.json', 'manifests', '--auto-approve'],
      message:
        'apply --plan applies the saved plan exactly as made; it takes no paths (manifests): plan again with them instead',
      help: 'apply',
    },
    {
      argv: ['plan', 'manifests', '--jsn'],
      message: "Unknown option '--jsn' for ldexp plan; did you mean --json?",
      help: 'plan',
    },
  ])('ldexp $argv', async ({ argv, message, help }, { expect }) => {
    const emulator = await startSeeded({ file: E2E_SEED_FILE });
    const ws = await workspace({
      'manifests/a.yaml': experimentManifest({ key: 'exp-new', flag: 'new-flag', state: 'running' }),
    });
    try {
      const result = await ldexp(argv, { emulator, cwd: ws.root });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error [Usage]: ${message}\nRun ldexp ${help} --help for usage.\n`,
      });
      // Before, `plan --plan x` silently made a new plan: it read LaunchDarkly. Now nothing is read.
      expect(emulator.requests).toEqual([]);
      expect(existsSync(ws.path('x.json'))).toBe(false);
    } finally {
      await emulator.close();
      await ws.remove();
    }
  });
});
