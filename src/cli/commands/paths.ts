/** Files shipped with the package (examples/), found relative to this module, wherever it is installed. */
import { fileURLToPath } from 'node:url';

/** dist/lib/cli/commands/paths.js → package root. */
const PACKAGE_ROOT = new URL('../../../../', import.meta.url);

export function examplesPath(...parts: string[]): string {
  return fileURLToPath(new URL(['examples', ...parts].join('/'), PACKAGE_ROOT));
}
