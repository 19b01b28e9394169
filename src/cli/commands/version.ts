/** `ldexp version` (also `ldexp --version` and `-V`): the package version. */
import { readFile } from 'node:fs/promises';

import type { CliCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-code.js';

export async function versionCommand(context: CommandContext): Promise<number> {
  context.io.stdout.write(`${await packageVersion()}\n`);
  return EXIT_OK;
}

/** The nearest package.json above this module: dist/lib/cli/commands/ when built, src/cli/commands/ in tests. */
async function packageVersion(): Promise<string> {
  for (const up of ['../../../../', '../../../']) {
    try {
      const text = await readFile(new URL(`${up}package.json`, import.meta.url), 'utf8');
      const { name, version } = JSON.parse(text) as { name?: string; version?: string };
      if (name === 'ldexp' && typeof version === 'string') return version;
    } catch {
      // not there: try the next level
    }
  }
  throw new Error('ldexp cannot find its own package.json');
}

export const versionSpec: CliCommand = {
  name: 'version',
  summary: 'print the ldexp version (also --version, -V)',
  arguments: [],
  options: [],
  examples: ['ldexp version', 'ldexp --version'],
  run: versionCommand,
};
