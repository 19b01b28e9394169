/** `ldexp demo`: the built-in emulator seeded from examples/, then plan → apply → plan. */
import { loadSeed, startEmulator } from '../../emulator/index.js';
import type { CliCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';
import { concurrencyOption, noColorOption, readConcurrencyOption, timeoutOption, verboseOption } from '../options.js';
import { applyCommand } from './apply.js';
import { planAndShow } from './plan.js';
import { examplesPath } from './paths.js';

export async function demoCommand(context: CommandContext): Promise<number> {
  const { io } = context;
  const emulator = await startEmulator({ seed: await loadSeed(examplesPath('emulator-seed.yaml')) });
  try {
    const demo: CommandContext = {
      ...context,
      line: { ...context.line, paths: [examplesPath('manifests')], autoApprove: true, json: false, markdown: false },
      io: { ...io, env: { ...io.env, LD_API_URL: emulator.url, LD_API_TOKEN: 'demo-token' } },
    };
    io.stdout.write(
      `ldexp demo: a LaunchDarkly API emulator is running at ${emulator.url}, seeded with examples/emulator-seed.yaml\n`,
    );
    io.stdout.write('It already holds some experiments that differ from examples/manifests.\n\n');

    io.stdout.write('━━ 1. ldexp plan examples/manifests ━━\n');
    if (!(await planAndShow(demo))) return EXIT_ERROR;

    io.stdout.write('\n━━ 2. ldexp apply --auto-approve examples/manifests ━━\n');
    const applied = await applyCommand(demo);
    if (applied !== EXIT_OK) return applied;

    io.stdout.write('\n━━ 3. ldexp plan examples/manifests (again) ━━\n');
    const after = await planAndShow(demo);
    const writes = emulator.requests.filter((entry) => entry.method !== 'GET').length;
    io.stdout.write(
      `\nThe emulator received ${String(emulator.requests.length)} requests (${String(writes)} writes).\n`,
    );
    return after && after.steps.length === 0 ? EXIT_OK : EXIT_ERROR;
  } finally {
    await emulator.close();
  }
}

export const demoSpec: CliCommand = {
  name: 'demo',
  summary: 'plan → apply → plan against the built-in emulator (no account needed)',
  description:
    'Start the built-in emulator seeded with examples/emulator-seed.yaml, then plan, apply and plan again examples/manifests: the last plan says "No changes".',
  arguments: [],
  options: [concurrencyOption, readConcurrencyOption, timeoutOption, noColorOption, verboseOption()],
  examples: ['ldexp demo', 'ldexp demo --verbose   # every HTTP request'],
  run: demoCommand,
};
