/** `ldexp export`: read the project, convert (src/export), then write the files here, in the shell. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { LdexpError } from '../../errors.js';
import { exportManifests, type ExportResult, type ExportWarning } from '../../export/index.js';
import { statOf, writeUserText } from '../../files.js';
import { readProject } from '../../pipeline.js';
import { renderProblemsText } from '../../render/index.js';
import type { Problem } from '../../types.js';
import type { CommandContext } from '../context.js';
import { connectionFrom } from '../context.js';
import { EXIT_OK } from '../exit-code.js';

export async function exportCommand(context: CommandContext): Promise<number> {
  const { line, io } = context;
  const project = line.project ?? '';
  const connection = connectionFrom(context);
  let result: ExportResult;
  try {
    const read = await readProject(project, line.environments, connection);
    result = exportManifests(read.live, {
      project,
      environments: read.environments,
      includeArchived: line.includeArchived,
      source: connection.baseUrl,
      exportedAt: new Date().toISOString(),
    });
  } finally {
    connection.done();
  }
  const out = path.resolve(io.cwd, line.out ?? '.');
  const targets = result.files.map((file) => ({ file, absolute: path.join(out, ...file.path.split('/')) }));
  if (!line.force)
    await refuseExisting(
      targets.map((t) => t.absolute),
      io.cwd,
    );
  for (const { file, absolute } of targets) {
    // A folder that cannot be made is reported by the write that follows, as a FileError naming the path.
    await mkdir(path.dirname(absolute), { recursive: true }).catch(() => undefined);
    await writeUserText(absolute, file.text, shown(absolute, io.cwd));
  }
  if (result.warnings.length > 0) {
    io.stderr.write(renderProblemsText(result.warnings.map(warningProblem), { color: line.color, cwd: io.cwd }));
  }
  io.stdout.write(
    summary(
      result,
      targets.map((t) => shown(t.absolute, io.cwd)),
    ),
  );
  return EXIT_OK;
}

/** Checked for every file before the first is written, so a refusal leaves the folder as it was. */
async function refuseExisting(files: readonly string[], cwd: string): Promise<void> {
  const existing: string[] = [];
  for (const file of files) if (await statOf(file, shown(file, cwd))) existing.push(shown(file, cwd));
  if (existing.length === 0) return;
  const list =
    existing.slice(0, 10).join(', ') + (existing.length > 10 ? `, … (${String(existing.length)} in all)` : '');
  throw new LdexpError(
    'WouldOverwrite',
    `export would overwrite ${existing.length === 1 ? 'a file that exists' : `${String(existing.length)} files that exist`}: ${list}; nothing was written. Use --force to overwrite, another --out folder, or ldexp pull to update manifests in place`,
    'user',
  );
}

function summary(result: ExportResult, written: readonly string[]): string {
  const experiments = result.files.filter((f) => f.kind === 'Experiment').length;
  const holdouts = result.files.filter((f) => f.kind === 'Holdout').length;
  const lines = written.map((file) => `  ${file}`);
  const skipped =
    result.archivedSkipped.length === 0
      ? ''
      : ` ${String(result.archivedSkipped.length)} archived experiment(s) left out (--include-archived exports them).`;
  const warned = result.warnings.length === 0 ? '' : ` ${String(result.warnings.length)} warning(s): see above.`;
  return `Wrote ${String(written.length)} file(s):\n${lines.join('\n')}\nExported ${String(experiments)} experiment(s) and ${String(holdouts)} holdout(s).${skipped}${warned}\n`;
}

/** A warning as a problem line: `warning  InexactExport  experiment/web/production/x spec.iteration.attributes: …`. */
function warningProblem(warning: ExportWarning): Problem {
  return {
    severity: 'warning',
    code: 'InexactExport',
    message: `${warning.address} ${dotted(warning.field)}: ${warning.message}`,
  };
}

/** `/spec/iteration/treatments/1/name` → `spec.iteration.treatments[1].name`, as problems name fields. */
export function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`), '');
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}
