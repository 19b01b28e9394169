/**
 * Flag versions (ld-api-notes §9 #19). Starting, stopping or restarting an iteration changes its
 * flags' environment version, and LaunchDarkly rejects a `flagConfigVersion` that is not current,
 * including the one a draft saved when it is started. Bodies carry plan-time versions on purpose
 * (they refuse foreign flag changes made between plan and apply), so every step that sends a
 * version for a flag, or starts a draft that holds one, runs before the steps of the same apply
 * that move that flag's version. When no order can do that (two starts or restarts on one flag),
 * the later step reads the version again right before it is sent: a read binding, shown in the plan.
 */
import { compareCodeUnits } from '../util/compare.js';
import { toPointer } from '../util/json-pointer.js';
import { flagVersionsOf, withRequest, type DraftStep, type StepRequest } from './draft.js';
import type { FlagInputBody, FlagsUpdate } from './instructions.js';
import { flagPath } from './paths.js';
import { stepReach } from './step-reach.js';
import { bindingSteps, type ReadBinding } from './types.js';

/** Flags whose current version a step relies on: those it sends, and those of a draft it starts. */
function versionsRelied(step: DraftStep): string[] {
  return [...new Set([...step.flagVersions.map((v) => v.flag), ...Object.keys(step.startFlags ?? {})])].sort();
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
  /** Flag versions are per project + environment: the group's place in its target's environment. */
  project: string;
  environment: string;
  flag: string;
  senders: DraftStep[];
  movers: DraftStep[];
}

/** Senders (steps relying on a version) and movers per project + environment + flag, in step creation order. */
function byFlag(steps: readonly DraftStep[]): FlagSteps[] {
  const out = new Map<string, FlagSteps>();
  const entry = (step: DraftStep, flag: string): FlagSteps => {
    const { project, environment } = step.target;
    const id = JSON.stringify([project, environment, flag]);
    const found = out.get(id) ?? { project, environment, flag, senders: [], movers: [] };
    out.set(id, found);
    return found;
  };
  for (const step of steps) {
    for (const flag of versionsRelied(step)) entry(step, flag).senders.push(step);
    for (const flag of step.movesFlagVersions ?? []) entry(step, flag).movers.push(step);
  }
  // Groups of different environments share no step, so only the order of flags within one matters.
  return [...out.values()].sort(
    (a, b) =>
      compareCodeUnits(a.project, b.project) ||
      compareCodeUnits(a.environment, b.environment) ||
      compareCodeUnits(a.flag, b.flag),
  );
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
  for (const { flag, senders, movers } of byFlag(steps)) {
    if (movers.length === 0) continue;
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
 * The step with the versions of `flags` read right before it is sent: the request leaves them out
 * and a read binding per flag fills them in. A start that sends no version for one of them (its
 * draft was saved with the plan-time version) first gets the draft's flags refreshed in the same patch.
 */
function readAgain(step: DraftStep, flags: ReadonlySet<string>): DraftStep {
  const sent = new Set(step.flagVersions.map((v) => v.flag));
  const refresh = step.startFlags !== undefined && [...flags].some((f) => !sent.has(f));
  const request = refresh ? withFlagsRefresh(step.request, step.startFlags ?? {}) : step.request;
  const { project, environment } = step.target;
  const bindings = [
    ...step.bindings,
    ...flagVersionsOf(request)
      .filter((v) => flags.has(v.flag))
      .map((v): ReadBinding => ({
        bodyPointer: v.pointer,
        fromGet: flagPath(project, v.flag, environment),
        responsePointer: toPointer(['environments', environment, 'version']),
      })),
  ];
  const names = [...flags].map((f) => `"${f}"`).join(', ');
  const reason =
    `${step.reason}; ${refresh ? "first it refreshes the draft's flags, with " : 'with '}the version of ` +
    `${flags.size === 1 ? 'flag' : 'flags'} ${names} read again right before sending, because an earlier step of this apply changes it`;
  return { ...withRequest(step, withoutVersions(request, flags), reason), bindings };
}

/** A start patch whose `updateExperimentFields` (added before `startIteration` when absent) sets `flags`. */
function withFlagsRefresh(request: StepRequest, flags: Record<string, FlagInputBody>): StepRequest {
  if (request.kind !== 'patchExperiment') return request;
  const update: FlagsUpdate = { operation: 'update', value: structuredClone(flags) };
  const instructions = [...request.instructions];
  const edit = instructions.findIndex((i) => i.kind === 'updateExperimentFields');
  const found = instructions[edit];
  if (found?.kind === 'updateExperimentFields') {
    instructions[edit] = { ...found, value: { ...found.value, flags: update } };
  } else {
    const start = instructions.findIndex((i) => i.kind === 'startIteration');
    instructions.splice(Math.max(start, 0), 0, { kind: 'updateExperimentFields', value: { flags: update } });
  }
  return { ...request, instructions };
}

/** The request with no `flagConfigVersion` for `flags`, wherever it sends FlagInputs. */
function withoutVersions(request: StepRequest, flags: ReadonlySet<string>): StepRequest {
  const strip = (inputs: Record<string, FlagInputBody>): Record<string, FlagInputBody> =>
    Object.fromEntries(
      Object.entries(inputs).map(([flag, input]) => {
        if (!flags.has(flag)) return [flag, input];
        const rest: FlagInputBody = { ...input };
        delete rest.flagConfigVersion;
        return [flag, rest];
      }),
    );
  const stripUpdate = (update: FlagsUpdate): FlagsUpdate => ({ ...update, value: strip(update.value) });
  switch (request.kind) {
    case 'createExperiment':
      return {
        ...request,
        body: { ...request.body, iteration: { ...request.body.iteration, flags: strip(request.body.iteration.flags) } },
      };
    case 'createIteration':
      return { ...request, body: { ...request.body, flags: strip(request.body.flags) } };
    case 'patchExperiment':
      return {
        ...request,
        instructions: request.instructions.map((i) =>
          (i.kind === 'updateExperimentFields' || i.kind === 'saveAndStartNewIteration') && i.value?.flags
            ? { ...i, value: { ...i.value, flags: stripUpdate(i.value.flags) } }
            : i,
        ),
      };
    default:
      return request;
  }
}
