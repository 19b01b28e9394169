/**
 * Documents as the schemas accept them: what a person wrote, before defaults are filled in and
 * the `variation:` shorthand is expanded. Rules read these; `build.ts` turns them into the desired model.
 */
import type { ExperimentSpec, HoldoutSpec, IterationSpec, ParsedDocument, VariationRef } from '../manifest/types.js';

export type Kind = 'Experiment' | 'Holdout' | 'Config';
export const KINDS: readonly Kind[] = ['Experiment', 'Holdout', 'Config'];
export const API_VERSION = 'ldexp/v1';

export interface MetadataDocument {
  key: string;
  project?: string;
  environment?: string;
  environments?: string[];
}

export interface TreatmentDocument {
  name: string;
  baseline?: boolean;
  allocationPercent: number;
  variation?: VariationRef;
  variations?: Record<string, VariationRef>;
}

type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type IterationDocument = Defaulted<
  Omit<IterationSpec, 'treatments'>,
  'randomizationUnit' | 'canReshuffleTraffic' | 'metrics'
> & { treatments: TreatmentDocument[] };

export type ExperimentSpecDocument = Defaulted<
  Omit<ExperimentSpec, 'iteration'>,
  'methodology' | 'dataSource' | 'type'
> & { iteration: IterationDocument; ignore?: string[] };

export interface ExperimentDocument {
  apiVersion: typeof API_VERSION;
  kind: 'Experiment';
  metadata: MetadataDocument;
  spec: ExperimentSpecDocument;
}

export interface HoldoutDocument {
  apiVersion: typeof API_VERSION;
  kind: 'Holdout';
  metadata: Omit<MetadataDocument, 'environments'>;
  spec: Defaulted<HoldoutSpec, 'randomizationUnit'> & { ignore?: string[] };
}

export interface ConfigDocument {
  apiVersion: typeof API_VERSION;
  kind: 'Config';
  project?: string;
  environment?: string;
  prune?: boolean;
  managedTag?: string;
  allowedTargets?: string[];
  ignore?: string[];
  exclude?: string[];
}

/** A parsed document that passed its kind's schema. */
export type Checked =
  | { kind: 'Experiment'; doc: ParsedDocument; data: ExperimentDocument }
  | { kind: 'Holdout'; doc: ParsedDocument; data: HoldoutDocument }
  | { kind: 'Config'; doc: ParsedDocument; data: ConfigDocument };
