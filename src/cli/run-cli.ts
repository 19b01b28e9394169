/** argv → command → exit code. Every error becomes an exit code here and nowhere else. */
import { readFile } from 'node:fs/promises';

import { HELP, parseCommandLine } from './args.js';
import type { CommandLine } from './args.js';
import { applyCommand } from './commands/apply.js';
import { demoCommand } from './commands/demo.js';
import { emulatorCommand } from './commands/emulator.js';
import { planCommand } from './commands/plan.js';
import { validateCommand } from './commands/validate.js';
import type { CommandContext } from './context.js';
import { EXIT_OK, describeFailure } from './exit-code.js';
import type { CliIo } from './io.js';

const COMMAND_HANDLERS: Record<
  Exclude<CommandLine['command'], 'help' | 'version'>,
  (context: CommandContext) => Promise<number>
> = {
  validate: validateCommand,
  plan: planCommand,
  apply: applyCommand,
  emulator: emulatorCommand,
  demo: demoCommand,
};

export async function runCli(argv: string[], io: CliIo, isTty: boolean): Promise<number> {
  try {
    const line = parseCommandLine(argv, io.env, isTty);
    if (line.command === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    if (line.command === 'version') {
      io.stdout.write(`${await packageVersion()}\n`);
      return EXIT_OK;
    }
    return await COMMAND_HANDLERS[line.command]({ line, io });
  } catch (error) {
    const failure = describeFailure(error, io.env.LD_API_TOKEN);
    io.stderr.write(`${failure.message}\n`);
    return failure.exitCode;
  }
}

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
