/** What every command shares: the parsed command line, IO, and the connection settings. */
import type { Command } from 'commander';

import { UsageError } from '../errors.js';
import type { TargetDefaults } from '../manifest/types.js';
import { DEFAULT_BASE_URL } from '../live/base-url.js';
import type { ConnectionOptions } from '../pipeline.js';
import type { CommandLine } from './args.js';
import type { CliIo } from './io.js';
import { createProgressReporter } from './progress.js';

export interface CommandContext {
  line: CommandLine;
  io: CliIo;
  /** The parsed program: what `ldexp completion` describes. */
  program: Command;
}

/** Token and base URL from the environment; the token is required for anything that talks to LaunchDarkly. */
export function connectionFrom(context: CommandContext): ConnectionOptions & { done(): void } {
  const token = context.io.env.LD_API_TOKEN;
  if (token === undefined || token.trim() === '') {
    throw new UsageError(
      'LD_API_TOKEN is not set: create an API access token in LaunchDarkly (Account settings → Authorization) and export it',
    );
  }
  const baseUrl = baseUrlFrom(context.io.env);
  const reporter = createProgressReporter(context.io.stderr, { verbose: context.line.verbose });
  return {
    baseUrl,
    token,
    concurrency: context.line.concurrency,
    ...(context.line.readConcurrency !== undefined ? { readConcurrency: context.line.readConcurrency } : {}),
    ...(context.line.timeout !== undefined ? { timeoutMs: context.line.timeout * 1000 } : {}),
    reporter,
    done: () => {
      reporter.done();
    },
  };
}

/** LD_API_URL without trailing slashes, or LaunchDarkly's default instance. */
export function baseUrlFrom(env: NodeJS.ProcessEnv): string {
  return (env.LD_API_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export function targetDefaults(line: CommandLine): TargetDefaults {
  return {
    ...(line.project !== undefined ? { project: line.project } : {}),
    ...(line.environment !== undefined ? { environment: line.environment } : {}),
    ...(line.allowTargets !== undefined ? { allowedTargets: line.allowTargets } : {}),
    ...(line.targets !== undefined ? { targets: line.targets } : {}),
  };
}
