/**
 * The binary on a pseudo-terminal, the way a person runs it: util-linux `script` gives it a TTY for
 * standard input and output, so it asks for confirmation, and keys typed here (Ctrl-C is "\x03")
 * reach it through the terminal like keystrokes.
 */
import { spawn } from 'node:child_process';

import { BIN } from './run-ldexp.js';

export interface TerminalRun {
  /** Everything the terminal showed so far, with `\r\n` as `\n`. */
  screen(): string;
  /** Resolves once `text` is on the screen; rejects after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  /** The binary's exit code (`script -e` passes it on) and the whole screen. */
  result: Promise<{ code: number; screen: string }>;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function onTerminal(args: string[], options: { cwd: string; env: Record<string, string> }): TerminalRun {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', SHELL: '/bin/sh', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: string): void => {
    screen += chunk.replace(/\r\n/g, '\n');
    for (const waiter of waiters.filter((w) => screen.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const result = new Promise<{ code: number; screen: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code: code ?? -1, screen });
    });
  });
  return {
    screen: () => screen,
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (screen.includes(text)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error(`not on the terminal after ${String(timeoutMs)} ms: ${text}\n--- screen ---\n${screen}`));
        }, timeoutMs);
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    type: (keys) => {
      child.stdin.write(keys);
    },
    result,
  };
}
