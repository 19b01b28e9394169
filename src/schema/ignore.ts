/**
 * Field ownership: which manifest fields may be handed to the LaunchDarkly UI (`spec.ignore` of a
 * document, `ignore` of the Config), and the check that every listed pointer names one. A pointer
 * that is not a field of the kind per its JSON Schema is `IgnoreUnknownField`; a field that exists
 * but must stay in Git (identity, lifecycle, the experiment's design) is `IgnoreNotAllowed`.
 */
import type { ErrorObject } from 'ajv';

import { parsePointer, pointerToPath } from '../util/json-pointer.js';
import { ANALYSIS_SETTINGS } from '../manifest/types.js';
import type { ParsedDocument } from '../manifest/types.js';
import type { Problem } from '../types.js';
import { problemAt } from '../manifest/problem.js';

export type OwnedKind = 'Experiment' | 'Holdout';

/**
 * What may be owned elsewhere. Each is a field whose live value can be read back and sent again
 * unchanged (see src/normalize/ownership.ts), so handing it to the UI can never reset it.
 */
export const IGNORABLE: Readonly<Record<OwnedKind, readonly string[]>> = {
  Experiment: [
    '/spec/name',
    '/spec/description',
    '/spec/maintainerId',
    '/spec/tags',
    '/spec/methodology',
    '/spec/dataSource',
    '/spec/analysis',
    ...ANALYSIS_SETTINGS.map((setting) => `/spec/analysis/${setting}`),
    '/spec/iteration/hypothesis',
    '/spec/iteration/randomizationUnit',
    '/spec/iteration/attributes',
    '/spec/iteration/canReshuffleTraffic',
    '/spec/iteration/reallocationFrequencyMillis',
  ],
  Holdout: [
    '/spec/name',
    '/spec/description',
    '/spec/maintainerId',
    '/spec/randomizationUnit',
    '/spec/attributes',
    '/spec/holdoutAmount',
    '/spec/primaryMetric',
  ],
};

const INSTRUCTIONS = new Set([
  '/spec/state',
  '/spec/stop',
  '/spec/ignore',
  '/spec/iteration/changeJustification',
  '/spec/iteration/replacesIteration',
]);

/** Why a field that exists cannot be owned elsewhere, in words. */
function whyNot(kind: OwnedKind, pointer: string): string {
  const top = parsePointer(pointer)[0];
  if (top === 'apiVersion' || top === 'kind' || top === 'metadata') return 'it identifies the document';
  if ([...INSTRUCTIONS].some((p) => pointer === p || pointer.startsWith(`${p}/`))) {
    return 'it is an instruction to ldexp, not a field LaunchDarkly holds';
  }
  if (pointer === '/spec/holdout')
    return 'leave `holdout` out of the manifest instead: an omitted holdout is not managed';
  if (IGNORABLE[kind].some((p) => pointer.startsWith(`${p}/`))) return 'only the whole field can be owned elsewhere';
  return kind === 'Experiment'
    ? "it is part of the experiment's design (what it measures and how traffic splits), which Git always owns"
    : "it is part of the holdout's design, which Git always owns";
}

/** A kind's validator; its errors are verbose (they carry the parent schema). */
type Validator = ((data: unknown) => boolean) & { errors?: readonly ErrorObject[] | null };

/**
 * Whether a pointer names a field of the kind per its JSON Schema, asked of the kind's (generated)
 * validator: a document holding only that path gets `additionalProperties` at the first segment the
 * schema does not have (its parent schema lists the fields there), or `type` where a value that is
 * not an object stands in the way.
 */
export function schemaField(
  validate: Validator,
  pointer: string,
): { found: true } | { found: false; fields: string[] } {
  const segments = parsePointer(pointer);
  const probe: Record<string, unknown> = {};
  let node = probe;
  for (const segment of segments.slice(0, -1)) node = node[segment] = {};
  node[segments.at(-1) ?? ''] = null;
  validate(probe);
  for (const error of validate.errors ?? []) {
    const path = parsePointer(error.instancePath);
    const prefix = path.every((segment, i) => segments[i] === segment);
    if (!prefix) continue;
    if (error.keyword === 'additionalProperties') {
      const missing = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      if (segments[path.length] !== missing) continue;
      const properties = (error.parentSchema as { properties?: object } | undefined)?.properties ?? {};
      return { found: false, fields: Object.keys(properties) };
    }
    const expected = [(error.params as { type?: unknown }).type].flat();
    if (error.keyword === 'type' && path.length < segments.length && !expected.includes('array')) {
      return { found: false, fields: [] };
    }
  }
  return { found: true };
}

export interface IgnoreCheck {
  /** The document and where its list of pointers is (`/spec/ignore`, or `/ignore` in a Config). */
  doc: ParsedDocument;
  at: string;
  pointers: readonly string[];
  /** The kinds the pointers apply to: one for a resource, both for the Config. */
  kinds: readonly OwnedKind[];
  /** The validator of each kind (src/schema/validators.ts). */
  schemas: Readonly<Record<OwnedKind, Validator>>;
}

/** A problem per pointer that names no field of any of the kinds, or only fields that must stay in Git. */
export function checkIgnore(check: IgnoreCheck): Problem[] {
  return check.pointers.flatMap((pointer, index) => {
    const at = `${check.at}/${String(index)}`;
    const where = `${pointerToPath(check.at)}[${String(index)}]`;
    const kinds = check.kinds.filter((kind) => schemaField(check.schemas[kind], pointer).found);
    const kindWords = check.kinds.join(' or ');
    if (kinds.length === 0) {
      const first = check.kinds[0] ?? 'Experiment';
      const result = schemaField(check.schemas[first], pointer);
      const fields = result.found ? [] : result.fields;
      const message = `${where}: ${pointer} is not a field of ${article(kindWords)} ${kindWords}${fields.length > 0 ? `; fields there: ${fields.join(', ')}` : ''}`;
      return [problemAt(check.doc, at, 'IgnoreUnknownField', message, { candidates: ignorableOf(check.kinds) })];
    }
    if (kinds.some((kind) => IGNORABLE[kind].includes(pointer))) return [];
    const message = `${where}: ${pointer} cannot be owned elsewhere: ${whyNot(kinds[0] ?? 'Experiment', pointer)}; fields that can: ${ignorableOf(kinds).join(', ')}`;
    return [problemAt(check.doc, at, 'IgnoreNotAllowed', message, { candidates: ignorableOf(kinds) })];
  });
}

function ignorableOf(kinds: readonly OwnedKind[]): string[] {
  return [...new Set(kinds.flatMap((kind) => IGNORABLE[kind]))];
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

/**
 * The pointers owned elsewhere for one resource: its own, then the Config's that apply to its
 * kind; sorted, without repeats, absent when none.
 */
export function ownedPointers(
  kind: OwnedKind,
  own: readonly string[] | undefined,
  config: readonly string[] | undefined,
): string[] | undefined {
  const all = [...(own ?? []), ...(config ?? []).filter((p) => IGNORABLE[kind].includes(p))];
  return all.length > 0 ? [...new Set(all)].sort() : undefined;
}
