import { describe, expect, it } from 'vitest';

import { UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';

const ALL = 'validate, plan, apply, drift, show, export, pull, targets, emulator, demo, version, completion';

describe('parseCommandLine', () => {
  it.each([
    [['plan'], { command: 'plan', paths: ['.'], concurrency: 4, color: true }],
    [['plan', '--read-concurrency', '3'], { concurrency: 4, readConcurrency: 3 }],
    [['plan', 'a', 'b'], { command: 'plan', paths: ['a', 'b'] }],
    [['apply', '--plan', 'p.json', '--auto-approve'], { command: 'apply', planFile: 'p.json', autoApprove: true }],
    [['plan', '--project', 'web', '--environment', 'prod'], { project: 'web', environment: 'prod' }],
    [['plan', '--no-color'], { color: false }],
    [['plan', '--concurrency', '8', '--detailed-exitcode'], { concurrency: 8, detailedExitcode: true }],
    [['plan', '--json', '-o', 'out.json'], { json: true, out: 'out.json' }],
    [['plan', '--timeout', '2.5'], { timeout: 2.5 }],
    [['apply', '--timeout', '30', 'm'], { timeout: 30, paths: ['m'] }],
    [['apply', '--json', '--auto-approve'], { command: 'apply', json: true }],
    [['validate', '--json', 'm'], { command: 'validate', json: true, paths: ['m'] }],
    [['show', 'p.json', '--markdown'], { command: 'show', planFile: 'p.json', markdown: true }],
    [['emulator', '--port', '4000', '--seed', 's.yaml', '--token', 't'], { port: 4000, seed: 's.yaml', token: 't' }],
    [['completion', 'zsh'], { command: 'completion', shell: 'zsh' }],
    [[], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['-V'], { command: 'version' }],
    [['version'], { command: 'version' }],
    [['plan', '--help'], { command: 'help' }],
    [['help', 'plan'], { command: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv, {}, true)).toMatchObject(expected);
  });

  it('leaves --timeout out when it is not given (the client default applies)', () => {
    expect(parseCommandLine(['plan'], {}, false)).not.toHaveProperty('timeout');
  });

  it('leaves --read-concurrency out when it is not given (the client adapts it to the rate limit)', () => {
    expect(parseCommandLine(['plan'], {}, false)).not.toHaveProperty('readConcurrency');
  });

  it.each([
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{}, false, false],
  ])('NO_COLOR=%j on a TTY=%s → color %s', (env, isTty, color) => {
    expect(parseCommandLine(['plan'], env, isTty).color).toBe(color);
  });

  it.each([
    [['deploy'], `unknown command "deploy"; expected one of: ${ALL}`, undefined],
    [['plna'], `unknown command "plna"; expected one of: ${ALL}; did you mean plan?`, undefined],
    [['help', 'deploy'], `unknown command "deploy"; expected one of: ${ALL}`, undefined],
    [['plan', '--concurrency', '0'], '--concurrency expects a positive integer, got "0"', 'plan'],
    [['plan', '--concurrency', 'many'], '--concurrency expects a positive integer, got "many"', 'plan'],
    [['apply', '--read-concurrency', '0'], '--read-concurrency expects a positive integer, got "0"', 'apply'],
    [['plan', '--timeout', '0'], '--timeout expects a number of seconds (more than 0, at most 3600), got "0"', 'plan'],
    [
      ['apply', '--timeout', 'soon'],
      '--timeout expects a number of seconds (more than 0, at most 3600), got "soon"',
      'apply',
    ],
    [['emulator', '--port', '70000'], '--port expects a port number, got "70000"', 'emulator'],
    [['plan', '--json', '--markdown'], '--json and --markdown cannot be used together', 'plan'],
    [['show', 'p.json', '--json', '--markdown'], '--json and --markdown cannot be used together', 'show'],
    [['plan', '--frobnicate'], "Unknown option '--frobnicate' for ldexp plan", 'plan'],
    [['plan', '--jsn'], "Unknown option '--jsn' for ldexp plan; did you mean --json?", 'plan'],
    // Options another command takes are refused where they mean nothing, not silently ignored.
    [['plan', '--plan', 'x'], "Unknown option '--plan' for ldexp plan", 'plan'],
    [['validate', '--auto-approve'], "Unknown option '--auto-approve' for ldexp validate", 'validate'],
    [['validate', '--markdown'], "Unknown option '--markdown' for ldexp validate", 'validate'],
    [['apply', '--out', 'p.json'], "Unknown option '--out' for ldexp apply", 'apply'],
    [['show', 'p.json', '--auto-approve'], "Unknown option '--auto-approve' for ldexp show", 'show'],
    [['emulator', '--json'], "Unknown option '--json' for ldexp emulator", 'emulator'],
    [['plan', '--project'], "option '--project <key>' argument missing", 'plan'],
    [['show'], "missing required argument 'planfile'", 'show'],
    [['completion', 'fish'], "command-argument value 'fish' is invalid for argument 'shell'", 'completion'],
    [['version', 'extra'], "too many arguments for 'version'", 'version'],
    [['--no-color'], "Unknown option '--no-color'", undefined],
    [
      ['apply', '--plan', 'p.json', 'manifests'],
      'apply --plan applies the saved plan exactly as made; it takes no paths (manifests)',
      'apply',
    ],
    [['apply', '--plan', 'p.json', '--project', 'web'], 'it takes no --project', 'apply'],
  ])('%j is a usage error: %s', (argv, message, command) => {
    let thrown: unknown;
    try {
      parseCommandLine(argv, {}, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toContain(message);
    expect((thrown as UsageError).command).toBe(command);
  });

  it('returns the help of the command asked about, and of the program otherwise', () => {
    expect(parseCommandLine(['plan', '--help'], {}, false).helpText).toMatch(
      /^Usage: ldexp plan \[options\] \[paths\.\.\.\]\n/,
    );
    expect(parseCommandLine(['help', 'show'], {}, false).helpText).toMatch(
      /^Usage: ldexp show \[options\] <planfile>\n/,
    );
    expect(parseCommandLine([], {}, false).helpText).toMatch(/^Usage: ldexp <command> \[options\]\n/);
    expect(parseCommandLine(['-h'], {}, false).helpText).toContain('LD_API_TOKEN');
  });
});
