/** The files the CLI reads and writes besides manifests: a saved plan (`--plan`) and `--out`. */
import path from 'node:path';

import { readUserText, writeUserText } from '../files.js';
import type { Plan } from '../plan/types.js';
import { parsePlanJson, renderPlanJson } from '../render/index.js';

/** A saved plan, from a path relative to `cwd`; a missing, unreadable or non-file path is a FileError naming it. */
export async function readPlanFile(file: string, cwd: string): Promise<Plan> {
  return parsePlanJson(await readUserText(path.resolve(cwd, file), file));
}

/** Write the plan file for `--out`, relative to `cwd`; refused for folders, FIFOs and unwritable paths. */
export async function writePlanFile(file: string, cwd: string, plan: Plan): Promise<void> {
  await writeUserText(path.resolve(cwd, file), renderPlanJson(plan), file);
}
