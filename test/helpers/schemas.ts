/** The manifest JSON Schemas as published in `schemas/`, for tests that inspect or recompile them. */
import { readFile } from 'node:fs/promises';

import type { ManifestSchemas } from '../../src/schema/compile.js';

const SCHEMAS = new URL('../../schemas/', import.meta.url);

export async function readSchemas(): Promise<ManifestSchemas> {
  const read = async (name: string): Promise<object> =>
    JSON.parse(await readFile(new URL(`${name}.schema.json`, SCHEMAS), 'utf8')) as object;
  const [experiment, holdout, config, manifest] = await Promise.all(
    ['experiment', 'holdout', 'config', 'manifest'].map(read),
  );
  if (!experiment || !holdout || !config || !manifest) throw new Error('unreachable: four schemas read');
  return { experiment, holdout, config, manifest };
}
