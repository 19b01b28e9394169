/**
 * The pure validation stage: parsed documents → the desired model plus every problem found.
 * Order of gates: envelope and schema per document, then semantic rules per document, then rules
 * across documents (one Config, targets known, keys unique). Only documents without errors reach
 * the model; callers must not plan while any error-severity problem exists.
 */
import type { ManifestSet, ManifestSource, ParsedDocument, TargetDefaults } from '../manifest/types.js';
import type { Problem, SourcePosition, Target } from '../types.js';
import { buildConfig, buildExperiment, buildHoldout, sourceOf } from './build.js';
import { checkDocument } from './check.js';
import type { CompiledSchemas } from './compile.js';
import type { Checked } from './documents.js';
import { formatPosition, problemAt, sortProblems } from './problems.js';
import type { ReportOptions } from './problems.js';
import { experimentRules, holdoutRules } from './rules/index.js';
import type { Rule } from './rules/index.js';
import { allowListsOf, listNamesProject, refusalReason, refusingList } from './allowed-targets.js';
import type { AllowList } from './allowed-targets.js';
import { resolveTargets } from './targets.js';
import { checkIgnore } from './ignore.js';
import { appendAll } from '../manifest/append.js';

type Resource = Exclude<Checked, { kind: 'Config' }>;

interface Placed {
  resource: Resource;
  target: Target;
  /** Shared by every experiment expanded from one document. */
  source: ManifestSource;
  /** The document had an error of its own; it is checked for duplicates but not built. */
  failed: boolean;
}

/** Validate every document and build the desired model from the valid ones. */
export function validateDocuments(
  docs: readonly ParsedDocument[],
  defaults: TargetDefaults,
  schemas: CompiledSchemas,
): { manifests: ManifestSet; problems: Problem[] } {
  const problems: Problem[] = [];
  const checked = docs.flatMap((doc) => {
    const result = checkDocument(doc, schemas);
    appendAll(problems, result.problems);
    return result.checked ? [result.checked] : [];
  });
  const configs = checked.flatMap((c) => (c.kind === 'Config' ? [c] : []));
  appendAll(problems, multipleConfigs(configs));
  for (const c of configs) appendAll(problems, ignoreProblems(c, schemas));
  const config = buildConfig(configs[0]?.data, configs[0]?.doc.file);
  const lists = allowListsOf(config, defaults);
  const placed = checked.flatMap((c) => (c.kind === 'Config' ? [] : place(c, defaults, config, problems, schemas)));
  for (const p of placed) if (refuseTarget(p, lists, problems)) p.failed = true;
  const duplicates = duplicateKeys(placed);
  appendAll(problems, duplicates.problems);
  const valid = placed.filter((p) => !p.failed && !duplicates.seconds.has(p));
  return {
    manifests: {
      config,
      experiments: valid.flatMap(({ resource: r, target, source }) =>
        r.kind === 'Experiment' ? [buildExperiment(r.data, target, source, config)] : [],
      ),
      holdouts: valid.flatMap(({ resource: r, target, source }) =>
        r.kind === 'Holdout' ? [buildHoldout(r.data, target, source, config)] : [],
      ),
      files: [...new Set(docs.map((d) => d.file))],
      // Which files the paths left out is only known to the loader, which narrows this.
      scope: { limits: [] },
    },
    problems: sortProblems(problems),
  };
}

/** Run the kind's rules and resolve the document's targets; problems go to `sink`. */
function place(
  resource: Resource,
  defaults: TargetDefaults,
  config: ManifestSet['config'],
  sink: Problem[],
  schemas: CompiledSchemas,
): Placed[] {
  const own = resource.kind === 'Experiment' ? runRules(resource, experimentRules) : runRules(resource, holdoutRules);
  appendAll(own, ignoreProblems(resource, schemas));
  const { targets, missing } = resolveTargets(resource.data.metadata, defaults, config);
  for (const field of missing) {
    const message = `${resource.kind} "${resource.data.metadata.key}": no ${field}; set metadata.${field}, --${field}, or ${field} in a Config document`;
    own.push(problemAt(resource.doc, `/metadata/${field}`, 'MissingTarget', message));
  }
  appendAll(sink, own);
  const failed = own.some((p) => p.severity === 'error');
  const source = sourceOf(resource.doc);
  return targets.map((target) => ({ resource, target, source, failed }));
}

/**
 * A target outside an allow-list is an error at the metadata that names it: the environment when
 * the list knows the project, else the project (the nearest ancestor when a default supplied it).
 */
function refuseTarget(placed: Placed, lists: readonly AllowList[], sink: Problem[]): boolean {
  const list = refusingList(placed.target, lists);
  if (!list) return false;
  const { kind, doc, data } = placed.resource;
  const environments = 'environments' in data.metadata ? data.metadata.environments : undefined;
  const index = environments?.indexOf(placed.target.environment) ?? -1;
  const environmentPointer = index >= 0 ? `/metadata/environments/${String(index)}` : '/metadata/environment';
  const pointer = listNamesProject(list, placed.target.project) ? environmentPointer : '/metadata/project';
  const message = `${kind} "${data.metadata.key}": target ${refusalReason(placed.target, list)}; nothing is read or sent for a run with a refused target`;
  sink.push(problemAt(doc, pointer, 'TargetNotAllowed', message));
  return true;
}

function runRules<T>(checked: { doc: ParsedDocument; data: T }, rules: readonly Rule<T>[]): Problem[] {
  const problems: Problem[] = [];
  const report = (code: string, pointer: string, message: string, options?: ReportOptions): void => {
    problems.push(problemAt(checked.doc, pointer, code, message, options));
  };
  const locate = (pointer: string): SourcePosition => checked.doc.locate(pointer);
  for (const rule of rules) rule({ doc: checked.data, report, locate });
  return problems;
}

/** Every `ignore` pointer names a field that may be owned elsewhere (src/schema/ignore.ts). */
function ignoreProblems(checked: Checked, schemas: CompiledSchemas): Problem[] {
  const kindSchemas = { Experiment: schemas.Experiment, Holdout: schemas.Holdout };
  if (checked.kind === 'Config') {
    const pointers = checked.data.ignore ?? [];
    return checkIgnore({ doc: checked.doc, at: '/ignore', pointers, kinds: OWNED_KINDS, schemas: kindSchemas });
  }
  const pointers = checked.data.spec.ignore ?? [];
  return checkIgnore({ doc: checked.doc, at: '/spec/ignore', pointers, kinds: [checked.kind], schemas: kindSchemas });
}

const OWNED_KINDS = ['Experiment', 'Holdout'] as const;

/** At most one Config per run: two could disagree about defaults and pruning. */
function multipleConfigs(configs: readonly Extract<Checked, { kind: 'Config' }>[]): Problem[] {
  const [first, ...others] = configs;
  if (!first) return [];
  const at = formatPosition(first.doc.locate(''));
  return others.map((c) =>
    problemAt(
      c.doc,
      '/kind',
      'MultipleConfigs',
      `a second Config document; only one is allowed per run (first at ${at})`,
    ),
  );
}

/** No two documents share project + environment + kind + key; the later one is reported. */
function duplicateKeys(placed: readonly Placed[]): { problems: Problem[]; seconds: Set<Placed> } {
  const first = new Map<string, Placed>();
  const problems: Problem[] = [];
  const seconds = new Set<Placed>();
  for (const p of placed) {
    const { kind, doc, data } = p.resource;
    const id = JSON.stringify([kind, p.target.project, p.target.environment, data.metadata.key]);
    const earlier = first.get(id);
    if (!earlier) {
      first.set(id, p);
      continue;
    }
    const at = formatPosition(earlier.resource.doc.locate('/metadata/key'));
    const message = `${kind} "${data.metadata.key}" in ${p.target.project}/${p.target.environment} is already defined at ${at}`;
    problems.push(problemAt(doc, '/metadata/key', 'DuplicateKey', message));
    seconds.add(p);
  }
  return { problems, seconds };
}
