/** The `ldexp` binary: wires the real process to runCli and sets process.exitCode (never process.exit). */
import { askYes } from './prompt.js';
import { runCli } from './run-cli.js';

function confirm(question: string): Promise<boolean> {
  return askYes(question, process.stdin, process.stderr);
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
    interrupts: process,
  },
  process.stdout.isTTY,
);
