/** What pull computes: in-place edits of manifest files, new files, and what it left alone. */
import type { ExportedFile } from '../export/index.js';
import type { YamlPath } from './yaml-edit.js';

/** Set `value` at `path` of a manifest document (delete the key when undefined); `field` names it for people. */
export interface FieldEdit {
  path: YamlPath;
  value: unknown;
  field: string;
}

/** One live resource's edits, or why it was left alone. */
export interface DocumentPull {
  address: string;
  edits: FieldEdit[];
  skipped?: string;
}

export interface PulledFile {
  file: string;
  text: string;
  /** `experiment/web/production/x: spec.iteration.treatments[1].allocationPercent, spec.state`, one per resource. */
  changes: { address: string; fields: string[] }[];
  /** False when the file had to be rewritten by the yaml library (formatting not kept). */
  preserved: boolean;
}

export interface PullNote {
  address: string;
  message: string;
}

export interface PullResult {
  files: PulledFile[];
  /** With `addMissing`: manifests for live resources no manifest describes. */
  created: ExportedFile[];
  notes: PullNote[];
}
