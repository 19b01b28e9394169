/** `ldexp pull`: load manifests, read LaunchDarkly, compute the edits (src/pull), write the files here. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { LdexpError } from '../../errors.js';
import { statOf, readUserText, writeUserText } from '../../files.js';
import { hasErrors, readLiveFor, validate } from '../../pipeline.js';
import { assertAddMissingAllowed, pullManifests, type PullResult } from '../../pull/index.js';
import { renderProblemsText } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { connectionFrom, targetDefaults } from '../context.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-code.js';

export async function pullCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const { manifests, problems } = await validate(line.paths, targetDefaults(line), { cwd: io.cwd });
  if (problems.length > 0) io.stderr.write(renderProblemsText(problems, { color: line.color, cwd: io.cwd }));
  if (hasErrors(problems)) return EXIT_ERROR;
  // Before reading LaunchDarkly: nothing that run could find would make a partial --add-missing safe.
  if (line.addMissing) assertAddMissingAllowed(manifests);
  const connection = connectionFrom(context);
  let live;
  try {
    live = await readLiveFor(manifests, connection);
  } finally {
    connection.done();
  }
  const texts = new Map<string, string>();
  for (const file of manifests.files) texts.set(file, await readUserText(path.resolve(io.cwd, file), file));
  const result = pullManifests({
    manifests,
    live,
    texts,
    addMissing: line.addMissing,
    source: connection.baseUrl,
    exportedAt: new Date().toISOString(),
  });
  const created = await placeNewFiles(result, line.out ?? (await defaultFolder(line.paths, io.cwd)), io.cwd);
  for (const file of result.files) await writeUserText(path.resolve(io.cwd, file.file), file.text, file.file);
  for (const { absolute, text, shown } of created) {
    // A folder that cannot be made is reported by the write that follows, as a FileError naming the path.
    await mkdir(path.dirname(absolute), { recursive: true }).catch(() => undefined);
    await writeUserText(absolute, text, shown);
  }
  io.stdout.write(
    summary(
      result,
      created.map((c) => c.shown),
    ),
  );
  return EXIT_OK;
}

/** New files go under the folder; one that exists already is never overwritten (checked before any write). */
async function placeNewFiles(
  result: PullResult,
  folder: string,
  cwd: string,
): Promise<{ absolute: string; text: string; shown: string }[]> {
  const placed = result.created.map((file) => {
    const absolute = path.resolve(cwd, folder, ...file.path.split('/'));
    return { absolute, text: file.text, shown: shown(absolute, cwd) };
  });
  const existing: string[] = [];
  for (const file of placed) if (await statOf(file.absolute, file.shown)) existing.push(file.shown);
  if (existing.length > 0) {
    throw new LdexpError(
      'WouldOverwrite',
      `pull --add-missing would overwrite ${existing.join(', ')}, which no manifest of this run describes; nothing was written. Move the file, or give another --out folder`,
      'user',
    );
  }
  return placed;
}

async function defaultFolder(paths: readonly string[], cwd: string): Promise<string> {
  for (const given of paths) if ((await statOf(path.resolve(cwd, given), given))?.isDirectory()) return given;
  return '.';
}

function summary(result: PullResult, created: readonly string[]): string {
  const lines: string[] = [];
  for (const file of result.files) {
    lines.push(`Updated ${file.file}${file.preserved ? '' : ' (rewritten: its formatting could not be kept)'}`);
    for (const change of file.changes) lines.push(`  ${change.address}: ${change.fields.join(', ')}`);
  }
  for (const file of created) lines.push(`Added ${file}`);
  for (const note of result.notes) lines.push(`Note: ${note.address} ${note.message}`);
  if (result.files.length === 0 && created.length === 0) {
    lines.push('Nothing to pull: the manifests match LaunchDarkly.');
  } else {
    lines.push(
      `Pulled: ${String(result.files.length)} file(s) updated, ${String(created.length)} added. Review with git diff; nothing was written to LaunchDarkly.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}
