/** Run the real `ldexp` binary as a subprocess, the way a user or CI would. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  input?: string;
  /** Run as another user (permission tests when the suite runs as root). */
  user?: { uid: number; gid: number };
}

/** A running binary: its process (to signal it), what it printed so far, and its result. */
export interface RunningLdexp {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  result: Promise<CliResult>;
}

/** Start the binary; standard input is closed at once (after `input`, if any). */
export function startLdexp(args: string[], options: RunOptions = {}): RunningLdexp {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
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

export function runLdexp(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return startLdexp(args, options).result;
}
