/** `ldexp emulator`: serve the LaunchDarkly API emulator on 127.0.0.1 until interrupted. */
import type { CliCommand } from '../command.js';
import { lazyRun } from '../command.js';
import { portOption, seedOption, tokenOption } from '../options.js';

export const emulatorSpec: CliCommand = {
  name: 'emulator',
  summary: 'serve the LaunchDarkly API emulator on 127.0.0.1 until interrupted',
  description:
    "Serve an in-memory LaunchDarkly API on 127.0.0.1 that behaves as the official OpenAPI document describes, seeded from a file. Point ldexp at it with LD_API_URL. Latency, rate limits and faults come from the seed's `conditions:` key or from the file named by LDEXP_EMULATOR_CONDITIONS (docs/emulator.md). Stops on Ctrl-C.",
  arguments: [],
  options: [portOption, seedOption, tokenOption],
  examples: [
    'ldexp emulator --port 8765',
    'LD_API_URL=http://127.0.0.1:8765 LD_API_TOKEN=any ldexp plan examples/manifests',
  ],
  run: lazyRun(async () => (await import('./emulator-run.js')).emulatorCommand),
};
