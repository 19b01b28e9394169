/** The typed diff of one resource. */
import type { Operation } from 'fast-json-patch';

import type { FieldChange } from '../plan/types.js';
import type { FieldRule } from './rules.js';

export interface ResourceDiff<T> {
  desired?: T;
  live?: T;
  /** Desired exists, live does not. */
  isCreate: boolean;
  /** Live exists, desired does not. */
  isDelete: boolean;
  /** Both exist and differ. */
  isUpdate: boolean;
  /** Nothing to do. */
  isEmpty: boolean;
  /** JSON-patch operations live → desired (fast-json-patch `compare`). */
  ops: Operation[];
  /** Operations on metadata fields (name, description, maintainerId, tags). */
  metadataOps: Operation[];
  /** Operations on design fields (everything a running iteration cannot take in place). */
  designOps: Operation[];
  /** The rules of the fields that changed, in rule-table order, each once. */
  fields: FieldRule[];
  /** The same changes for people: names, not IDs. */
  changes: FieldChange[];
}
