/**
 * Shared pieces of the end-to-end tests: an emulator per scenario, manifests in a temp folder,
 * `ldexp` run against them (in-process by default, the real binary on request), and the
 * emulator's request log turned into the sequence of writes ldexp sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseSeed, startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, EmulatorSeed, RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import { runLdexp } from './run-ldexp.js';
import type { CliResult } from './run-ldexp.js';

/** A token distinctive enough that any leak of it into output or files is unmistakable. */
export const TOKEN = 'api-e2e-SECRET-7f3a';
export const EXPERIMENTS = '/api/v2/projects/web/environments/production/experiments';
/** test/fixtures/e2e/seed.yaml: one experiment per lifecycle state, each on its own flag, and new-flag. */
export const E2E_SEED_FILE = fileURLToPath(new URL('../fixtures/e2e/seed.yaml', import.meta.url));
/** Fixed clock so emulator responses do not depend on the wall clock. */
const NOW = Date.UTC(2026, 2, 1, 12);

/** Seeds parsed so far, by name and text: most files start an emulator per test from one seed. */
const parsedSeeds = new Map<string, EmulatorSeed>();

/**
 * Start an emulator on 127.0.0.1:0 from seed text (YAML) or a seed file. A seed is parsed and
 * checked once (about 15 ms), then each emulator gets a copy of its own to change.
 */
export async function startSeeded(
  seed: { text: string } | { file: string },
  options: Omit<EmulatorOptions, 'seed'> = {},
): Promise<RunningEmulator> {
  const text = 'text' in seed ? seed.text : await readFile(seed.file, 'utf8');
  const name = 'file' in seed ? seed.file : 'inline-seed.yaml';
  const key = `${name}\n${text}`;
  const parsed = parsedSeeds.get(key) ?? parseSeed(text, name);
  parsedSeeds.set(key, parsed);
  return startEmulator({ now: () => NOW, ...options, seed: structuredClone(parsed) });
}

/** A fresh temp folder; `files` are written relative to it (sub-folders created). */
export async function workspace(files: Record<string, string> = {}): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'ldexp-e2e-'));
  const ws: Workspace = {
    root,
    path: (name) => join(root, name),
    write: async (more) => {
      for (const [name, text] of Object.entries(more)) {
        await mkdir(dirname(join(root, name)), { recursive: true });
        await writeFile(join(root, name), text);
      }
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await ws.write(files);
  return ws;
}

export interface Workspace {
  root: string;
  path(name: string): string;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Run ldexp in `cwd` (so problem positions print as `manifests/x.yaml:9:10`) against the emulator
 * with the distinctive token, unless `env` says otherwise. In this process through runCli unless
 * `subprocess` (or `user`) asks for the real binary; see run-ldexp.ts.
 */
export function ldexp(
  args: string[],
  options: {
    emulator?: RunningEmulator;
    cwd: string;
    env?: Record<string, string>;
    /** Run as another user (permission tests when the suite runs as root); implies `subprocess`. */
    user?: { uid: number; gid: number };
    /** Spawn the real binary (bin/ldexp.js over dist/) instead of running in this process. */
    subprocess?: boolean;
  },
): Promise<CliResult> {
  const connection = options.emulator ? { LD_API_URL: options.emulator.url, LD_API_TOKEN: TOKEN } : {};
  return runLdexp(args, {
    cwd: options.cwd,
    env: { ...connection, ...options.env },
    ...(options.user ? { user: options.user } : {}),
    ...(options.subprocess ? { subprocess: true } : {}),
  });
}

/** Path without the query string. */
function bare(path: string): string {
  return path.split('?')[0] ?? path;
}

/** `PATCH /api/v2/…/experiments/x [stopIteration, archiveExperiment]`, `POST …/experiments`. */
export function describeWrite(entry: RequestLogEntry): string {
  const line = `${entry.method} ${bare(entry.path)}`;
  if (entry.method !== 'PATCH') return line;
  const instructions = (entry.body as { instructions?: { kind?: unknown }[] } | undefined)?.instructions ?? [];
  return `${line} [${instructions.map((i) => String(i.kind)).join(', ')}]`;
}

/** Does this request write experiment `key` (a create names it in the body, the rest in the path)? */
export function touchesExperiment(entry: RequestLogEntry, key: string): boolean {
  const path = bare(entry.path);
  if (path === EXPERIMENTS) return (entry.body as { key?: unknown } | undefined)?.key === key;
  return path === `${EXPERIMENTS}/${key}` || path.startsWith(`${EXPERIMENTS}/${key}/`);
}

/** Every request that is not a GET, described; optionally only those of one experiment. */
export function writesOf(requests: readonly RequestLogEntry[], experimentKey?: string): string[] {
  return requests
    .filter((entry) => entry.method !== 'GET')
    .filter((entry) => experimentKey === undefined || touchesExperiment(entry, experimentKey))
    .map(describeWrite);
}

/** The distinct methods in a slice of the log, e.g. `['GET']`. */
export function methodsOf(requests: readonly RequestLogEntry[]): string[] {
  return [...new Set(requests.map((entry) => entry.method))];
}

export interface ExperimentOptions {
  key: string;
  flag: string;
  state: 'draft' | 'running' | 'stopped' | 'archived';
  name?: string;
  hypothesis?: string;
  /** allocationPercent of Control and Treatment. */
  allocations?: [number, number];
  metrics?: string[];
  /** Variation of the Treatment treatment (by name, or by value). */
  treatmentVariation?: string;
  changeJustification?: string;
  /** `replacesIteration` (after changeJustification); left out when undefined. */
  replacesIteration?: number;
  /** `stop.winner` (with a fixed reason); left out when undefined. */
  winner?: string;
  /** Appended after `name:` (shifts every later line by one). */
  description?: string;
}

/**
 * One Experiment document in a fixed layout, so positions are known: line 9 `state` (value at
 * column 10), line 10 `iteration`, line 13 `metrics`, line 15 the flag key (column 7), line 22
 * the Treatment treatment, line 24 its `variation` (value at column 20). A description adds a
 * line after `name`.
 */
export function experimentManifest(o: ExperimentOptions): string {
  const [control, treatment] = o.allocations ?? [50, 50];
  const lines = [
    'apiVersion: ldexp/v1',
    'kind: Experiment',
    'metadata:',
    `  key: ${o.key}`,
    '  project: web',
    '  environment: production',
    'spec:',
    `  name: ${o.name ?? o.key}`,
    ...(o.description !== undefined ? [`  description: ${o.description}`] : []),
    `  state: ${o.state}`,
    '  iteration:',
    `    hypothesis: ${o.hypothesis ?? 'Treatment converts better'}`,
    '    primaryMetric: conversion',
    `    metrics: [${(o.metrics ?? ['conversion']).join(', ')}]`,
    '    flags:',
    `      ${o.flag}:`,
    '        rule: fallthrough',
    '    treatments:',
    '      - name: Control',
    '        baseline: true',
    `        allocationPercent: ${String(control)}`,
    '        variation: Control',
    '      - name: Treatment',
    `        allocationPercent: ${String(treatment)}`,
    `        variation: ${o.treatmentVariation ?? 'Treatment'}`,
    ...(o.changeJustification !== undefined ? [`    changeJustification: ${o.changeJustification}`] : []),
    ...(o.replacesIteration !== undefined ? [`    replacesIteration: ${String(o.replacesIteration)}`] : []),
    ...(o.winner !== undefined ? ['  stop:', `    winner: ${o.winner}`, '    reason: Clear lift'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** ANSI SGR (color/style) escapes. */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
export const ANSI_COLOR = /\x1b\[[0-9;]*m/;

export interface EchoingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A hostile LaunchDarkly in front of the emulator: reads pass through, every write fails with a
 * 400 whose message quotes the `Authorization` header back, the way a careless server might.
 */
export async function startEchoingProxy(target: RunningEmulator): Promise<EchoingProxy> {
  const server = createServer((req, res) => {
    void forward(target, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function forward(target: RunningEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = req.headers.authorization ?? '';
  if (req.method !== 'GET') {
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'invalid_request', message: `token ${auth} may not write here` }));
    return;
  }
  const headers: Record<string, string> = { authorization: auth };
  const version = req.headers['ld-api-version'];
  if (typeof version === 'string') headers['ld-api-version'] = version;
  const upstream = await fetch(`${target.url}${req.url ?? '/'}`, { headers });
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  res.end(await upstream.text());
}

/** Run git in `root` with a fixed identity and no system or user configuration, so tests never depend on the machine's git setup. */
export function gitIn(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: root,
    },
  });
}

/**
 * What someone does in the LaunchDarkly UI: one semantic-patch instruction on an experiment of
 * web/production, sent to the emulator directly (not through ldexp). The request log is cleared
 * afterwards, so a test sees only what ldexp sends.
 */
export async function editInLaunchDarkly(
  emulator: RunningEmulator,
  experimentKey: string,
  instruction: { kind: string; value: unknown },
): Promise<void> {
  const response = await fetch(`${emulator.url}${EXPERIMENTS}/${experimentKey}`, {
    method: 'PATCH',
    headers: {
      Authorization: TOKEN,
      'LD-API-Version': '20240415',
      'Content-Type': 'application/json; domain-model=launchdarkly.semanticpatch',
    },
    body: JSON.stringify({ instructions: [instruction] }),
  });
  if (response.status !== 200) throw new Error(`the UI edit got ${String(response.status)}: ${await response.text()}`);
  emulator.requests.length = 0;
}
