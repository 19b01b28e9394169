/**
 * argv → a typed command line, through commander (src/cli/program.ts): each command takes only
 * the options it declares, and `--help` is per command. Pure: help text is returned, not printed.
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';

import { UsageError } from '../errors.js';
import { parseSelector } from '../manifest/selector.js';
import { DEFAULT_WRITE_CONCURRENCY } from '../live/defaults.js';
import { TARGET_PATTERN } from '../schema/allowed-targets.js';
import { COMMANDS } from './commands/index.js';
import type { OptionValues } from './options.js';
import { buildProgram, unknownCommandError } from './program.js';

export interface CommandLine {
  /** A registered command's name, or `help` (then `helpText` is what to print). */
  command: string;
  helpText?: string;
  paths: string[];
  project?: string;
  environment?: string;
  /** `export --environment`, repeated. */
  environments?: string[];
  /** `export --include-archived`. */
  includeArchived: boolean;
  /** `export --force`: overwrite existing files. */
  force: boolean;
  /** `pull --add-missing`: write manifests for live resources no manifest describes. */
  addMissing: boolean;
  /** `--allow-target`, repeated: the targets this run may touch (see src/schema/allowed-targets.ts). */
  allowTargets?: string[];
  /** `--target`, repeated: the documents this run is limited to (see src/manifest/select.ts). */
  targets?: string[];
  concurrency: number;
  /** GETs in flight at once (`--read-concurrency`); absent: the client's default, which adapts to the rate limit. */
  readConcurrency?: number;
  /** Seconds before a LaunchDarkly request is given up (`--timeout`); absent: the client's default. */
  timeout?: number;
  color: boolean;
  verbose: boolean;
  json: boolean;
  markdown: boolean;
  out?: string;
  detailedExitcode: boolean;
  autoApprove: boolean;
  /** `apply --plan FILE`, or the file `show` renders. */
  planFile?: string;
  port: number;
  seed?: string;
  token?: string;
  /** `completion bash|zsh`. */
  shell?: string;
  /** `--base REF`: label changes against the manifests at this Git ref. */
  base?: string;
  /** `drift --format`. */
  format: 'text' | 'markdown' | 'json';
}

/** What commander saw: the command that matched, its arguments and its options. */
interface Invocation {
  command: string;
  args: unknown[];
  options: OptionValues;
}

/** Parse argv (without node and script). `env` supplies NO_COLOR; `isTty` whether stdout is a terminal. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv, isTty: boolean): CommandLine {
  return parseArgv(argv, env, isTty).line;
}

/** As parseCommandLine, also returning the commander program (completion scripts are made from it). */
export function parseArgv(
  argv: string[],
  env: NodeJS.ProcessEnv,
  isTty: boolean,
): { line: CommandLine; program: Command } {
  let invocation: Invocation | undefined;
  let helpText = '';
  const program = buildProgram(COMMANDS, {
    write: (text) => (helpText += text),
    onRun: (command, args, options) => (invocation = { command, args, options }),
  });
  const help = (text: string): { line: CommandLine; program: Command } => ({
    line: { ...lineFrom({ command: 'help', args: [], options: {} }, env, isTty), helpText: text },
    program,
  });
  try {
    // No command at all: the overview, as `ldexp --help` prints it.
    program.parse(argv.length === 0 ? ['--help'] : argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.version') return { line: lineFrom(versionInvocation, env, isTty), program };
    // Help that was asked for (`--help`, `ldexp help plan`). Commander shows help without writing
    // it out only as an error, for options given without a command.
    if (helpText !== '') return help(helpText);
    // `ldexp help frobnicate`: commander only shows the overview, as an error.
    if (argv[0] === 'help' && argv[1] !== undefined) throw unknownCommandError(argv[1], COMMANDS);
    throw new UsageError(`no command given; expected one of: ${names()}`);
  }
  // Commander either runs an action or throws through exitOverride; this is the safety net.
  if (!invocation) throw new UsageError(`no command given; expected one of: ${names()}`);
  const line = lineFrom(invocation, env, isTty);
  COMMANDS.find((c) => c.name === line.command)?.check?.(line);
  return { line, program };
}

const versionInvocation: Invocation = { command: 'version', args: [], options: {} };

function names(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}

function lineFrom(invocation: Invocation, env: NodeJS.ProcessEnv, isTty: boolean): CommandLine {
  const { options } = invocation;
  const noColor = options.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const line: CommandLine = {
    command: invocation.command,
    paths: ['.'],
    concurrency: positiveInteger(
      '--concurrency',
      options.concurrency ?? String(DEFAULT_WRITE_CONCURRENCY),
      invocation.command,
    ),
    color: !noColor && isTty,
    verbose: options.verbose === true,
    json: options.json === true,
    markdown: options.markdown === true,
    detailedExitcode: options.detailedExitcode === true,
    autoApprove: options.autoApprove === true,
    includeArchived: options.includeArchived === true,
    force: options.force === true,
    addMissing: options.addMissing === true,
    port: portNumber(options.port ?? '0', invocation.command),
    format: options.format === 'markdown' || options.format === 'json' ? options.format : 'text',
  };
  if (options.readConcurrency !== undefined) {
    line.readConcurrency = positiveInteger('--read-concurrency', options.readConcurrency, invocation.command);
  }
  if (options.base !== undefined) line.base = options.base;
  if (options.project !== undefined) line.project = options.project;
  if (Array.isArray(options.environment)) line.environments = options.environment;
  else if (options.environment !== undefined) line.environment = options.environment;
  if (options.allowTarget !== undefined) line.allowTargets = targetPatterns(options.allowTarget, invocation.command);
  if (options.target !== undefined) line.targets = targetSelectors(options.target, invocation.command);
  if (options.out !== undefined) line.out = options.out;
  if (options.plan !== undefined) line.planFile = options.plan;
  if (options.seed !== undefined) line.seed = options.seed;
  if (options.token !== undefined) line.token = options.token;
  if (options.timeout !== undefined) line.timeout = positiveSeconds(options.timeout, invocation.command);
  const declared = COMMANDS.find((c) => c.name === invocation.command)?.arguments ?? [];
  for (const [index, argument] of declared.entries()) assignArgument(line, argument.field, invocation.args[index]);
  if (line.json && line.markdown) {
    throw new UsageError('--json and --markdown cannot be used together', invocation.command);
  }
  return line;
}

function assignArgument(line: CommandLine, field: 'paths' | 'planFile' | 'shell', value: unknown): void {
  if (field === 'paths') {
    if (Array.isArray(value) && value.length > 0) line.paths = value.map(String);
  } else if (typeof value === 'string') {
    line[field] = value;
  }
}

function targetPatterns(values: readonly string[], command: string): string[] {
  for (const value of values) {
    if (!TARGET_PATTERN.test(value)) {
      throw new UsageError(
        `--allow-target expects PROJECT/ENVIRONMENT (or PROJECT/* for every environment), got "${value}"`,
        command,
      );
    }
  }
  return [...values];
}

function targetSelectors(values: readonly string[], command: string): string[] {
  for (const value of values) {
    if (parseSelector(value) === undefined) {
      throw new UsageError(`--target expects PROJECT/ENVIRONMENT or PROJECT/ENVIRONMENT/KEY, got "${value}"`, command);
    }
  }
  return [...values];
}

function positiveInteger(flag: string, text: string, command: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} expects a positive integer, got "${text}"`, command);
  }
  return value;
}

/** Up to an hour: longer is no timeout at all for a command someone waits for. */
function positiveSeconds(text: string, command: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 3600) {
    throw new UsageError(`--timeout expects a number of seconds (more than 0, at most 3600), got "${text}"`, command);
  }
  return value;
}

function portNumber(text: string, command: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UsageError(`--port expects a port number, got "${text}"`, command);
  }
  return value;
}
