/** `ldexp emulator`: serve the LaunchDarkly API emulator on 127.0.0.1 until interrupted. */
import { describeConditions, loadConditions, loadSeed, startEmulator } from '../../emulator/index.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-code.js';
import { examplesPath } from './paths.js';

export async function emulatorCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const seedFile = line.seed ?? examplesPath('emulator-seed.yaml');
  const seed = await loadSeed(seedFile);
  // Conditions come from the seed's `conditions:` key, or wholly from the file this names.
  const conditionsFile = io.env.LDEXP_EMULATOR_CONDITIONS;
  const conditions = conditionsFile ? await loadConditions(conditionsFile) : seed.conditions;
  const emulator = await startEmulator({
    seed,
    port: line.port,
    ...(line.token !== undefined ? { token: line.token } : {}),
    ...(conditions !== undefined ? { conditions } : {}),
  });
  io.stdout.write(`LaunchDarkly API emulator listening on ${emulator.url} (seed: ${seedFile})\n`);
  io.stdout.write(
    `Conditions: ${describeConditions(conditions)}${conditionsFile ? ` (from ${conditionsFile})` : ''}\n`,
  );
  io.stdout.write(`Try: LD_API_URL=${emulator.url} LD_API_TOKEN=any ldexp plan examples/manifests\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return EXIT_OK;
}
