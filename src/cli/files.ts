/** The plan file `--out` writes (a saved plan is read and checked by `saved-plan.ts`). */
import path from 'node:path';

import { writeUserText } from '../files.js';
import type { Plan } from '../plan/types.js';
import { renderPlanJson } from '../render/index.js';

/** Write the plan file for `--out`, relative to `cwd`; refused for folders, FIFOs and unwritable paths. */
export async function writePlanFile(file: string, cwd: string, plan: Plan): Promise<void> {
  await writeUserText(path.resolve(cwd, file), renderPlanJson(plan), file);
}
