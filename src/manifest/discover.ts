/**
 * Where the Config document is found when the files read hold none: an `ldexp.yaml` (or
 * `ldexp.yml`) in the folder of each path given or one of its parents, up to the repository root
 * (the first folder with a `.git` entry) or the filesystem root outside a repository. So
 * `ldexp plan` works the same from any folder inside the repository.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

export const CONFIG_FILE_NAMES = ['ldexp.yaml', 'ldexp.yml'] as const;

/**
 * For each path given, the Config file candidates above it, nearest first (files already read
 * are left out: they hold no Config document, or discovery would not run). Paths that do not
 * exist have none (they are reported by the walk that reads the manifests).
 */
export async function configCandidates(
  paths: readonly string[],
  cwd: string,
  read: ReadonlySet<string>,
): Promise<string[][]> {
  return Promise.all(paths.map((given) => candidatesAbove(path.resolve(cwd, given), read)));
}

async function candidatesAbove(absolute: string, read: ReadonlySet<string>): Promise<string[]> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return [];
  let dir = info.isDirectory() ? absolute : path.dirname(absolute);
  const found: string[] = [];
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (!read.has(file) && (await isFile(file))) found.push(file);
    }
    const parent = path.dirname(dir);
    if (parent === dir || (await exists(path.join(dir, '.git')))) return found;
    dir = parent;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
