/** The Action's inputs, parsed once into a typed value; a bad input is a UsageError naming it. */
import { UsageError } from '../errors.js';
import { parseSelector } from '../manifest/selector.js';
import { DEFAULT_BASE_URL } from '../live/base-url.js';
import { DEFAULT_WRITE_CONCURRENCY } from '../live/defaults.js';
import { TARGET_PATTERN } from '../schema/allowed-targets.js';

export type ActionCommand = 'plan' | 'apply' | 'drift';

export interface ActionInputs {
  command: ActionCommand;
  paths: string[];
  project?: string;
  environment?: string;
  /** `allowed-targets`: the only targets the run may touch (narrows the Config's `allowedTargets`). */
  allowedTargets?: string[];
  /** `targets`: only the documents of these `PROJECT/ENVIRONMENT[/KEY]` (like `--target`). */
  targets?: string[];
  /** Empty when the workflow has no LaunchDarkly token (a fork's pull request). */
  apiToken: string;
  apiUrl: string;
  /** Empty when GitHub gave the job no token. */
  githubToken: string;
  comment: boolean;
  concurrency: number;
  /** `read-concurrency`: GETs in flight at once; the client's default when the input is empty. */
  readConcurrency?: number;
  /** Longest one LaunchDarkly request may take; the client's default when the input is empty. */
  timeoutSeconds?: number;
  allowUnreviewedChanges: boolean;
  /**
   * `base`: `auto` (a pull request's base commit; none on other events), `none`, or a Git ref to
   * label every change git, drift or both against.
   */
  base: string;
}

/** Reads one input by its action.yml name; returns '' when unset (like `core.getInput`). */
export type InputReader = (name: string) => string;

/**
 * Parse every input. Defaults are repeated here because action.yml defaults are applied by the
 * runner only: a test or a composite action that sets `INPUT_*` itself gets the same behaviour.
 */
export function parseInputs(read: InputReader): ActionInputs {
  const inputs: ActionInputs = {
    command: commandOf(read('command')),
    paths: pathsOf(read('paths')),
    apiToken: read('api-token').trim(),
    apiUrl: (read('api-url').trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
    githubToken: read('github-token').trim(),
    comment: booleanOf('comment', read('comment'), true),
    concurrency: concurrencyOf('concurrency', read('concurrency')) ?? DEFAULT_WRITE_CONCURRENCY,
    allowUnreviewedChanges: booleanOf('allow-unreviewed-changes', read('allow-unreviewed-changes'), false),
    base: baseOf(read('base')),
  };
  const readConcurrency = concurrencyOf('read-concurrency', read('read-concurrency'));
  if (readConcurrency !== undefined) inputs.readConcurrency = readConcurrency;
  const timeout = read('timeout').trim();
  if (timeout !== '') inputs.timeoutSeconds = timeoutOf(timeout);
  const project = read('project').trim();
  const environment = read('environment').trim();
  if (project !== '') inputs.project = project;
  if (environment !== '') inputs.environment = environment;
  const allowed = listOf(read('allowed-targets'));
  if (allowed.length > 0) inputs.allowedTargets = allowed.map(targetPatternOf);
  const targets = listOf(read('targets'));
  if (targets.length > 0) inputs.targets = targets.map(targetSelectorOf);
  return inputs;
}

function commandOf(text: string): ActionCommand {
  const value = text.trim() || 'plan';
  if (value === 'plan' || value === 'apply' || value === 'drift') return value;
  throw new UsageError(`input "command" must be "plan", "apply" or "drift", got "${value}"`);
}

function baseOf(text: string): string {
  const value = text.trim() || 'auto';
  if (value.startsWith('-')) throw new UsageError(`input "base" must be auto, none or a Git ref, got "${value}"`);
  return value;
}

function pathsOf(text: string): string[] {
  const paths = listOf(text);
  return paths.length > 0 ? paths : ['.'];
}

/** One item per line or comma-separated, as workflow authors write lists in YAML. */
function listOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function targetPatternOf(value: string): string {
  if (TARGET_PATTERN.test(value)) return value;
  throw new UsageError(
    `input "allowed-targets" expects PROJECT/ENVIRONMENT entries (or PROJECT/* for every environment), got "${value}"`,
  );
}

function targetSelectorOf(value: string): string {
  if (parseSelector(value) !== undefined) return value;
  throw new UsageError(
    `input "targets" expects PROJECT/ENVIRONMENT or PROJECT/ENVIRONMENT/KEY entries, got "${value}"`,
  );
}

/** The YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
function booleanOf(name: string, text: string, fallback: boolean): boolean {
  const value = text.trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input "${name}" must be true or false, got "${value}"`);
}

/** Requests in flight at once (writes or reads); undefined when the input is empty. */
function concurrencyOf(name: string, text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64) {
    throw new UsageError(`input "${name}" must be an integer from 1 to 64, got "${value}"`);
  }
  return number;
}

function timeoutOf(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`input "timeout" must be a number of seconds (more than 0, at most 3600), got "${value}"`);
  }
  return seconds;
}
