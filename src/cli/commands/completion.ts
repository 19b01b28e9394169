/** `ldexp completion bash|zsh`: print a shell completion script for ldexp. */
import type { CliCommand } from '../command.js';
import { SHELLS, completionScript } from '../completion.js';
import type { Shell } from '../completion.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-code.js';

export async function completionCommand(context: CommandContext): Promise<number> {
  // commander already refused any other shell (the argument's choices).
  context.io.stdout.write(completionScript(context.program, (context.line.shell ?? 'bash') as Shell));
  return Promise.resolve(EXIT_OK);
}

export const completionSpec: CliCommand = {
  name: 'completion',
  summary: 'print a shell completion script (bash or zsh)',
  description: 'Print a completion script for the commands and options of this ldexp, for bash or zsh.',
  arguments: [{ syntax: '<shell>', description: 'bash or zsh', field: 'shell', choices: SHELLS }],
  options: [],
  examples: [
    'source <(ldexp completion bash)                                  # this shell only',
    'ldexp completion bash > ~/.local/share/bash-completion/completions/ldexp',
    'ldexp completion zsh > "${fpath[1]}/_ldexp"',
  ],
  run: completionCommand,
};
