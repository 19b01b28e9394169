/**
 * The I/O shell of manifest loading: find the YAML files, read them and the JSON Schemas, then
 * hand everything to the pure parse and validate stages.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compileSchemas, sortProblems, validateDocuments } from '../schema/index.js';
import type { CompiledSchemas, ManifestSchemas } from '../schema/index.js';
import type { Problem } from '../types.js';
import { parseManifestText } from './parse.js';
import type { ManifestSet, ParsedDocument, RunScope, TargetDefaults } from './types.js';

export interface LoadOptions {
  /** Base for relative paths, and what file names in problems are relative to (default: process.cwd()). */
  cwd?: string;
  /** Precompiled schemas (default: read once from the package's `schemas/` folder). */
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
  const { files, problems } = await findManifestFiles(paths, cwd);
  const documents: ParsedDocument[] = [];
  const names = files.map((file) => displayName(file, cwd));
  for (const [index, file] of files.entries()) {
    const name = names[index] ?? file;
    const text = await readText(file, name, problems);
    if (text === undefined) continue;
    const parsed = parseManifestText(name, text);
    documents.push(...parsed.documents);
    problems.push(...parsed.problems);
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
  const unread = (await walk(folder)).filter((file) => !read.has(file)).sort();
  const configFolder = path.relative(cwd, folder) === '' ? '.' : displayName(folder, cwd);
  if (unread.length === 0) return { configFolder, limits: [] };
  return { configFolder, limits: [{ kind: 'unreadFiles', files: unread.map((file) => displayName(file, cwd)) }] };
}

/** Absolute paths of every manifest file, sorted and without repeats, plus path problems. */
export async function findManifestFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: string[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      problems.push({ severity: 'error', code: 'PathNotFound', message: `path not found: ${given}` });
    } else if (info.isDirectory()) {
      for (const file of await walk(absolute)) found.add(file);
    } else {
      // A file named explicitly is read whatever its extension.
      found.add(absolute);
    }
  }
  if (found.size === 0) {
    const where = paths.length > 0 ? paths.join(', ') : '(no paths given)';
    problems.push({ severity: 'error', code: 'NoManifests', message: `no *.yaml or *.yml files found under ${where}` });
  }
  return { files: [...found].sort(), problems };
}

// Hidden folders (.git, .github workflows) and node_modules never hold manifests but often hold YAML.
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

async function readText(file: string, name: string, problems: Problem[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ severity: 'error', code: 'FileUnreadable', message: `cannot read ${name}: ${reason}` });
    return undefined;
  }
}

/** Relative to cwd with forward slashes when inside it (what CI annotations expect), else absolute. */
function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}

let compiled: Promise<CompiledSchemas> | undefined;

/** The compiled manifest schemas, read from the package's `schemas/` folder once per process. */
export function loadSchemas(): Promise<CompiledSchemas> {
  compiled ??= readSchemas().then(compileSchemas);
  return compiled;
}

/** The raw JSON Schemas from `schemas/` (the source of truth, also published for editors). */
export async function readSchemas(dir?: string): Promise<ManifestSchemas> {
  const folder = dir ?? (await findSchemasDir());
  const read = async (name: string): Promise<object> =>
    JSON.parse(await readFile(path.join(folder, `${name}.schema.json`), 'utf8')) as object;
  const [experiment, holdout, config, manifest] = await Promise.all(
    ['experiment', 'holdout', 'config', 'manifest'].map(read),
  );
  if (!experiment || !holdout || !config || !manifest) throw new Error('unreachable: four schemas read');
  return { experiment, holdout, config, manifest };
}

// This module runs from src/manifest (tests), dist/lib/manifest (the CLI) or a bundle (the
// Action), so the package root is found by walking up rather than by a fixed relative path.
async function findSchemasDir(): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(dir, 'schemas');
    if (await stat(path.join(candidate, 'manifest.schema.json')).catch(() => undefined)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the ldexp schemas/ folder above ${fileURLToPath(import.meta.url)}`);
}
