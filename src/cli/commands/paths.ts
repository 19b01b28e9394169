/** Files shipped with the package (examples/), found relative to this module, wherever it is installed. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The package root: four levels above dist/lib/cli/commands/paths.js when built, three above
 * src/cli/commands/paths.ts when the tests run the CLI from source.
 */
const PACKAGE_ROOT =
  ['../../../../', '../../../']
    .map((up) => new URL(up, import.meta.url))
    .find((root) => existsSync(new URL('examples/emulator-seed.yaml', root))) ??
  new URL('../../../../', import.meta.url);

export function examplesPath(...parts: string[]): string {
  return fileURLToPath(new URL(['examples', ...parts].join('/'), PACKAGE_ROOT));
}
