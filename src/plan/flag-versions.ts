/**
 * Flag versions (ld-api-notes §9 #19). Starting, stopping or restarting an iteration changes its
 * flags' environment version, and LaunchDarkly rejects a `flagConfigVersion` that is not current,
 * including the one a draft saved when it is started. Bodies carry plan-time versions on purpose
 * (they refuse foreign flag changes made between plan and apply), so every step that sends a
 * version for a flag, or starts a draft that holds one, runs before the steps of the same apply
 * that move that flag's version. When no order can do that (two starts or restarts on one flag),
 * the later step reads the version again right before it is sent: a read binding, shown in the plan.
 */
import { parsePointer, toPointer } from '../util/json-pointer.js';
import { compareCodeUnits } from '../util/compare.js';
import { isRecord } from '../util/records.js';
import type { DraftStep, FlagInputBody } from './draft.js';
import { flagPath } from './paths.js';
import { stepReach } from './step-reach.js';
import { bindingSteps, type ReadBinding } from './types.js';

const ENVIRONMENT_PATH = /^\/api\/v2\/projects\/([^/]+)\/environments\/([^/]+)/;

/** `project + environment` of a step, from its path: flag versions are per environment. */
function scopeOf(step: DraftStep): string {
  return ENVIRONMENT_PATH.exec(step.path)?.[0] ?? step.path;
}

/**
 * Where a body sends a `flagConfigVersion`: every map entry whose value carries one, wherever it
 * sits (ExperimentPost `iteration.flags`, IterationInput `flags`, `updateExperimentFields` and
 * `saveAndStartNewIteration` values), so a new body shape cannot slip past.
 */
export function flagVersionPointers(body: unknown): { flag: string; pointer: string }[] {
  const found: { flag: string; pointer: string }[] = [];
  const walk = (value: unknown, at: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...at, index]);
      });
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (isRecord(child) && 'flagConfigVersion' in child) {
        found.push({ flag: key, pointer: toPointer([...at, key, 'flagConfigVersion']) });
      }
      walk(child, [...at, key]);
    }
  };
  walk(body, []);
  return found;
}

/** The flags a body sends a `flagConfigVersion` for, sorted. */
export function flagVersionsSent(body: unknown): string[] {
  return [...new Set(flagVersionPointers(body).map((p) => p.flag))].sort();
}

/** Flags whose current version a step relies on: those its body sends, and those of a draft it starts. */
function versionsRelied(step: DraftStep): string[] {
  return [...new Set([...flagVersionsSent(step.body), ...Object.keys(step.startFlags ?? {})])].sort();
}

/** Step keys that follow each key: dependsOn, bindings and the order of one resource's steps. */
export function successors(steps: readonly DraftStep[]): Map<string, Set<string>> {
  const next = new Map(steps.map((s) => [s.key, new Set<string>()]));
  const lastOfResource = new Map<string, string>();
  for (const step of steps) {
    const before = [...step.dependsOn, ...bindingSteps(step.bindings), ...(step.after ?? [])];
    const previous = lastOfResource.get(step.resource);
    if (previous !== undefined) before.push(previous);
    for (const key of before) next.get(key)?.add(step.key);
    lastOfResource.set(step.resource, step.key);
  }
  return next;
}

interface FlagSteps {
  senders: DraftStep[];
  movers: DraftStep[];
}

/** Senders (steps relying on a version) and movers per `scope + flag`, in step creation order. */
function byFlag(steps: readonly DraftStep[]): Map<string, FlagSteps> {
  const out = new Map<string, FlagSteps>();
  const entry = (step: DraftStep, flag: string): FlagSteps => {
    const id = `${scopeOf(step)}\u0000${flag}`;
    const found = out.get(id) ?? { senders: [], movers: [] };
    out.set(id, found);
    return found;
  };
  for (const step of steps) {
    for (const flag of versionsRelied(step)) entry(step, flag).senders.push(step);
    for (const flag of step.movesFlagVersions ?? []) entry(step, flag).movers.push(step);
  }
  return out;
}

/** What flag-version ordering decides: extra `after` keys per step, and flags each step reads again. */
export interface FlagVersionOrder {
  after: Map<string, string[]>;
  rereads: Map<string, Set<string>>;
}

/**
 * Each step that moves a flag's version gets `after` on every other step relying on a version of
 * that flag in the same project + environment. An edge already implied by the existing order is
 * left out (create → start of one experiment). When the order already puts the relying step after
 * the mover (within one resource a sender never follows a mover, so that takes two experiments
 * that both rely on and move one flag: two starts, or two restarts that configure it), the relying
 * step reads the flag's version again right before it is sent instead. Each question "does this
 * step already run before that one?" is answered from bit sets (step-reach.ts), not a graph walk.
 */
export function flagVersionOrder(steps: readonly DraftStep[]): FlagVersionOrder {
  const next = successors(steps);
  const after = new Map<string, string[]>();
  const rereads = new Map<string, Set<string>>();
  const groups = [...byFlag(steps).entries()].sort(([a], [b]) => compareCodeUnits(a, b));
  for (const [id, { senders, movers }] of groups) {
    if (movers.length === 0) continue;
    const flag = id.split('\u0000')[1] ?? id;
    const reach = stepReach(next, [...new Set([...senders, ...movers].map((s) => s.key))]);
    for (const mover of movers) {
      for (const sender of senders) {
        if (sender.key === mover.key || reach.reaches(sender.key, mover.key)) continue;
        if (reach.reaches(mover.key, sender.key)) {
          rereads.set(sender.key, (rereads.get(sender.key) ?? new Set()).add(flag));
          continue;
        }
        next.get(sender.key)?.add(mover.key);
        reach.addEdge(sender.key, mover.key);
        const list = after.get(mover.key) ?? [];
        list.push(sender.key);
        after.set(mover.key, list);
      }
    }
  }
  return { after, rereads };
}

/** Copies of `steps` ordered by flagVersionOrder: `after` added, re-read versions bound. */
export function orderFlagVersions(steps: readonly DraftStep[]): DraftStep[] {
  const { after, rereads } = flagVersionOrder(steps);
  return steps.map((s) => {
    const keys = after.get(s.key);
    const ordered = keys ? { ...s, after: [...new Set([...(s.after ?? []), ...keys])] } : s;
    const flags = rereads.get(s.key);
    return flags ? readAgain(ordered, flags) : ordered;
  });
}

/**
 * The step with the versions of `flags` read right before it is sent: the body leaves them out and
 * a read binding per flag fills them in. A start that sends no version for one of them (its draft
 * was saved with the plan-time version) first gets the draft's flags refreshed in the same patch.
 */
function readAgain(step: DraftStep, flags: ReadonlySet<string>): DraftStep {
  const sent = new Set(flagVersionsSent(step.body));
  const refresh = step.startFlags !== undefined && [...flags].some((f) => !sent.has(f));
  let body = refresh ? withFlagsRefresh(step.body, step.startFlags ?? {}) : step.body;
  const bindings = [...step.bindings];
  const match = ENVIRONMENT_PATH.exec(step.path);
  const project = decodeURIComponent(match?.[1] ?? '');
  const environment = decodeURIComponent(match?.[2] ?? '');
  for (const { flag, pointer } of flagVersionPointers(body)) {
    if (!flags.has(flag)) continue;
    body = withoutVersionAt(body, pointer);
    const binding: ReadBinding = {
      bodyPointer: pointer,
      fromGet: flagPath(project, flag, environment),
      responsePointer: toPointer(['environments', environment, 'version']),
    };
    bindings.push(binding);
  }
  const names = [...flags].map((f) => `"${f}"`).join(', ');
  const reason =
    `${step.reason}; ${refresh ? "first it refreshes the draft's flags, with " : 'with '}the version of ` +
    `${flags.size === 1 ? 'flag' : 'flags'} ${names} read again right before sending, because an earlier step of this apply changes it`;
  const instructions = refresh ? instructionKinds(body) : step.instructions;
  return { ...step, body: withComment(body, reason), bindings, instructions, reason };
}

interface PatchBody {
  comment?: string;
  instructions: { kind: string; value?: Record<string, unknown>; [k: string]: unknown }[];
}

function isPatchBody(body: unknown): body is PatchBody {
  return isRecord(body) && Array.isArray(body['instructions']);
}

/** A start patch whose `updateExperimentFields` (added before `startIteration` when absent) sets `flags`. */
function withFlagsRefresh(body: unknown, flags: Record<string, FlagInputBody>): unknown {
  if (!isPatchBody(body)) return body;
  const copy = structuredClone(body);
  const update = { operation: 'update', value: structuredClone(flags) };
  const edit = copy.instructions.find((i) => i.kind === 'updateExperimentFields');
  if (edit) {
    edit.value = { ...(edit.value ?? {}), flags: update };
  } else {
    const start = copy.instructions.findIndex((i) => i.kind === 'startIteration');
    copy.instructions.splice(Math.max(start, 0), 0, { kind: 'updateExperimentFields', value: { flags: update } });
  }
  return copy;
}

function instructionKinds(body: unknown): string[] {
  return isPatchBody(body) ? body.instructions.map((i) => i.kind) : [];
}

/** The audit-log comment of a semantic patch follows the step's reason. */
function withComment(body: unknown, reason: string): unknown {
  return isPatchBody(body) && body.comment !== undefined ? { ...body, comment: `ldexp: ${reason}` } : body;
}

/** A copy of `body` where the FlagInput whose version `pointer` names has no `flagConfigVersion`. */
function withoutVersionAt(body: unknown, pointer: string): unknown {
  const copy = structuredClone(body);
  const path = parsePointer(pointer).slice(0, -1);
  const flag = path.pop();
  let parent: unknown = copy;
  for (const segment of path) {
    parent = Array.isArray(parent)
      ? (parent[Number(segment)] as unknown)
      : isRecord(parent)
        ? parent[segment]
        : undefined;
  }
  const input = isRecord(parent) && flag !== undefined ? parent[flag] : undefined;
  if (isRecord(parent) && flag !== undefined && isRecord(input)) {
    parent[flag] = Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'flagConfigVersion'));
  }
  return copy;
}
