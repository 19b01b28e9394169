import { describe, expect, it } from 'vitest';

import { UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';

describe('parseCommandLine', () => {
  it.each([
    [['plan'], { command: 'plan', paths: ['.'], concurrency: 4, color: true }],
    [['plan', 'a', 'b'], { command: 'plan', paths: ['a', 'b'] }],
    [['apply', '--plan', 'p.json', '--auto-approve'], { command: 'apply', planFile: 'p.json', autoApprove: true }],
    [['plan', '--project', 'web', '--environment', 'prod'], { project: 'web', environment: 'prod' }],
    [['plan', '--no-color'], { color: false }],
    [['plan', '--concurrency', '8', '--detailed-exitcode'], { concurrency: 8, detailedExitcode: true }],
    [['plan', '--json', '-o', 'out.json'], { json: true, out: 'out.json' }],
    [['emulator', '--port', '4000', '--seed', 's.yaml', '--token', 't'], { port: 4000, seed: 's.yaml', token: 't' }],
    [[], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['plan', '--help'], { command: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv, {}, true)).toMatchObject(expected);
  });

  it.each([
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{}, false, false],
  ])('NO_COLOR=%j on a TTY=%s → color %s', (env, isTty, color) => {
    expect(parseCommandLine(['plan'], env, isTty).color).toBe(color);
  });

  it.each([
    [['deploy'], 'unknown command "deploy"; expected one of: validate, plan, apply, emulator, demo'],
    [['plan', '--concurrency', '0'], '--concurrency expects a positive integer, got "0"'],
    [['plan', '--concurrency', 'many'], '--concurrency expects a positive integer, got "many"'],
    [['emulator', '--port', '70000'], '--port expects a port number, got "70000"'],
    [['plan', '--json', '--markdown'], '--json and --markdown cannot be used together'],
    [['plan', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv, {}, false)).toThrow(UsageError);
    expect(() => parseCommandLine(argv, {}, false)).toThrow(message);
  });
});
