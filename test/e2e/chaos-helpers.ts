/**
 * Shared by the chaos, concurrency and outcome-unknown tests: plan and apply in-process through
 * src/pipeline.ts with short retry waits, a generated experiment set with holdouts, and what the
 * emulator's request log says was processed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchManifest, benchSeed } from '../helpers/generated-world.js';
import type { EmulatorSeed, RequestLogEntry, RunningEmulator } from '../../src/emulator/index.js';
import type { ApplyReport } from '../../src/apply/types.js';
import { applyPlan, buildPlan, plan, readLiveFor, validate, type ConnectionOptions } from '../../src/pipeline.js';
import { hasChanges, type Plan } from '../../src/plan/types.js';
import type { Problem } from '../../src/types.js';

export const TOKEN = 'api-chaos-token';

/** A client that retries fast: the emulator's waits are made up, and the suite must stay quick. */
export function fastConnection(emulator: RunningEmulator, extra: Partial<ConnectionOptions> = {}): ConnectionOptions {
  return {
    baseUrl: emulator.url,
    token: TOKEN,
    concurrency: 8,
    timeoutMs: 1000,
    retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 4 },
    ...extra,
  };
}

/** plan, then apply that plan (what `ldexp apply` does); a plan with errors is an exception. */
export async function planAndApply(
  manifests: string[] | Planner,
  connection: ConnectionOptions,
): Promise<{ plan: Plan; report: ApplyReport }> {
  const planned = await planOnly(manifests, connection);
  const report = await applyPlan(planned, connection, { checkFreshness: false });
  return { plan: planned, report };
}

/** `ldexp plan` of `paths`, or of manifests read once by `planner`; a plan with errors is an exception. */
export async function planOnly(manifests: string[] | Planner, connection: ConnectionOptions): Promise<Plan> {
  if (!Array.isArray(manifests)) return manifests(connection);
  const result = await plan(manifests, {}, connection);
  return planOrThrow(result.problems, result.plan);
}

/** Plans the same manifests against whatever live state the connection reaches. */
export type Planner = (connection: ConnectionOptions) => Promise<Plan>;

/**
 * Reads and validates the manifests once; each plan then reads live state and builds the plan as
 * `plan` does (src/pipeline.ts). For tests that plan the same large set dozens of times against
 * faulty servers: the faults are in the HTTP exchanges, and re-reading and parsing the files each
 * time was a third of their CPU without exercising anything the faults reach.
 */
export async function planner(paths: string[]): Promise<Planner> {
  const { manifests, problems } = await validate(paths, {});
  planOrThrow(problems, manifests);
  return async (connection) => {
    const built = buildPlan(manifests, await readLiveFor(manifests, connection));
    return planOrThrow(built.problems, built.plan);
  };
}

function planOrThrow<T>(problems: readonly Problem[], result: T | undefined): T {
  const errors = problems.filter((p) => p.severity === 'error');
  if (result === undefined || errors.length > 0) {
    throw new Error(`plan failed: ${errors.map((p) => `${p.code}: ${p.message}`).join('; ')}`);
  }
  return result;
}

export function changesOf(planned: Plan): string[] {
  if (!hasChanges(planned)) return [];
  return [
    ...planned.steps.map((s) => `${s.resource} ${s.instructions.join(',') || s.kind}`),
    ...planned.resources.filter((r) => r.unapplied).map((r) => `${r.address} unapplied`),
  ];
}

// ── the generated set ──────────────────────────────────────────────────────────────────────────

const HOLDOUTS = 4;

/** benchSeed's world (a flag per experiment, shared metrics); nothing of the set exists yet. */
export function generatedSeed(experiments: number): EmulatorSeed {
  return benchSeed(experiments);
}

/**
 * `experiments` manifests (a third drafts, the rest running) and four holdouts; every fifth
 * experiment joins a holdout at creation. Written to a fresh folder, whose path is returned.
 */
export async function generatedManifests(experiments: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ldexp-chaos-'));
  const holdouts = Array.from({ length: HOLDOUTS }, (_, h) => holdoutManifest(h)).join('---\n');
  await writeFile(join(dir, 'holdouts.yaml'), holdouts);
  for (let index = 0; index < experiments; index++) {
    const manifest = benchManifest(index);
    const joined =
      index % 5 === 0
        ? manifest.replace('spec:\n', `spec:\n  holdout: holdout-${String(index % HOLDOUTS)}\n`)
        : manifest;
    await writeFile(join(dir, `experiment-${String(index)}.yaml`), joined);
  }
  return dir;
}

function holdoutManifest(index: number): string {
  return `apiVersion: ldexp/v1
kind: Holdout
metadata:
  key: holdout-${String(index)}
  project: bench
  environment: production
spec:
  name: Holdout ${String(index)}
  randomizationUnit: user
  holdoutAmount: 5
  primaryMetric: conversion
  metrics: [conversion]
  state: active
`;
}

// ── the request log ────────────────────────────────────────────────────────────────────────────

/**
 * The status the emulator's handler produced for a logged request, or undefined when it was
 * never processed (rate-limited, reset before, a 409 or status fault that did not commit).
 */
export function processedStatus(entry: RequestLogEntry): number | undefined {
  if (entry.rateLimited) return undefined;
  const fault = entry.fault;
  if (!fault) return entry.status;
  const processed = /processed \((\d+)\)/.exec(fault.detail);
  if (processed) return Number(processed[1]);
  if (fault.kind === 'reset-before' || fault.kind === 'conflict409' || fault.kind === 'status') return undefined;
  return entry.status;
}

function succeeded(entry: RequestLogEntry): boolean {
  const status = processedStatus(entry);
  return status !== undefined && status >= 200 && status < 300;
}

// Written out again on purpose, not imported from src/apply/preconditions.ts: the test's oracle
// must not share a mistake with the code it checks.
const NON_IDEMPOTENT = new Set([
  'startIteration',
  'stopIteration',
  'saveAndStartNewIteration',
  'endHoldout',
  'removeExperiment',
]);

/**
 * Every create or non-idempotent instruction that LaunchDarkly carried out more than once, as
 * `POST path key` / `PATCH path instruction`, with the count. Empty when none.
 */
export function appliedTwice(requests: readonly RequestLogEntry[]): string[] {
  const counts = new Map<string, number>();
  const count = (what: string): void => {
    counts.set(what, (counts.get(what) ?? 0) + 1);
  };
  for (const entry of requests) {
    if (!succeeded(entry)) continue;
    const path = entry.path.split('?')[0] ?? entry.path;
    const body = entry.body as { key?: unknown; instructions?: { kind?: unknown }[] } | undefined;
    if (entry.method === 'POST') count(`POST ${path} ${JSON.stringify(body?.key ?? body)}`);
    if (entry.method !== 'PATCH') continue;
    for (const instruction of body?.instructions ?? []) {
      if (typeof instruction.kind === 'string' && NON_IDEMPOTENT.has(instruction.kind)) {
        count(`PATCH ${path} ${JSON.stringify(instruction)}`);
      }
    }
  }
  return [...counts].filter(([, n]) => n > 1).map(([what, n]) => `${what} ×${String(n)}`);
}

/** How many restarts (`saveAndStartNewIteration`) LaunchDarkly carried out on `path`. */
export function restartsOf(requests: readonly RequestLogEntry[], experimentPath: string): number {
  return requests.filter(
    (e) =>
      e.method === 'PATCH' &&
      (e.path.split('?')[0] ?? '') === experimentPath &&
      succeeded(e) &&
      ((e.body as { instructions?: { kind?: string }[] } | undefined)?.instructions ?? []).some(
        (i) => i.kind === 'saveAndStartNewIteration',
      ),
  ).length;
}
