/**
 * The commander program built from the command table. Commander never exits the process nor
 * writes to it: every error comes back as a thrown UsageError naming the command, and help text
 * goes to the given writer, so runCli stays callable in-process.
 */
import { Command } from 'commander';
import type { CommanderError } from 'commander';

import { UsageError } from '../errors.js';
import type { CliCommand } from './command.js';
import type { OptionValues } from './options.js';

export interface ProgramHooks {
  /** Where help (and nothing else) is written. */
  write(text: string): void;
  /** Called instead of running: the matched command, its arguments and options. */
  onRun(command: string, args: unknown[], options: OptionValues): void;
}

/** Help is wrapped at a fixed width so that it reads the same in a terminal, a pipe and a test. */
const HELP_WIDTH = 100;

const ENVIRONMENT_HELP = `
Environment:
  LD_API_TOKEN   LaunchDarkly API access token (never printed, logged or written to a plan file)
  LD_API_URL     API base URL (default https://app.launchdarkly.com; EU https://app.eu.launchdarkly.com,
                 federal https://app.launchdarkly.us; http:// only for 127.0.0.1/localhost)
  NO_COLOR       any non-empty value turns colors off

Exit codes: 0 success, 1 error (bad input, refused plan, API failure, failed step),
            2 changes present (plan --detailed-exitcode): steps to apply, or differences
              that cannot be applied; drift: LaunchDarkly was changed outside Git

Run ldexp <command> --help for a command's options and examples.`;

/** Commander's codes for "help or version was printed": passed through, not usage errors. */
const NOT_ERRORS = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version']);

export function buildProgram(commands: readonly CliCommand[], hooks: ProgramHooks): Command {
  const program = new Command('ldexp')
    .description('Experiments as code for LaunchDarkly: plan and apply experiments, iterations and holdouts.')
    .usage('<command> [options]')
    // The text is ignored: runCli prints the version from package.json for `-V`, `--version`
    // and `ldexp version` alike.
    .version('', '-V, --version', 'print the ldexp version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', ENVIRONMENT_HELP)
    .showSuggestionAfterError(true);
  configure(program, hooks, undefined, commands);
  for (const spec of commands) program.addCommand(commandFor(spec, hooks, commands));
  return program;
}

function commandFor(spec: CliCommand, hooks: ProgramHooks, commands: readonly CliCommand[]): Command {
  const command = new Command(spec.name).summary(spec.summary).description(spec.description ?? spec.summary);
  for (const argument of spec.arguments) {
    const created = command.createArgument(argument.syntax, argument.description);
    if (argument.choices) created.choices(argument.choices);
    command.addArgument(created);
  }
  for (const option of spec.options) command.addOption(option());
  command.helpOption('-h, --help', 'show help for this command');
  if (spec.examples.length > 0) {
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((line) => `  ${line}`).join('\n')}`);
  }
  configure(command, hooks, spec.name, commands);
  command.action((...received: unknown[]) => {
    // commander passes the declared arguments, then the options object, then the command.
    const args = received.slice(0, spec.arguments.length);
    hooks.onRun(spec.name, args, command.opts<OptionValues>());
  });
  return command;
}

function configure(
  command: Command,
  hooks: ProgramHooks,
  name: string | undefined,
  commands: readonly CliCommand[],
): void {
  command
    .configureOutput({
      writeOut: (text) => {
        hooks.write(text);
      },
      // Errors become exceptions (exitOverride below); help shown on error is not wanted.
      writeErr: () => undefined,
      outputError: () => undefined,
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride((error: CommanderError) => {
      if (NOT_ERRORS.has(error.code)) throw error;
      throw usageError(error, name, commands);
    });
}

/** Commander's message in ldexp's words: `error: unknown option '--x'` → `Unknown option '--x' for ldexp plan`. */
function usageError(error: CommanderError, command: string | undefined, commands: readonly CliCommand[]): UsageError {
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = rest
    .join(' ')
    .replace(/^\(Did you mean (.*)\?\)$/, '; did you mean $1?')
    .trim();
  const unknownCommand = /^unknown command '(.*)'$/.exec(first);
  if (unknownCommand) return unknownCommandError(unknownCommand[1] ?? '', commands, suggestion);
  const unknownOption = /^unknown option '(.*)'$/.exec(first);
  if (unknownOption) {
    const where = command === undefined ? '' : ` for ldexp ${command}`;
    return new UsageError(`Unknown option '${unknownOption[1] ?? ''}'${where}${suggestion}`, command);
  }
  return new UsageError(`${first}${suggestion}`, command);
}

export function unknownCommandError(name: string, commands: readonly CliCommand[], suggestion = ''): UsageError {
  const list = commands.map((c) => c.name).join(', ');
  return new UsageError(`unknown command "${name}"; expected one of: ${list}${suggestion}`);
}
