/**
 * Pull (pure): the reverse of apply. Each manifest document describing a live experiment or
 * holdout is edited in place to say what LaunchDarkly holds, for the fields that drifted; with
 * `addMissing`, live resources of the same targets that no manifest describes get new files in
 * export's layout. LaunchDarkly is never written to.
 */
import { isDeepStrictEqual } from 'node:util';

import { LdexpError } from '../errors.js';

import { exportEnvironment, filePath, renderYaml } from '../export/index.js';
import type { ExportedFile } from '../export/index.js';
import type { LiveState } from '../live/types.js';
import { describeLimits, isWholeRun } from '../manifest/index.js';
import type { ManifestSet, ManifestSource } from '../manifest/types.js';
import { pullExperiment } from './experiment.js';
import { pullHoldout } from './holdout.js';
import type { DocumentPull, FieldEdit, PullNote, PullResult, PulledFile } from './types.js';
import { applyYamlEdits, type YamlEdit } from './yaml-edit.js';

export interface PullInput {
  manifests: ManifestSet;
  live: LiveState;
  /** The text of every manifest file, by the name `ManifestSource.file` gives it. */
  texts: ReadonlyMap<string, string>;
  addMissing: boolean;
  /** For the header of new files. */
  source: string;
  exportedAt: string;
}

interface DocumentKey {
  file: string;
  documentIndex: number;
}

/**
 * `--add-missing` writes a file for every live resource no manifest of the run describes, so the
 * run must hold every manifest there is: a file left out (or a `--target` KEY selection) would
 * make what it describes look missing, and pull would write a second manifest for it. Without a
 * Config there is no managed set to compare with, and the paths given are taken as the whole.
 */
export function assertAddMissingAllowed(manifests: ManifestSet): void {
  if (isWholeRun(manifests.scope)) return;
  throw new LdexpError(
    'AddMissingPartialRun',
    `pull --add-missing needs the whole managed set, since any manifest of it may describe what looks missing here. ${describeLimits(manifests.scope)} Run it on every manifest (without a --target KEY), or leave out --add-missing; nothing was written`,
    'user',
  );
}

export function pullManifests(input: PullInput): PullResult {
  if (input.addMissing) assertAddMissingAllowed(input.manifests);
  const notes: PullNote[] = [];
  // An `environments: [a, b]` document is one experiment per environment: all must want the same edits.
  const byDocument = new Map<string, { source: DocumentKey; pulls: DocumentPull[] }>();
  const add = (source: ManifestSource, pull: DocumentPull): void => {
    const id = `${source.file}\u0000${String(source.documentIndex)}`;
    const entry = byDocument.get(id) ?? {
      source: { file: source.file, documentIndex: source.documentIndex },
      pulls: [],
    };
    entry.pulls.push(pull);
    byDocument.set(id, entry);
  };
  for (const manifest of input.manifests.experiments)
    add(manifest.source, pullExperiment(manifest, input.manifests, input.live));
  for (const manifest of input.manifests.holdouts) add(manifest.source, pullHoldout(manifest, input.live));

  const editsByFile = new Map<string, { edits: YamlEdit[]; changes: PulledFile['changes'] }>();
  for (const { source, pulls } of byDocument.values()) {
    const edits = agreedEdits(pulls, notes);
    if (edits.length === 0) continue;
    const entry = editsByFile.get(source.file) ?? { edits: [], changes: [] };
    entry.edits.push(...edits.map((e) => ({ documentIndex: source.documentIndex, path: e.path, value: e.value })));
    for (const pull of pulls)
      entry.changes.push({ address: pull.address, fields: [...new Set(edits.map((e) => e.field))] });
    editsByFile.set(source.file, entry);
  }
  const files: PulledFile[] = [];
  for (const [file, { edits, changes }] of editsByFile) {
    const text = input.texts.get(file);
    if (text === undefined) continue;
    const edited = applyYamlEdits(text, edits);
    if (edited.text !== text) files.push({ file, text: edited.text, changes, preserved: edited.preserved });
  }
  return { files, created: input.addMissing ? missing(input) : [], notes };
}

/** The edits of one document, when every environment it stands for agrees on them. */
function agreedEdits(pulls: readonly DocumentPull[], notes: PullNote[]): FieldEdit[] {
  for (const pull of pulls)
    if (pull.skipped !== undefined) notes.push({ address: pull.address, message: `not pulled: ${pull.skipped}` });
  const usable = pulls.filter((p) => p.skipped === undefined);
  const [first] = usable;
  if (!first) return [];
  const same = usable.every((p) => isDeepStrictEqual(p.edits, first.edits));
  if (same) return first.edits;
  for (const pull of usable) {
    notes.push({
      address: pull.address,
      message:
        'not pulled: its document stands for several environments, and LaunchDarkly differs between them; split the document per environment',
    });
  }
  return [];
}

/** New files for live experiments (not archived) and holdouts of the run's targets that no manifest describes. */
function missing(input: PullInput): ExportedFile[] {
  const described = new Set(
    [...input.manifests.experiments, ...input.manifests.holdouts].map(
      (m) => `${m.kind}/${m.project}/${m.environment}/${m.key}`,
    ),
  );
  const out: ExportedFile[] = [];
  for (const environment of input.live.environments) {
    for (const resource of exportEnvironment(input.live, environment, { includeArchived: false })) {
      const id = `${resource.kind}/${resource.target.project}/${resource.target.environment}/${resource.key}`;
      if (described.has(id) || resource.document === undefined) continue;
      const header = [
        `Added by ldexp pull from ${input.source} (project ${resource.target.project}, environment ${resource.target.environment}) at ${input.exportedAt}.`,
      ];
      out.push({
        path: filePath(resource),
        kind: resource.kind,
        address: resource.address,
        text: renderYaml([resource.document], header),
      });
    }
  }
  return out;
}
