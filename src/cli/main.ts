/** The `ldexp` binary: wires the real process to runCli and sets process.exitCode (never process.exit). */
import { createInterface } from 'node:readline/promises';

import { runCli } from './run-cli.js';

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(question)).trim() === 'yes';
  } finally {
    prompt.close();
  }
}

const interactive = process.stdin.isTTY && process.stderr.isTTY;
process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    confirm: interactive ? confirm : undefined,
    cwd: process.cwd(),
  },
  process.stdout.isTTY,
);
