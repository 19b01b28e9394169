/**
 * Run `ldexp` the way a user or CI would. By default in this process through `runCli` (the same
 * code the binary runs, with its own environment, working folder and output streams, over real
 * HTTP), which is fast and counts towards coverage; `{ subprocess: true }` runs the real binary
 * from `dist/` (built once per run by test/global-setup.ts) for what only a process shows: exit
 * codes set on the process, signals, file permissions as another user.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

import type { InterruptSignal } from '../../src/cli/interrupt.js';
import { runCli } from '../../src/cli/run-cli.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/ldexp.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Standard input (closed after it); in-process, stdin is never a terminal, so nothing reads it. */
  input?: string;
  /** Run as another user (permission tests when the suite runs as root); implies `subprocess`. */
  user?: { uid: number; gid: number };
  /** Spawn the real binary instead of calling runCli in this process. */
  subprocess?: boolean;
}

/** A running binary: its process (to signal it), what it printed so far, and its result. */
export interface RunningLdexp {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  result: Promise<CliResult>;
}

/** What the binary's environment holds besides `env`: PATH, and no colors unless `env` says otherwise. */
function environment(options: RunOptions): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env };
}

/** Start the binary; standard input is closed at once (after `input`, if any). */
export function startLdexp(args: string[], options: RunOptions = {}): RunningLdexp {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: environment(options),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.user ?? {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      resolve({ code: exitCode ?? -1, stdout, stderr });
    });
  });
  return { child, output: () => ({ stdout, stderr }), result };
}

/** `ldexp` run in this process: what it printed so far, a way to interrupt it, and its result. */
export interface InProcessLdexp {
  output(): { stdout: string; stderr: string };
  /** What a signal to the binary does: the CLI sees it through its injected interrupt source. */
  signal(name: InterruptSignal): void;
  result: Promise<CliResult>;
}

/**
 * runCli with the binary's contract: standard streams that are pipes (no terminal, so no prompt
 * and no colors), the given environment and working folder, and nothing of this process's own.
 */
export function startInProcess(args: string[], options: RunOptions = {}): InProcessLdexp {
  const output = { stdout: '', stderr: '' };
  const interrupts = new EventEmitter();
  const code = runCli(
    args,
    {
      stdout: { write: (text: string) => (output.stdout += text) },
      stderr: { write: (text: string) => (output.stderr += text) },
      env: environment(options),
      confirm: undefined,
      cwd: options.cwd ?? REPO_ROOT,
      interrupts,
    },
    false,
  );
  return {
    output: () => ({ ...output }),
    signal: (name) => interrupts.emit(name),
    result: code.then((exitCode) => ({ code: exitCode, ...output })),
  };
}

export function runLdexp(args: string[], options: RunOptions = {}): Promise<CliResult> {
  if (options.subprocess === true || options.user !== undefined) return startLdexp(args, options).result;
  return startInProcess(args, options).result;
}
