/**
 * The I/O shell of manifest loading: find the YAML files and read them, then hand them to the pure
 * parse and validate stages (with the validators generated from the JSON Schemas at build time).
 */
import { readdirSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

import { FileError } from '../errors.js';
import { kindOf, readUserText, statOfSync } from '../files.js';
import { manifestValidators, sortProblems, validateDocuments } from '../schema/index.js';
import type { CompiledSchemas } from '../schema/index.js';
import type { Problem } from '../types.js';
import picomatch from 'picomatch';

import { isLdexpDocument } from '../schema/check.js';
import { parseManifestText } from './parse.js';
import type { ManifestSet, ParsedDocument, RunScope, TargetDefaults } from './types.js';
import { appendAll } from './append.js';
import { configCandidates } from './discover.js';
import { parseSelector, selectTargets } from './select.js';
import type { TargetSelector } from './select.js';

export interface LoadOptions {
  /** Base for relative paths, and what file names in problems are relative to (default: process.cwd()). */
  cwd?: string;
  /** Compiled schemas (default: the validators generated from `schemas/` at build time). */
  schemas?: CompiledSchemas;
}

const MANIFEST_FILE = /\.ya?ml$/i;

/** Read every manifest under `paths` (files or folders, recursively) and validate them together. */
export async function loadManifests(
  paths: readonly string[],
  defaults: TargetDefaults,
  options: LoadOptions = {},
): Promise<{ manifests: ManifestSet; problems: Problem[] }> {
  const cwd = options.cwd ?? process.cwd();
  const found = await findManifestFiles(paths, cwd);
  const problems = found.problems;
  const read = await readAll(found.files, cwd, problems);
  const discovered = await discoverConfig(paths, cwd, read, problems);
  const config = discovered ?? ownConfig(read);
  const excluded = excludedBy(config);
  const kept = read.filter((file) => !excluded(file.absolute));
  const keptProblems = problems.filter((p) => !read.some((f) => f.name === p.position?.file && excluded(f.absolute)));
  const documents = kept.flatMap((file) => file.documents);
  // A Config found above the paths is not something the paths hold.
  const given = kept.filter((file) => file !== discovered);
  if (!given.some((file) => file.documents.some((d) => isLdexpDocument(d.data))) && given.length > 0) {
    if (!hasError(keptProblems)) keptProblems.push(noDocuments(paths, given));
  }
  const schemas = options.schemas ?? (await loadSchemas());
  const result = validateDocuments(documents, defaults, schemas);
  const names = kept.map((file) => file.name);
  const scope = await runScope(config?.absolute, kept, excluded, cwd);
  const selected = selectTargets({ ...result.manifests, files: names, scope }, selectorsOf(defaults));
  return {
    manifests: selected.manifests,
    problems: sortProblems([...keptProblems, ...result.problems, ...selected.problems]),
  };
}

/** One file read: its absolute path, its name in problems, and its documents. */
interface ReadFile {
  absolute: string;
  name: string;
  documents: ParsedDocument[];
}

/**
 * Read and parse every file, one after another in file order: reads of local files are synchronous
 * (see readUserText), so nothing would overlap, and documents (and duplicate-key reports) come out
 * in a stable order.
 */
async function readAll(files: readonly string[], cwd: string, problems: Problem[]): Promise<ReadFile[]> {
  const out: ReadFile[] = [];
  for (const absolute of files) {
    const name = displayName(absolute, cwd);
    const text = await readText(absolute, name, problems);
    if (text === undefined) continue;
    const parsed = parseManifestText(name, text);
    appendAll(problems, parsed.problems);
    out.push({ absolute, name, documents: parsed.documents });
  }
  return out;
}

function isConfigDocument(doc: ParsedDocument): boolean {
  return isLdexpDocument(doc.data) && (doc.data as { kind?: unknown }).kind === 'Config';
}

/** The file of the first Config document among the files read (validation reports any second one). */
function ownConfig(read: readonly ReadFile[]): ReadFile | undefined {
  return read.find((file) => file.documents.some(isConfigDocument));
}

/**
 * Without a Config document among the files read, the nearest `ldexp.yaml` above the paths that
 * holds one (src/manifest/discover.ts). Only its Config document joins the run. Paths that find
 * different Config files are an error: the run would not know whose defaults and pruning to use.
 */
async function discoverConfig(
  paths: readonly string[],
  cwd: string,
  read: ReadFile[],
  problems: Problem[],
): Promise<ReadFile | undefined> {
  if (ownConfig(read)) return undefined;
  const candidates = await configCandidates(paths, cwd, new Set(read.map((file) => file.absolute)));
  const parsed = new Map<string, ReadFile | undefined>();
  const chosen: ReadFile[] = [];
  for (const list of candidates) {
    for (const absolute of list) {
      if (!parsed.has(absolute)) parsed.set(absolute, await readConfigFile(absolute, cwd, problems));
      const file = parsed.get(absolute);
      if (!file) continue;
      if (!chosen.includes(file)) chosen.push(file);
      break;
    }
  }
  const [first, ...others] = chosen;
  if (others.length > 0) {
    problems.push({
      severity: 'error',
      code: 'ConfigConflict',
      message: `the paths given find different Config files (${chosen.map((f) => f.name).join(', ')}); run ldexp on each separately, or give one folder that holds them all`,
    });
    return undefined;
  }
  if (first) read.push(first);
  return first;
}

/** A discovered Config file with only its Config documents, or undefined when it holds none. */
async function readConfigFile(absolute: string, cwd: string, problems: Problem[]): Promise<ReadFile | undefined> {
  const name = displayName(absolute, cwd);
  const text = await readText(absolute, name, problems);
  if (text === undefined) return undefined;
  const parsed = parseManifestText(name, text);
  const documents = parsed.documents.filter(isConfigDocument);
  if (documents.length === 0) return undefined;
  appendAll(problems, parsed.problems);
  return { absolute, name, documents };
}

/** The Config's `exclude` globs as a test on absolute paths (relative to the Config's folder); the Config's own file is never excluded. */
function excludedBy(config: ReadFile | undefined): (file: string) => boolean {
  const patterns = config?.documents.flatMap((doc) => {
    const exclude = (doc.data as { exclude?: unknown }).exclude;
    return Array.isArray(exclude) ? exclude.filter((p): p is string => typeof p === 'string' && p !== '') : [];
  });
  if (!config || !patterns || patterns.length === 0) return () => false;
  const folder = path.dirname(config.absolute);
  const match = picomatch(patterns, { dot: true });
  return (file) => {
    if (file === config.absolute) return false;
    const relative = path.relative(folder, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
    return match(relative.split(path.sep).join('/'));
  };
}

function selectorsOf(defaults: TargetDefaults): TargetSelector[] {
  return (defaults.targets ?? []).flatMap((text) => parseSelector(text) ?? []);
}

function hasError(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Files were found but none holds an ldexp document: planning would say "No changes" about nothing. */
function noDocuments(paths: readonly string[], files: readonly ReadFile[]): Problem {
  const names = files.map((file) => file.name);
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  const one = names.length === 1;
  const [is, holds] = one ? ['is', 'holds'] : ['are', 'hold'];
  const what = files.some((file) => file.documents.length > 0)
    ? `${holds} no ldexp document (documents of another apiVersion are skipped)`
    : `${is} empty or ${holds} only comments`;
  return {
    severity: 'error',
    code: 'NoManifestDocuments',
    message: `no manifest documents under ${paths.join(', ')}: the ${one ? 'only YAML file' : `${String(names.length)} YAML files`} (${shown}) ${what}`,
  };
}

/**
 * How much of the managed set (every manifest under the Config document's folder, but the
 * excluded files) the files read are. Without a Config there is no managed set to prune, so
 * nothing narrows the run.
 */
async function runScope(
  configFile: string | undefined,
  read: readonly ReadFile[],
  excluded: (file: string) => boolean,
  cwd: string,
): Promise<RunScope> {
  if (configFile === undefined) return { limits: [] };
  const folder = path.dirname(configFile);
  const seen = new Set(read.map((file) => file.absolute));
  // Problems of this second walk were reported by the run's own walk, or concern files it left out.
  const managed = (await findManifestFiles([folder], cwd)).files.filter((file) => !excluded(file));
  const unread = managed.filter((file) => !seen.has(file)).sort();
  const configFolder = path.relative(cwd, folder) === '' ? '.' : displayName(folder, cwd);
  if (unread.length === 0) return { configFolder, limits: [] };
  return { configFolder, limits: [{ kind: 'unreadFiles', files: unread.map((file) => displayName(file, cwd)) }] };
}

/**
 * Absolute paths of every manifest file, sorted and without repeats (a file reached through two
 * symlinks is read once), plus path problems. Symlinked files and folders are followed; a folder
 * link that leads back into its own ancestry is a `SymlinkLoop` problem, not an endless walk.
 */
export function findManifestFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: string[]; problems: Problem[] }> {
  return Promise.resolve().then(() => walkPaths(paths, cwd));
}

function walkPaths(paths: readonly string[], cwd: string): { files: string[]; problems: Problem[] } {
  const walker = new Walker(cwd);
  for (const given of paths) walker.visitGiven(given);
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

  visitGiven(given: string): void {
    const absolute = path.resolve(this.cwd, given);
    const info = this.statOrReport(absolute, given);
    if (info === 'reported') return;
    if (info === 'absent') {
      this.report('PathNotFound', `path not found: ${given}`);
    } else if (info.isDirectory()) {
      this.walk(absolute, new Set([realpathSync(absolute)]));
    } else if (info.isFile()) {
      // A file named explicitly is read whatever its extension.
      this.add(absolute);
    } else {
      this.report('NotAFile', `${given} is ${kindOf(info)}, not a manifest file or folder`);
    }
  }

  // Hidden folders (.git, .github workflows) and node_modules never hold manifests but often hold YAML.
  // Synchronous, like the reads (see readUserText): one thread-pool round trip per file was most of a walk.
  private walk(dir: string, ancestors: ReadonlySet<string>): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.report('FileUnreadable', `cannot read folder ${this.shown(dir)}: ${reason(error)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      this.visitEntry(path.join(dir, entry.name), entry, ancestors);
    }
  }

  private visitEntry(full: string, entry: Dirent, ancestors: ReadonlySet<string>): void {
    const isManifestName = MANIFEST_FILE.test(entry.name);
    let info: Pick<Dirent, 'isDirectory' | 'isFile'> = entry;
    if (entry.isSymbolicLink()) {
      const target = this.statOrReport(full, this.shown(full));
      if (target === 'reported') return;
      if (target === 'absent') {
        // A broken link could have been a folder or anything else; only a manifest's name tells us it matters.
        if (isManifestName) this.report('FileNotFound', `${this.shown(full)} is a broken symbolic link`);
        return;
      }
      info = target;
    }
    if (info.isDirectory()) {
      const real = realpathSync(full);
      if (ancestors.has(real)) {
        this.report('SymlinkLoop', `${this.shown(full)} links back to a folder that contains it; not followed`);
        return;
      }
      this.walk(full, new Set([...ancestors, real]));
    } else if (isManifestName) {
      if (info.isFile()) this.add(full);
      else this.report('NotAFile', `${this.shown(full)} is not a regular file (a FIFO, socket or device); not read`);
    }
  }

  private add(file: string): void {
    const real = realpathSync(file);
    const previous = this.found.get(real);
    if (previous === undefined || file < previous) this.found.set(real, file);
  }

  /** The stat of a path (symlinks followed); a loop or an unreadable path becomes a problem here. */
  private statOrReport(file: string, shown: string): Stats | 'absent' | 'reported' {
    try {
      return statOfSync(file, shown) ?? 'absent';
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
