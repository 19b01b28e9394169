/**
 * The package as a user gets it: `npm pack`, install the tarball into an empty project, then run
 * the binary and import both entry points (`ldexp`, `ldexp/emulator`) from an ES module.
 *
 * There is no registry here, so the install is offline: the project first receives a copy of the
 * production dependencies this repository already has installed (those package-lock.json does not
 * mark dev), and `npm install --offline` then only has to unpack ldexp itself and check that
 * every dependency it declares is satisfied, exactly as after a registry install.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../e2e/run-ldexp.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface PackResult {
  filename: string;
  size: number;
  entryCount: number;
  files: { path: string }[];
}

let temp: string;
let project: string;
let packed: PackResult;
let files: string[];

/** Commands run in the project with a clean environment: no npm settings inherited from `npm test`. */
async function inProject(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(command, args, {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? temp, NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function copyProductionDependencies(into: string): Promise<void> {
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const production = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true && entry.devOptional !== true)
    .map(([path]) => path)
    // Nested copies (node_modules/a/node_modules/b) come with their parent.
    .filter((path) => !path.slice('node_modules/'.length).includes('/node_modules/'));
  await Promise.all(production.map((path) => cp(join(REPO_ROOT, path), join(into, path), { recursive: true })));
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'ldexp-pack-'));
  project = join(temp, 'project');
  await mkdir(project);
  // dist/lib is built by `npm test` before the suite; --ignore-scripts so packing does not rebuild it.
  const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], {
    cwd: REPO_ROOT,
  });
  [packed] = JSON.parse(stdout) as [PackResult];
  files = packed.files.map((file) => file.path).sort();
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
  );
  await copyProductionDependencies(project);
  await inProject(NPM, ['install', '--offline', '--no-save', '--no-audit', '--no-fund', join(temp, packed.filename)]);
}, 120_000);

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the library, the binary, schemas, examples, docs, LICENSE and CHANGELOG', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/ldexp.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/emulator/index.js',
      'dist/lib/emulator/index.d.ts',
      'dist/lib/cli/main.js',
      'schemas/experiment.schema.json',
      'examples/emulator-seed.yaml',
      'docs/manifest-format.md',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('ships no benchmark, Action sources, tests, TypeScript sources or source maps', () => {
    const unwanted = files.filter((file) =>
      /^(dist\/lib\/(bench|action)\/|dist\/action\/|src\/|test\/)|\.map$|\.test\.|\.tsbuildinfo$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('npx ldexp --version prints the version', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await inProject(NPX, ['--offline', 'ldexp', '--version']);
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it('ldexp demo runs plan → apply → plan against the emulator, from the installed examples', async () => {
    const { stdout } = await inProject(join(project, 'node_modules', '.bin', 'ldexp'), ['demo']);
    expect(stdout).toContain('No changes. LaunchDarkly matches the manifests.');
  });

  it('both entry points import from an ES module and work together', async () => {
    const script = `
      import { hasErrors, plan, renderPlanText, validate } from 'ldexp';
      import { loadSeed, startEmulator } from 'ldexp/emulator';
      const examples = new URL('./node_modules/ldexp/examples/', import.meta.url).pathname;
      const { problems } = await validate([examples + 'manifests'], {});
      const emulator = await startEmulator({ seed: await loadSeed(examples + 'emulator-seed.yaml') });
      try {
        const planned = await plan([examples + 'manifests'], {}, { baseUrl: emulator.url, token: 'any', concurrency: 1 });
        const text = renderPlanText(planned.plan, { color: false });
        console.log(JSON.stringify({ valid: !hasErrors(problems), steps: planned.plan.steps.length, text }));
      } finally {
        await emulator.close();
      }
    `;
    await writeFile(join(project, 'consumer.mjs'), script);
    const { stdout } = await inProject(process.execPath, ['consumer.mjs']);
    const result = JSON.parse(stdout) as { valid: boolean; steps: number; text: string };
    expect(result.valid).toBe(true);
    expect(result.steps).toBeGreaterThan(0);
    expect(result.text).toMatch(/Plan: /);
  });

  it('TypeScript finds the types of both entry points through the exports map', async () => {
    const source = [
      "import { plan, type Plan, type PlanResult } from 'ldexp';",
      "import { startEmulator, type EmulatorOptions, type RunningEmulator } from 'ldexp/emulator';",
      'export const planned: (result: PlanResult) => Plan | undefined = (result) => result.plan;',
      'export const start = (options: EmulatorOptions): Promise<RunningEmulator> => startEmulator(options);',
      'export const run: typeof plan = plan;',
      '',
    ].join('\n');
    await writeFile(join(project, 'consumer.ts'), source);
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext'];
    await expect(inProject(process.execPath, [tsc, ...options, 'consumer.ts'])).resolves.toMatchObject({
      stdout: '',
    });
  });

  it('a deep import outside the exports map is refused', async () => {
    await writeFile(join(project, 'deep.mjs'), "await import('ldexp/dist/lib/pipeline.js');\n");
    await expect(inProject(process.execPath, ['deep.mjs'])).rejects.toMatchObject({
      stderr: expect.stringContaining('ERR_PACKAGE_PATH_NOT_EXPORTED') as unknown,
    });
  });
});
