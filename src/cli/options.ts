/**
 * Every command-line option ldexp has, defined once. A command lists the ones it takes (see
 * `commands/*.ts`); commander then refuses any other, and prints each command's own help.
 */
import { Option } from 'commander';

import { DEFAULT_READ_CONCURRENCY, DEFAULT_WRITE_CONCURRENCY, WIDE_READ_CONCURRENCY } from '../live/defaults.js';

/** The option values commander hands over, keyed by camel-cased long name. */
export interface OptionValues {
  project?: string;
  /** A list where the option repeats (export). */
  environment?: string | string[];
  json?: boolean;
  markdown?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  autoApprove?: boolean;
  plan?: string;
  concurrency?: string;
  readConcurrency?: string;
  timeout?: string;
  color?: boolean;
  verbose?: boolean;
  port?: string;
  seed?: string;
  token?: string;
  allowTarget?: string[];
  base?: string;
  format?: string;
  target?: string[];
  includeArchived?: boolean;
  force?: boolean;
  addMissing?: boolean;
}

/** A fresh commander Option per program: commander attaches (and mutates) them. */
export type OptionFactory = () => Option;

export const projectOption: OptionFactory = () =>
  new Option(
    '--project <key>',
    "default project for documents that name none (a document's metadata wins); to run on part of a repository, use --target",
  );

export const environmentOption: OptionFactory = () =>
  new Option(
    '--environment <key>',
    "default environment for documents that name none (a document's metadata wins); to run on part of a repository, use --target",
  );

export const targetOption: OptionFactory = () =>
  new Option(
    '--target <project/environment[/key]>',
    'only the documents of this target, or this one experiment or holdout (repeatable); documents are not changed, and a target that matches none is an error',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);

export const allowTargetOption: OptionFactory = () =>
  new Option(
    '--allow-target <project/environment>',
    "only this target may be read or changed (repeatable; project/* for every environment); narrows the Config's allowedTargets, never widens it",
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);

export const jsonOption =
  (what: string): OptionFactory =>
  () =>
    new Option('--json', what);

export const markdownOption =
  (what: string): OptionFactory =>
  () =>
    new Option('--markdown', what);

export const outOption: OptionFactory = () =>
  new Option('-o, --out <file>', 'also save the plan (JSON) to FILE, for apply --plan and show');

export const detailedExitcodeOption: OptionFactory = () =>
  new Option(
    '--detailed-exitcode',
    'exit 0 when there are no changes, 1 on error, 2 when Git and LaunchDarkly differ (steps to apply, or differences that cannot be applied)',
  );

export const autoApproveOption: OptionFactory = () =>
  new Option('--auto-approve', 'apply without asking (required when there is no terminal to ask on)');

export const planFileOption: OptionFactory = () =>
  new Option(
    '--plan <file>',
    'apply this saved plan (from plan --out) exactly: refused if edited, or if what it touches changed in LaunchDarkly',
  );

export const concurrencyOption: OptionFactory = () =>
  new Option('--concurrency <n>', 'requests in flight at once during apply').default(
    String(DEFAULT_WRITE_CONCURRENCY),
    String(DEFAULT_WRITE_CONCURRENCY),
  );

export const readConcurrencyOption: OptionFactory = () =>
  new Option(
    '--read-concurrency <n>',
    `reads in flight at once while reading LaunchDarkly (default ${String(DEFAULT_READ_CONCURRENCY)}, widening to ${String(WIDE_READ_CONCURRENCY)} while its rate-limit headers show ample room; fewer when the window runs low)`,
  );

export const timeoutOption: OptionFactory = () =>
  new Option(
    '--timeout <seconds>',
    'longest one LaunchDarkly request may take, in seconds (default 30; connecting at most 10)',
  );

export const noColorOption: OptionFactory = () =>
  new Option('--no-color', 'no colors (NO_COLOR is honoured too; never colored when not on a terminal)');

export const verboseOption =
  (what = 'show every HTTP request'): OptionFactory =>
  () =>
    new Option('-v, --verbose', what);

export const portOption: OptionFactory = () =>
  new Option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)').default('0', '0');

export const seedOption: OptionFactory = () =>
  new Option('--seed <file>', 'seed file (YAML or JSON; default examples/emulator-seed.yaml)');

export const tokenOption: OptionFactory = () =>
  new Option('--token <token>', 'accept only this API token (default: any non-empty token)');

export const baseOption =
  (what: string): OptionFactory =>
  () =>
    new Option('--base <git-ref>', what);

/** The forms `ldexp drift` prints. */
export const DRIFT_FORMATS = ['text', 'markdown', 'json'] as const;

export const formatOption: OptionFactory = () =>
  new Option(
    '--format <format>',
    'text; markdown for a job summary or an issue; json for scripts (schemas/drift-report.schema.json)',
  )
    .choices(DRIFT_FORMATS)
    .default('text');
export const exportProjectOption: OptionFactory = () =>
  new Option('--project <key>', 'the project to export (required)').makeOptionMandatory();

export const exportEnvironmentOption: OptionFactory = () =>
  new Option(
    '--environment <key>',
    'an environment to export (repeatable; default: every environment of the project)',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);

export const outDirOption: OptionFactory = () =>
  new Option(
    '-o, --out <dir>',
    'folder to write the manifests into (created when missing; default: the current folder)',
  );

export const includeArchivedOption: OptionFactory = () =>
  new Option('--include-archived', 'also export archived experiments (left out by default)');

export const forceOption: OptionFactory = () =>
  new Option('--force', 'overwrite files that already exist (without it, nothing is written when any exists)');

export const addMissingOption: OptionFactory = () =>
  new Option(
    '--add-missing',
    'also write a new manifest for each live experiment or holdout of the targets that no manifest describes',
  );

export const pullOutOption: OptionFactory = () =>
  new Option(
    '-o, --out <dir>',
    'with --add-missing: folder for the new files (default: the first folder given, else the current folder)',
  );
