/**
 * The Action bundle, built with the project's own `bundle:action` script into a temporary folder
 * (dist/ is left alone): one HTTP stack, and the manifest schemas inside it rather than read from a
 * schemas/ folder found by walking up from the bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../e2e/run-ldexp.js';

const run = promisify(execFile);

interface Metafile {
  inputs: Record<string, unknown>;
}

let temp: string;
let bundle: string;
let inputs: string[];

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'ldexp-bundle-'));
  const outfile = join(temp, 'index.js');
  const metafile = join(temp, 'meta.json');
  // esbuild takes the last --outfile given, so the script's own dist/action/index.js is overridden.
  await run('npm', ['run', '--silent', 'bundle:action', '--', `--outfile=${outfile}`, `--metafile=${metafile}`], {
    cwd: REPO_ROOT,
  });
  bundle = await readFile(outfile, 'utf8');
  inputs = Object.keys((JSON.parse(await readFile(metafile, 'utf8')) as Metafile).inputs);
}, 120_000);

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('the Action bundle', () => {
  it('carries one undici: @actions/http-client uses the one ldexp sends with', () => {
    const copies = new Set(
      inputs.flatMap((input) => {
        const match = /^(.*node_modules\/undici)\//.exec(input);
        return match?.[1] ? [match[1]] : [];
      }),
    );
    expect([...copies]).toEqual(['node_modules/undici']);
  });

  it('inlines the manifest validators and reads no schema file', () => {
    expect(inputs).toContain('src/schema/generated/validators.ts');
    expect(inputs.filter((input) => input.startsWith('schemas/'))).toEqual([]);
    expect(bundle).toMatch(/"\$id": "https:\/\/ldexp\.dev\/schemas\/v1\/experiment\.schema\.json"/);
    expect(bundle).not.toMatch(/experiment\.schema\.json['"`]\)/);
  });
});
