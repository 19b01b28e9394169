/**
 * Static shell completion scripts made from the commander program, so they list exactly the
 * commands and options the parser accepts. Commander has no completion of its own.
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionShape {
  /** `-o`, `--out`. */
  flags: string[];
  description: string;
  /** none: a switch; file: completes file names; text: a free value. */
  value: 'none' | 'file' | 'text';
}

interface CommandShape {
  name: string;
  summary: string;
  options: OptionShape[];
  /** What a positional argument completes to. */
  operand: { kind: 'none' } | { kind: 'files' } | { kind: 'choices'; choices: string[] };
}

const HELP_OPTION: OptionShape = { flags: ['-h', '--help'], description: 'show help', value: 'none' };

function optionShape(option: Option): OptionShape {
  const flags = [option.short, option.long].filter((flag): flag is string => flag !== undefined);
  const takesValue = option.required || option.optional;
  const value = !takesValue ? 'none' : /<file>/.test(option.flags) ? 'file' : 'text';
  return { flags, description: option.description, value };
}

function commandShape(command: Command): CommandShape {
  const [argument] = command.registeredArguments;
  const operand: CommandShape['operand'] =
    argument === undefined
      ? { kind: 'none' }
      : argument.argChoices
        ? { kind: 'choices', choices: [...argument.argChoices] }
        : { kind: 'files' };
  return {
    name: command.name(),
    summary: command.summary() || command.description(),
    options: [...command.options.filter((option) => !option.hidden).map(optionShape), HELP_OPTION],
    operand,
  };
}

export function completionScript(program: Command, shell: Shell): string {
  const commands = program.commands.map(commandShape);
  const global = [...program.options.map(optionShape), HELP_OPTION];
  return shell === 'bash' ? bashScript(program.name(), commands, global) : zshScript(program.name(), commands);
}

const words = (options: OptionShape[], value?: OptionShape['value']): string =>
  options
    .filter((option) => value === undefined || option.value === value)
    .flatMap((option) => option.flags)
    .join(' ');

function bashScript(name: string, commands: CommandShape[], global: OptionShape[]): string {
  const fn = `_${name}_completion`;
  const cases = commands.map((command) => {
    const fileValued = words(command.options, 'file');
    const textValued = words(command.options, 'text');
    const operand =
      command.operand.kind === 'files'
        ? 'COMPREPLY=($(compgen -f -- "$cur"))'
        : command.operand.kind === 'choices'
          ? `COMPREPLY=($(compgen -W "${command.operand.choices.join(' ')}" -- "$cur"))`
          : 'COMPREPLY=()';
    return [
      `    ${command.name})`,
      ...(fileValued
        ? [
            `      case "$prev" in ${fileValued.replaceAll(' ', '|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;; esac`,
          ]
        : []),
      ...(textValued ? [`      case "$prev" in ${textValued.replaceAll(' ', '|')}) COMPREPLY=(); return ;; esac`] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(command.options)}" -- "$cur")); else ${operand}; fi`,
      '      ;;',
    ].join('\n');
  });
  return `# bash completion for ${name}. Load it with:  source <(${name} completion bash)
# or install it:  ${name} completion bash > ~/.local/share/bash-completion/completions/${name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ "\${COMP_WORDS[i]}" != -* ]]; then command="\${COMP_WORDS[i]}"; break; fi
  done
  case "$command" in
    "") COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} ${words(global)}" -- "$cur")) ;;
${cases.join('\n')}
    *) COMPREPLY=() ;;
  esac
}
complete -o default -F ${fn} ${name}
`;
}

/** zsh `_arguments` specs cannot hold unbalanced brackets, colons or single quotes in descriptions. */
function zshText(text: string): string {
  return (text.split(' (')[0] ?? text).replace(/[[\]:'\\]/g, ' ').trim();
}

function zshOption(option: OptionShape): string {
  const description = zshText(option.description);
  const action = option.value === 'file' ? ':file:_files' : option.value === 'text' ? ':value: ' : '';
  if (option.flags.length === 1) return `'${option.flags[0] ?? ''}[${description}]${action}'`;
  const group = option.flags.join(' ');
  return `'(${group})'{${option.flags.join(',')}}'[${description}]${action}'`;
}

function zshScript(name: string, commands: CommandShape[]): string {
  const list = commands.map((command) => `    '${command.name}:${zshText(command.summary)}'`).join('\n');
  const cases = commands.map((command) => {
    const operand =
      command.operand.kind === 'files'
        ? ` '*:file:_files'`
        : command.operand.kind === 'choices'
          ? ` '1:value:(${command.operand.choices.join(' ')})'`
          : '';
    const specs = command.options.map(zshOption).join(' ');
    return `    ${command.name}) _arguments -s ${specs}${operand} ;;`;
  });
  return `#compdef ${name}
# zsh completion for ${name}. Load it with:  source <(${name} completion zsh)
# or install it as _${name} in a folder of your $fpath.
_${name}() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands '${name} command' commands
    return
  fi
  local command="$words[2]"
  shift words
  (( CURRENT-- ))
  case "$command" in
${cases.join('\n')}
  esac
}
if [[ "$funcstack[1]" == "_${name}" ]]; then _${name} "$@"; else compdef _${name} ${name}; fi
`;
}
