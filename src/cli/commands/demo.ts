/** `ldexp demo`: the built-in emulator seeded from examples/, then plan → apply → plan. */
import type { CliCommand } from '../command.js';
import { lazyRun } from '../command.js';
import { concurrencyOption, noColorOption, readConcurrencyOption, timeoutOption, verboseOption } from '../options.js';

export const demoSpec: CliCommand = {
  name: 'demo',
  summary: 'plan → apply → plan against the built-in emulator (no account needed)',
  description:
    'Start the built-in emulator seeded with examples/emulator-seed.yaml, then plan, apply and plan again examples/manifests: the last plan says "No changes".',
  arguments: [],
  options: [concurrencyOption, readConcurrencyOption, timeoutOption, noColorOption, verboseOption()],
  examples: ['ldexp demo', 'ldexp demo --verbose   # every HTTP request'],
  run: lazyRun(async () => (await import('./demo-run.js')).demoCommand),
};
