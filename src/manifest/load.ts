/**
 * The I/O shell of manifest loading: find the YAML files and read them, then hand them to the pure
 * parse and validate stages (with the validators generated from the JSON Schemas at build time).
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

import pLimit from 'p-limit';

import { FileError } from '../errors.js';
import { kindOf, readUserText, statOf } from '../files.js';
import { manifestValidators, sortProblems, validateDocuments } from '../schema/index.js';
import type { CompiledSchemas } from '../schema/index.js';
import type { Problem } from '../types.js';
import { parseManifestText } from './parse.js';
import type { ManifestSet, ParsedDocument, RunScope, TargetDefaults } from './types.js';
import { appendAll } from './append.js';

export interface LoadOptions {
  /** Base for relative paths, and what file names in problems are relative to (default: process.cwd()). */
  cwd?: string;
  /** Compiled schemas (default: the validators generated from `schemas/` at build time). */
  schemas?: CompiledSchemas;
}

const MANIFEST_FILE = /\.ya?ml$/i;

/** Files read at once: enough to overlap file-system latency, few enough to stay far below fd limits. */
const READ_CONCURRENCY = 32;

/** Read every manifest under `paths` (files or folders, recursively) and validate them together. */
export async function loadManifests(
  paths: readonly string[],
  defaults: TargetDefaults,
  options: LoadOptions = {},
): Promise<{ manifests: ManifestSet; problems: Problem[] }> {
  const cwd = options.cwd ?? process.cwd();
  const { files, problems } = await findManifestFiles(paths, cwd);
  const documents: ParsedDocument[] = [];
  const names = files.map((file) => displayName(file, cwd));
  const limit = pLimit(READ_CONCURRENCY);
  const texts = await Promise.all(
    files.map((file, index) => limit(() => readText(file, names[index] ?? file, problems))),
  );
  // Parsed in file order, so documents (and duplicate-key reports) do not depend on read timing.
  for (const [index, file] of files.entries()) {
    const name = names[index] ?? file;
    const text = texts[index];
    if (text === undefined) continue;
    const parsed = parseManifestText(name, text);
    appendAll(documents, parsed.documents);
    appendAll(problems, parsed.problems);
  }
  if (documents.length === 0 && files.length > 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(noDocuments(paths, names));
  }
  const schemas = options.schemas ?? (await loadSchemas());
  const result = validateDocuments(documents, defaults, schemas);
  const configFile = files[names.indexOf(result.manifests.config.file ?? '')];
  return {
    manifests: { ...result.manifests, files: names, scope: await runScope(configFile, files, cwd) },
    problems: sortProblems([...problems, ...result.problems]),
  };
}

/** Files were found but none holds a document: planning would say "No changes" about nothing. */
function noDocuments(paths: readonly string[], names: readonly string[]): Problem {
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return {
    severity: 'error',
    code: 'NoManifestDocuments',
    message: `no manifest documents under ${paths.join(', ')}: the ${names.length === 1 ? 'only YAML file' : `${String(names.length)} YAML files`} (${shown}) ${names.length === 1 ? 'is empty or holds' : 'are empty or hold'} only comments`,
  };
}

/**
 * How much of the managed set (every manifest under the Config document's folder) the files read
 * are. Without a Config there is no managed set to prune, so nothing narrows the run.
 */
async function runScope(configFile: string | undefined, files: readonly string[], cwd: string): Promise<RunScope> {
  if (configFile === undefined) return { limits: [] };
  const folder = path.dirname(configFile);
  const read = new Set(files);
  // Problems of this second walk were reported by the run's own walk, or concern files it left out.
  const managed = (await findManifestFiles([folder], cwd)).files;
  const unread = managed.filter((file) => !read.has(file)).sort();
  const configFolder = path.relative(cwd, folder) === '' ? '.' : displayName(folder, cwd);
  if (unread.length === 0) return { configFolder, limits: [] };
  return { configFolder, limits: [{ kind: 'unreadFiles', files: unread.map((file) => displayName(file, cwd)) }] };
}

/**
 * Absolute paths of every manifest file, sorted and without repeats (a file reached through two
 * symlinks is read once), plus path problems. Symlinked files and folders are followed; a folder
 * link that leads back into its own ancestry is a `SymlinkLoop` problem, not an endless walk.
 */
export async function findManifestFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: string[]; problems: Problem[] }> {
  const walker = new Walker(cwd);
  for (const given of paths) await walker.visitGiven(given);
  const files = walker.files();
  if (files.length === 0) {
    const where = paths.length > 0 ? paths.join(', ') : '(no paths given)';
    walker.problems.push({
      severity: 'error',
      code: 'NoManifests',
      message: `no *.yaml or *.yml files found under ${where}`,
    });
  }
  return { files, problems: walker.problems };
}

class Walker {
  readonly problems: Problem[] = [];
  /** real path → the first path it was found at. */
  private readonly found = new Map<string, string>();

  constructor(private readonly cwd: string) {}

  files(): string[] {
    return [...this.found.values()].sort();
  }

  async visitGiven(given: string): Promise<void> {
    const absolute = path.resolve(this.cwd, given);
    const info = await this.statOrReport(absolute, given);
    if (info === 'reported') return;
    if (info === 'absent') {
      this.report('PathNotFound', `path not found: ${given}`);
    } else if (info.isDirectory()) {
      await this.walk(absolute, new Set([await realpath(absolute)]));
    } else if (info.isFile()) {
      // A file named explicitly is read whatever its extension.
      await this.add(absolute);
    } else {
      this.report('NotAFile', `${given} is ${kindOf(info)}, not a manifest file or folder`);
    }
  }

  // Hidden folders (.git, .github workflows) and node_modules never hold manifests but often hold YAML.
  private async walk(dir: string, ancestors: ReadonlySet<string>): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.report('FileUnreadable', `cannot read folder ${this.shown(dir)}: ${reason(error)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      await this.visitEntry(path.join(dir, entry.name), entry, ancestors);
    }
  }

  private async visitEntry(full: string, entry: Dirent, ancestors: ReadonlySet<string>): Promise<void> {
    const isManifestName = MANIFEST_FILE.test(entry.name);
    let info: Pick<Dirent, 'isDirectory' | 'isFile'> = entry;
    if (entry.isSymbolicLink()) {
      const target = await this.statOrReport(full, this.shown(full));
      if (target === 'reported') return;
      if (target === 'absent') {
        // A broken link could have been a folder or anything else; only a manifest's name tells us it matters.
        if (isManifestName) this.report('FileNotFound', `${this.shown(full)} is a broken symbolic link`);
        return;
      }
      info = target;
    }
    if (info.isDirectory()) {
      const real = await realpath(full);
      if (ancestors.has(real)) {
        this.report('SymlinkLoop', `${this.shown(full)} links back to a folder that contains it; not followed`);
        return;
      }
      await this.walk(full, new Set([...ancestors, real]));
    } else if (isManifestName) {
      if (info.isFile()) await this.add(full);
      else this.report('NotAFile', `${this.shown(full)} is not a regular file (a FIFO, socket or device); not read`);
    }
  }

  private async add(file: string): Promise<void> {
    const real = await realpath(file);
    const previous = this.found.get(real);
    if (previous === undefined || file < previous) this.found.set(real, file);
  }

  /** The stat of a path (symlinks followed); a loop or an unreadable path becomes a problem here. */
  private async statOrReport(file: string, shown: string): Promise<Stats | 'absent' | 'reported'> {
    try {
      return (await statOf(file, shown)) ?? 'absent';
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      this.problems.push(fileProblem(error));
      return 'reported';
    }
  }

  private report(code: string, message: string): void {
    this.problems.push({ severity: 'error', code, message });
  }

  private shown(file: string): string {
    return displayName(file, this.cwd);
  }
}

async function readText(file: string, name: string, problems: Problem[]): Promise<string | undefined> {
  try {
    return await readUserText(file, name);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    problems.push(fileProblem(error));
    return undefined;
  }
}

/** A FileError as a problem of the run; a decoding error points at its line and column. */
function fileProblem(error: FileError): Problem {
  const problem: Problem = { severity: 'error', code: error.code, message: error.message };
  if (error.position) problem.position = { file: error.path, ...error.position };
  return problem;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Relative to cwd with forward slashes when inside it (what CI annotations expect), else absolute. */
function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}

/** The manifest validators, generated from the package's `schemas/` folder when ldexp was built. */
export function loadSchemas(): Promise<CompiledSchemas> {
  return Promise.resolve(manifestValidators);
}
