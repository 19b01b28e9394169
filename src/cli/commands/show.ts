/**
 * `ldexp show PLANFILE`: render a saved plan, as `terraform show` does. Reads nothing from
 * LaunchDarkly and needs no token; the file is checked as apply checks it, so a plan that was
 * edited after it was made is reported, not shown as if it were the reviewed one.
 */
import type { CliCommand } from '../command.js';
import { lazyRun } from '../command.js';
import { jsonOption, markdownOption, noColorOption, verboseOption } from '../options.js';

export const showSpec: CliCommand = {
  name: 'show',
  summary: 'render a saved plan (no token, nothing read from LaunchDarkly)',
  description:
    'Render a plan saved with plan --out, as text, JSON or Markdown. The file is checked as apply --plan checks it (format version, schema, hash): an edited plan is refused. Nothing is read from LaunchDarkly.',
  arguments: [{ syntax: '<planfile>', description: 'a plan saved with ldexp plan --out', field: 'planFile' }],
  options: [
    jsonOption('print the plan file, normalized (schemas/plan.schema.json)'),
    markdownOption('print the plan as Markdown, as posted on pull requests'),
    noColorOption,
    verboseOption('also show unchanged resources, request bodies and dependencies'),
  ],
  examples: [
    'ldexp show plan.json',
    'ldexp show plan.json --verbose   # with request bodies',
    'ldexp show plan.json --markdown > plan.md',
  ],
  run: lazyRun(async () => (await import('./show-run.js')).showCommand),
};
