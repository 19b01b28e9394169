/** What a command declares: commander builds its parser and its `--help` from this, run-cli runs it. */
import type { CommandLine } from './args.js';
import type { CommandContext } from './context.js';
import type { OptionFactory } from './options.js';

export interface CommandArgument {
  /** commander syntax: `[paths...]` (optional, variadic), `<planfile>` (required). */
  syntax: string;
  description: string;
  /** The command-line field that receives the value. */
  field: keyof Pick<CommandLine, 'paths' | 'planFile' | 'shell'>;
  choices?: readonly string[];
}

export interface CliCommand {
  name: string;
  /** One line for `ldexp --help`. */
  summary: string;
  /** Longer text for `ldexp <command> --help`; the summary when absent. */
  description?: string;
  arguments: readonly CommandArgument[];
  /** The only options the command takes; any other is a usage error. */
  options: readonly OptionFactory[];
  /** `ldexp …` lines shown under "Examples:" in the command's help. */
  examples: readonly string[];
  /** Checks between options that commander cannot express; throw UsageError. */
  check?(line: CommandLine): void;
  run(context: CommandContext): Promise<number>;
}

export const PATHS_ARGUMENT: CommandArgument = {
  syntax: '[paths...]',
  description: 'manifest files or folders, searched for *.yaml and *.yml (default: the current folder)',
  field: 'paths',
};

/**
 * A run function that imports its command's module only when the command runs: `--help`,
 * `--version` and parsing need only the specs, and loading every stage cost ~300 ms per start.
 */
export function lazyRun(load: () => Promise<(context: CommandContext) => Promise<number>>): CliCommand['run'] {
  return async (context) => (await load())(context);
}
