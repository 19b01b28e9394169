/**
 * Shared harness of the holdout end-to-end tests: the fixture scenarios of
 * test/fixtures/e2e-holdouts, an emulator per test, the CLI bound to it, and request-log queries.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { loadSeed, startEmulator } from '../../src/emulator/index.js';
import type { RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import type { CliResult } from './run-ldexp.js';
import { REPO_ROOT, runLdexp } from './run-ldexp.js';

/** Relative to the repository root, so positions in the output are stable. */
export const FIXTURES = 'test/fixtures/e2e-holdouts';
export const PROD = '/api/v2/projects/web/environments/production';
export const TOKEN = 'api-e2e-holdouts-token';
/** A fixed clock, so emulator timestamps do not depend on when the test runs. */
const NOW = Date.UTC(2026, 2, 1, 12);

function yamlFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}

/**
 * The manifest files of a scenario: every file of `base/` that the scenario folder does not
 * replace (same file name), then the scenario's own files. `base` alone matches the seed exactly.
 */
export function scenario(name: string, options: { drop?: string[] } = {}): string[] {
  const own = name === 'base' ? [] : yamlFiles(`${FIXTURES}/${name}`);
  const base = yamlFiles(`${FIXTURES}/base`).filter((f) => !own.includes(f) && !(options.drop ?? []).includes(f));
  return [...base.map((f) => `${FIXTURES}/base/${f}`), ...own.map((f) => `${FIXTURES}/${name}/${f}`)];
}

/** An emulator on 127.0.0.1, port 0, seeded with the holdout fixture world. */
export async function startHoldoutEmulator(): Promise<RunningEmulator> {
  const seed = await loadSeed(join(REPO_ROOT, FIXTURES, 'seed.yaml'));
  return startEmulator({ seed, port: 0, token: TOKEN, now: () => NOW });
}

/** Run the real binary against the emulator. */
export function ldexpAgainst(emulator: RunningEmulator, args: string[]): Promise<CliResult> {
  return runLdexp(args, { env: { LD_API_URL: emulator.url, LD_API_TOKEN: TOKEN } });
}

/** Requests that may change something (anything but GET), from index `since` on. */
export function writes(emulator: RunningEmulator, since = 0): RequestLogEntry[] {
  return emulator.requests.slice(since).filter((entry) => entry.method !== 'GET');
}

/** The semantic-patch instruction kinds of a logged PATCH. */
export function instructionKinds(entry: RequestLogEntry): string[] {
  const body = entry.body as { instructions?: { kind: string }[] } | undefined;
  return (body?.instructions ?? []).map((instruction) => instruction.kind);
}

/** `METHOD path [instruction kinds]`, a compact form of a write for exact assertions. */
export function describeWrite(entry: RequestLogEntry): string {
  const kinds = instructionKinds(entry);
  return `${entry.method} ${entry.path}${kinds.length > 0 ? ` [${kinds.join(', ')}]` : ''} → ${String(entry.status)}`;
}

/** GET a resource from the emulator directly (not through ldexp); the read is logged like any other. */
export async function getJson(emulator: RunningEmulator, path: string): Promise<unknown> {
  const response = await fetch(`${emulator.url}${path}`, { headers: { Authorization: TOKEN } });
  if (!response.ok) throw new Error(`GET ${path}: ${String(response.status)}`);
  return response.json();
}
