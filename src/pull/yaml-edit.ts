/**
 * Surgical edits of YAML text: each changed value is replaced in place (added keys go after the
 * last key of their mapping, deleted keys take their lines with them), so every byte outside the
 * changed values stays as it was: comments, key order, quoting, flow or block style, line breaks.
 * The result is checked against the same edits made through the yaml Document API; should the two
 * ever disagree, the Document API's text is used instead and the caller is told formatting was lost.
 */
import { isDeepStrictEqual } from 'node:util';

import { Document, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';

import { inlineReferences, YAML_OPTIONS } from '../export/index.js';

export type YamlPath = readonly (string | number)[];

/** Set `value` at `path` of document `documentIndex`, or delete the key when `value` is undefined. */
export interface YamlEdit {
  documentIndex: number;
  path: YamlPath;
  value: unknown;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

export interface EditedText {
  text: string;
  /** False when the in-place edit could not be made and the text was rewritten by the yaml library. */
  preserved: boolean;
}

export function applyYamlEdits(text: string, edits: readonly YamlEdit[]): EditedText {
  if (edits.length === 0) return { text, preserved: true };
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error('internal: pull edits a file without documents');
  const splices: Splice[] = [];
  let surgical = true;
  for (const edit of edits) {
    const doc = documents[edit.documentIndex];
    const splice = doc ? spliceFor(text, doc, edit) : undefined;
    if (splice) splices.push(splice);
    else surgical = false;
  }
  const expected = viaDocumentApi(text, edits);
  if (surgical && !overlapping(splices)) {
    const edited = applySplices(text, splices);
    if (sameData(edited, expected.data)) return { text: edited, preserved: true };
  }
  return { text: expected.text, preserved: false };
}

/** What the file holds after the edits, by the yaml library's own setIn/deleteIn. */
function viaDocumentApi(text: string, edits: readonly YamlEdit[]): { text: string; data: unknown[] } {
  const documents = parseAllDocuments(text) as Document[];
  for (const edit of edits) {
    const doc = documents[edit.documentIndex];
    if (!doc) continue;
    if (edit.value === undefined) deleteWithEmptyParents(doc, edit.path);
    else doc.setIn(edit.path, doc.createNode(edit.value));
  }
  return {
    text: documents.map((d) => d.toString(YAML_OPTIONS)).join(''),
    data: documents.map((d) => d.toJS() as unknown),
  };
}

/** A mapping left empty by a deletion goes too, as the in-place deletion removes it. */
function deleteWithEmptyParents(doc: Document, path: YamlPath): void {
  doc.deleteIn(path);
  const parentPath = path.slice(0, -1);
  const parent = doc.getIn(parentPath, true);
  if (parentPath.length > 0 && isMap(parent) && parent.items.length === 0) deleteWithEmptyParents(doc, parentPath);
}

function sameData(text: string, expected: unknown[]): boolean {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return false;
  return isDeepStrictEqual(
    documents.map((d) => d.toJS() as unknown),
    expected,
  );
}

function overlapping(splices: readonly Splice[]): boolean {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((s, i) => i > 0 && s.start < (sorted[i - 1]?.end ?? 0));
}

function applySplices(text: string, splices: readonly Splice[]): string {
  // From the end backwards, so earlier offsets stay valid; an insertion at the end of a replaced value goes after it.
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of ordered) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function spliceFor(text: string, doc: Document, edit: YamlEdit): Splice | undefined {
  const parentPath = edit.path.slice(0, -1);
  const key = edit.path.at(-1);
  if (key === undefined) return undefined;
  const parent = doc.getIn(parentPath, true);
  if (edit.value === undefined) return isMap(parent) ? deletion(text, doc, parentPath, parent, key) : undefined;
  if (isMap(parent) || isSeq(parent)) {
    const node = parent.get(key, true) as unknown;
    if (isScalar(node) || isCollection(node)) return replacement(text, node, edit.value);
    if (isMap(parent) && !parent.flow) return addition(text, parent, key, edit.value);
    return undefined;
  }
  // The parent mapping itself is missing: add it, holding the value, to the nearest one that exists.
  if (parent === undefined && parentPath.length > 0) {
    return spliceFor(text, doc, {
      documentIndex: edit.documentIndex,
      path: parentPath,
      value: typeof key === 'number' ? [edit.value] : { [key]: edit.value },
    });
  }
  return undefined;
}

/** A value in place: inline for scalars and flow collections, a block at the same indentation for block ones. */
function replacement(text: string, node: Node, value: unknown): Splice | undefined {
  const range = node.range;
  if (!range) return undefined;
  const start = range[0];
  const end = contentEnd(node);
  if (isCollection(node) && !node.flow && isObject(value) && !isEmpty(value)) {
    const column = start - lineStart(text, start);
    return { start, end, text: indentLater(renderBlock(value), column) };
  }
  const inline = renderInline(value, isScalar(node) ? node.type : undefined);
  if (isCollection(node) && !node.flow) {
    // A block collection becoming `[]` or a scalar moves up next to its key (`metrics: []`).
    let at = start;
    while (at > 0 && /\s/.test(text[at - 1] ?? '')) at -= 1;
    if (text[at - 1] === ':' || text[at - 1] === '-') return { start: at, end, text: ` ${inline}` };
  }
  return { start, end, text: inline };
}

/** `key: value` after the last key of a block mapping, at that key's indentation. */
function addition(text: string, map: YAMLMap, key: string | number, value: unknown): Splice | undefined {
  const last = map.items.at(-1);
  const first = map.items[0];
  if (!last || !first || !isScalar(first.key) || !first.key.range) return undefined;
  const column = first.key.range[0] - lineStart(text, first.key.range[0]);
  const at = lineEnd(text, pairEnd(last));
  const entry = indentLater(renderBlock({ [key]: value }), column);
  return { start: at, end: at, text: `\n${' '.repeat(column)}${entry}` };
}

/** A key and its value go with their lines; the last key of a mapping takes its parent's key instead. */
function deletion(
  text: string,
  doc: Document,
  parentPath: YamlPath,
  map: YAMLMap,
  key: string | number,
): Splice | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair) return { start: 0, end: 0, text: '' };
  if (map.items.length === 1 && parentPath.length > 0) {
    const grandParent = doc.getIn(parentPath.slice(0, -1), true);
    const parentKey = parentPath.at(-1);
    return isMap(grandParent) && parentKey !== undefined
      ? deletion(text, doc, parentPath.slice(0, -1), grandParent, parentKey)
      : undefined;
  }
  if (map.flow || !isScalar(pair.key) || !pair.key.range) return undefined;
  const start = lineStart(text, pair.key.range[0]);
  const end = lineEnd(text, pairEnd(pair));
  return { start, end: Math.min(text.length, end + 1), text: '' };
}

/** Where a pair's content ends: its value's last character, before any trailing comment. */
function pairEnd(pair: Pair): number {
  if (isScalar(pair.value) || isCollection(pair.value)) return contentEnd(pair.value);
  return isScalar(pair.key) && pair.key.range ? pair.key.range[1] : 0;
}

function contentEnd(node: Node): number {
  if (isCollection(node) && !node.flow) {
    const last = node.items.at(-1);
    if (isPair(last)) return pairEnd(last);
    if (isScalar(last) || isCollection(last)) return contentEnd(last);
  }
  return node.range?.[1] ?? 0;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: object): boolean {
  return Object.keys(value).length === 0;
}

/** Block YAML as export writes it (one-key references inline), without the final newline. */
function renderBlock(value: unknown): string {
  const doc = new Document(value);
  inlineReferences(doc);
  return doc.toString(YAML_OPTIONS).replace(/\n$/, '');
}

function indentLater(block: string, column: number): string {
  return block
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `${' '.repeat(column)}${line}`))
    .join('\n');
}

/** One line of YAML for a value; a string keeps the quoting style the old value had. */
function renderInline(value: unknown, style: Scalar['type'] | undefined): string {
  if (typeof value === 'string') {
    if (style === 'QUOTE_DOUBLE' || value.includes('\n')) return JSON.stringify(value);
    if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  }
  const doc = new Document(value);
  inlineReferences(doc);
  const text = doc.toString({ ...YAML_OPTIONS, collectionStyle: 'flow' }).replace(/\n$/, '');
  return text.includes('\n') ? JSON.stringify(value) : text;
}
