/**
 * Once per test run, before any test file: compile src/ into dist/lib/ when a source file is newer
 * than what it compiles to, so the few tests that spawn the real binary (bin/ldexp.js imports
 * dist/) never run stale code, whether started by `npm test` or a plain `npx vitest`. Most tests
 * run src/ itself; this costs one directory walk when dist/ is fresh.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist', 'lib');
/** tsc's incremental state: outside dist/ (which is packed), forgotten when an output is missing. */
const BUILD_INFO = join(ROOT, 'node_modules', '.cache', 'ldexp-tests', 'build.tsbuildinfo');
/** Settings that change every output file. */
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'].map((name) => join(ROOT, name));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const compiles = entry.name.endsWith('.ts') && !/\.(test|d)\.ts$/.test(entry.name);
    return compiles ? [full] : [];
  });
}

function modifiedMs(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

const compiledFile = (source: string): string => join(OUT, relative(SRC, source).replace(/\.ts$/, '.js'));

/** Source files whose compiled form is missing or older than they are (or than the settings). */
function staleSources(): string[] {
  const settings = Math.max(...CONFIGS.map((file) => modifiedMs(file) ?? 0));
  return sourceFiles(SRC).filter((file) => {
    const compiled = modifiedMs(compiledFile(file));
    return compiled === undefined || compiled < Math.max(settings, modifiedMs(file) ?? 0);
  });
}

export default function setup(): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  // Incremental tsc re-emits only changed sources: an output deleted since needs a full build.
  if (stale.some((file) => modifiedMs(compiledFile(file)) === undefined)) rmSync(BUILD_INFO, { force: true });
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT, 'tsconfig.build.json'),
      '--incremental',
      '--tsBuildInfoFile',
      BUILD_INFO,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  // tsc leaves an output alone when its source was touched but not changed: mark it current, or
  // every later run would compile again.
  const now = new Date();
  for (const file of stale) utimesSync(compiledFile(file), now, now);
}
