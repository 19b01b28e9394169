/** argv → a typed command line. Uses node:util parseArgs; unknown flags are usage errors. */
import { parseArgs } from 'node:util';

import { UsageError } from '../errors.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'emulator', 'demo'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CommandLine {
  command: CommandName | 'help' | 'version';
  paths: string[];
  project?: string;
  environment?: string;
  concurrency: number;
  color: boolean;
  verbose: boolean;
  json: boolean;
  markdown: boolean;
  out?: string;
  detailedExitcode: boolean;
  autoApprove: boolean;
  planFile?: string;
  port: number;
  seed?: string;
  token?: string;
  timeoutSeconds?: number;
}

const OPTIONS = {
  project: { type: 'string' },
  environment: { type: 'string' },
  concurrency: { type: 'string' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  'detailed-exitcode': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  plan: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  token: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Parse argv (without node and script). `env` supplies NO_COLOR; `isTty` whether stdout is a terminal. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv, isTty: boolean): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command = commandOf(first, values.help === true, values.version === true);
  const noColor = values['no-color'] === true || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const line: CommandLine = {
    command,
    paths: rest.length > 0 ? rest : ['.'],
    concurrency: positiveInteger('--concurrency', values.concurrency ?? '4'),
    color: !noColor && isTty,
    verbose: values.verbose === true,
    json: values.json === true,
    markdown: values.markdown === true,
    detailedExitcode: values['detailed-exitcode'] === true,
    autoApprove: values['auto-approve'] === true,
    port: nonNegativeInteger('--port', values.port ?? '0'),
  };
  if (values.project !== undefined) line.project = values.project;
  if (values.environment !== undefined) line.environment = values.environment;
  if (values.out !== undefined) line.out = values.out;
  if (values.plan !== undefined) line.planFile = values.plan;
  if (values.seed !== undefined) line.seed = values.seed;
  if (values.token !== undefined) line.token = values.token;
  if (values.timeout !== undefined) line.timeoutSeconds = seconds('--timeout', values.timeout);
  if (line.json && line.markdown) throw new UsageError('--json and --markdown cannot be used together');
  return line;
}

function commandOf(word: string | undefined, help: boolean, version: boolean): CommandLine['command'] {
  if (version) return 'version';
  if (help || word === undefined || word === 'help') return 'help';
  if ((COMMANDS as readonly string[]).includes(word)) return word as CommandName;
  throw new UsageError(`unknown command "${word}"; expected one of: ${COMMANDS.join(', ')}`);
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} expects a positive integer, got "${text}"`);
  return value;
}

/** Up to an hour: longer is no timeout at all for a command someone waits for. */
function seconds(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 3600)
    throw new UsageError(`${flag} expects a number of seconds (more than 0, at most 3600), got "${text}"`);
  return value;
}

function nonNegativeInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new UsageError(`${flag} expects a port number, got "${text}"`);
  return value;
}

export const HELP = `ldexp: experiments as code for LaunchDarkly

Usage:
  ldexp validate [paths…]                 check manifests offline (no token needed)
  ldexp plan [paths…]                     show what apply would change
  ldexp apply [paths…]                    plan, confirm, apply
  ldexp apply --plan plan.json            apply a saved plan (refused if live state moved)
  ldexp emulator [--port N] [--seed F]    serve the LaunchDarkly API emulator on 127.0.0.1
  ldexp demo                              plan → apply → plan against the built-in emulator

Options:
  --project KEY, --environment KEY        default target (a Config document or metadata can set them too)
  --json | --markdown                     plan output format (JSON is the plan file format)
  -o, --out FILE                          also write the plan (JSON) to FILE
  --detailed-exitcode                     plan: exit 0 no changes, 1 error, 2 changes
  --auto-approve                          apply without asking (required when not on a terminal)
  --concurrency N                         parallel requests during apply (default 4)
  --timeout SECONDS                       longest one request may take (default 30; connecting 10)
  --no-color                              no colors (NO_COLOR is honoured too)
  -v, --verbose                           show every HTTP request

Environment:
  LD_API_TOKEN   LaunchDarkly API access token (never printed)
  LD_API_URL     API base URL (default https://app.launchdarkly.com; EU https://app.eu.launchdarkly.com,
                 federal https://app.launchdarkly.us; http:// only for 127.0.0.1/localhost)

Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode)
`;
