/** argv → command → exit code. Every error becomes an exit code here and nowhere else. */
import { parseArgv } from './args.js';
import type { CommandLine } from './args.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, describeFailure } from './exit-code.js';
import type { CliIo } from './io.js';

export async function runCli(argv: string[], io: CliIo, isTty: boolean): Promise<number> {
  let line: CommandLine | undefined;
  try {
    const parsed = parseArgv(argv, io.env, isTty);
    line = parsed.line;
    if (line.helpText !== undefined) {
      io.stdout.write(line.helpText);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === parsed.line.command);
    // Unreachable: the parser only yields registered commands.
    if (!command) throw new Error(`no handler for command "${line.command}"`);
    return await command.run({ line, io, program: parsed.program });
  } catch (error) {
    const failure = describeFailure(error, io.env.LD_API_TOKEN, line?.command);
    io.stderr.write(`${failure.message}\n`);
    return failure.exitCode;
  }
}
