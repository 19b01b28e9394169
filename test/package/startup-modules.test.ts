/**
 * What a command loads decides how fast it starts. `ldexp --version` must load neither the
 * emulator, ajv, the HTTP client nor any pipeline stage; `ldexp validate` loads the manifest
 * stages and the prebuilt validators, but not ajv's compiler, undici, the emulator or the planner.
 * A module-loading hook records every module the built CLI loads.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BIN, REPO_ROOT } from '../e2e/run-ldexp.js';

const run = promisify(execFile);

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.LDEXP_MODULE_LOG, url + '\\n');
  return next(url, context);
}
`;
const REGISTER = `import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n`;

let temp: string;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'ldexp-modules-'));
  await writeFile(join(temp, 'hooks.mjs'), HOOKS);
  await writeFile(join(temp, 'register.mjs'), REGISTER);
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** The modules `ldexp <args>` loads, as paths relative to the repository. */
async function modulesLoadedBy(args: string[], expected = { exitCode: 0 }): Promise<string[]> {
  const log = join(temp, `${String(Date.now())}-${String(Math.random()).slice(2)}.log`);
  await writeFile(log, '');
  const register = pathToFileURL(join(temp, 'register.mjs')).href;
  const exitCode = await run(process.execPath, ['--import', register, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', LDEXP_MODULE_LOG: log },
  }).then(
    () => 0,
    (error: unknown) => (error as { code?: number }).code,
  );
  expect(exitCode, `ldexp ${args.join(' ')}`).toBe(expected.exitCode);
  const root = pathToFileURL(REPO_ROOT).href;
  const urls = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  return [...new Set(urls.map((url) => url.replace(root, '')))];
}

const matching = (modules: string[], pattern: RegExp): string[] => modules.filter((m) => pattern.test(m));

describe('modules loaded at start-up', () => {
  it('ldexp --version loads the command table and commander, nothing of the pipeline', async () => {
    const modules = await modulesLoadedBy(['--version']);
    expect(modules).toContain('dist/lib/cli/main.js');
    expect(
      matching(
        modules,
        /^dist\/lib\/(emulator|manifest\/(?!selector)|schema\/(?!allowed-targets)|live\/(?!defaults)|plan|apply|render)\//,
      ),
    ).toEqual([]);
    expect(matching(modules, /node_modules\/(ajv|undici|yaml)\//)).toEqual([]);
  });

  it("ldexp plan loads undici's agent and request API, not its index (fetch, WebSocket, caches)", async () => {
    // No token: plan stops after loading its command, which is what is measured here.
    const modules = await modulesLoadedBy(['plan', 'examples/manifests'], { exitCode: 1 });
    expect(modules).toContain('dist/lib/live/client.js');
    // Sorted: the loader may log modules imported side by side in either order.
    expect(matching(modules, /node_modules\/undici\//).sort()).toEqual([
      'node_modules/undici/lib/api/api-request.js',
      'node_modules/undici/lib/dispatcher/agent.js',
    ]);
  });

  it('ldexp validate loads the prebuilt validators, not ajv, undici, the emulator or the planner', async () => {
    const file = join(REPO_ROOT, 'test/fixtures/action/base/search-ranking.yaml');
    const modules = await modulesLoadedBy(['validate', file]);
    expect(modules).toContain('dist/lib/schema/generated/validators.js');
    expect(matching(modules, /^dist\/lib\/(emulator|live\/client|plan\/build|apply|resolve|diff)\b/)).toEqual([]);
    expect(matching(modules, /node_modules\/undici\//)).toEqual([]);
    // Only the two small runtime helpers the generated code imports, never ajv's compiler.
    expect(matching(modules, /node_modules\/ajv\//).sort()).toEqual([
      'node_modules/ajv/dist/runtime/equal.js',
      'node_modules/ajv/dist/runtime/ucs2length.js',
    ]);
  });
});
