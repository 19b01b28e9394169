/** `ldexp emulator`: serve the LaunchDarkly API emulator on 127.0.0.1 until interrupted. */
import path from 'node:path';

import { describeConditions, loadConditions, loadSeed, startEmulator } from '../../emulator/index.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-code.js';
import type { InterruptSignal, InterruptSource } from '../interrupt.js';
import { examplesPath } from './paths.js';

const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

export async function emulatorCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const seedFile = line.seed ?? examplesPath('emulator-seed.yaml');
  const seed = await loadSeed(path.resolve(io.cwd, seedFile));
  // Conditions come from the seed's `conditions:` key, or wholly from the file this names.
  const conditionsFile = io.env.LDEXP_EMULATOR_CONDITIONS;
  const conditions = conditionsFile ? await loadConditions(path.resolve(io.cwd, conditionsFile)) : seed.conditions;
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
  await untilInterrupted(io.interrupts);
  await emulator.close();
  return EXIT_OK;
}

/** Resolves on the first Ctrl-C or SIGTERM; never without an interrupt source (nothing can stop it). */
function untilInterrupted(source: InterruptSource | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!source) return;
    const stop = (): void => {
      for (const signal of SIGNALS) source.off(signal, stop);
      resolve();
    };
    for (const signal of SIGNALS) source.on(signal, stop);
  });
}
