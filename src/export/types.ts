/** What export produces: manifest files as text, and what could not be said faithfully. */
import type { Target } from '../types.js';

export interface ExportOptions {
  /** The project exported. */
  project: string;
  /** The environments exported, in the order given (all of the project's when none was named). */
  environments: readonly string[];
  /** Archived experiments are left out unless asked for. */
  includeArchived: boolean;
  /** Where the live state came from: the API base URL, never a token. */
  source: string;
  /** When it was read, ISO 8601. */
  exportedAt: string;
}

/** A live value the manifest format cannot state exactly: `field` is a JSON pointer into the manifest. */
export interface ExportWarning {
  /** `experiment/<project>/<env>/<key>` or `holdout/…`. */
  address: string;
  field: string;
  message: string;
}

export interface ExportedFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  text: string;
  kind: 'Config' | 'Experiment' | 'Holdout';
  /** The resource address, for experiments and holdouts. */
  address?: string;
}

export interface ExportResult {
  files: ExportedFile[];
  warnings: ExportWarning[];
  /** Archived experiments left out (without `includeArchived`), by address. */
  archivedSkipped: string[];
}

/** A manifest document as plain data, keys in the order they are written. */
export type ManifestData = Record<string, unknown>;

/** One live resource in its manifest form. */
export interface ExportedResource {
  kind: 'Experiment' | 'Holdout';
  target: Target;
  key: string;
  address: string;
  /** Undefined when the resource has no manifest form (its warnings say why). */
  document: ManifestData | undefined;
  warnings: ExportWarning[];
}
