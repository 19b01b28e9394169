/**
 * Pure map from a JSON pointer of one YAML document to a `file:line:column` range, built on the
 * `yaml` library's node ranges. A pointer to something that does not exist (a missing required
 * property, an index past the end) falls back to the nearest ancestor that does.
 */
import { isAlias, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, Range } from 'yaml';

import type { SourcePosition } from '../types.js';
import { parsePointer } from './pointer.js';

export interface SourceMap {
  /** Position of the value at `pointer`, or of its nearest existing ancestor. */
  locate(pointer: string): SourcePosition;
  /** Position of the key of the mapping entry at `pointer` (falls back like `locate`). */
  locateKey(pointer: string): SourcePosition;
  /**
   * Where a problem about the value at `pointer` should point: a scalar at itself; a mapping or
   * sequence that is a mapping entry's value at its key (`iteration:`), since the collection only
   * starts on its first child's line; a missing value like `locateKey` of its nearest ancestor.
   */
  locateSubject(pointer: string): SourcePosition;
  /** Position of a raw `[start, end]` offset range of the file. */
  positionOf(range: readonly number[]): SourcePosition;
}

interface Found {
  node: Node;
  /** The mapping entry the node is the value of, when the last step went through a mapping. */
  pair?: Pair;
}

/** 1-based line and column of an offset of the file. */
export type LinePos = (offset: number) => { line: number; col: number };

/** Build the source map of one document; `text` is the whole file `linePos` counts lines of. */
export function createSourceMap(file: string, text: string, doc: Document, linePos: LinePos): SourceMap {
  const position = rangePosition(file, text, linePos);
  const rangeOf = (found: Found | undefined, preferKey: boolean): readonly number[] => {
    const key = found?.pair?.key;
    if (preferKey && hasRange(key)) return key.range;
    return found?.node.range ?? doc.range ?? [0, 0];
  };
  return {
    positionOf: position,
    locate: (pointer) => position(rangeOf(walk(doc, parsePointer(pointer)), false)),
    locateKey: (pointer) => {
      const segments = parsePointer(pointer);
      const found = walk(doc, segments);
      // Only prefer the key when the whole pointer resolved; otherwise the ancestor's value is meant.
      const complete = found !== undefined && found.depth === segments.length;
      return position(rangeOf(found, complete));
    },
    locateSubject: (pointer) => {
      const found = walk(doc, parsePointer(pointer));
      const collection = found !== undefined && (isMap(found.node) || isSeq(found.node));
      return position(rangeOf(found, collection));
    },
  };
}

/** The position of an offset range of the file, ending at its last character that is content. */
export function rangePosition(
  file: string,
  text: string,
  linePos: LinePos,
): (range: readonly number[]) => SourcePosition {
  return (range) => {
    const [from = 0, to = from] = range;
    const start = linePos(from);
    const end = linePos(trimEnd(text, from, to));
    return { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
}

function hasRange(value: unknown): value is Node & { range: Range } {
  return isNode(value) && value.range !== undefined && value.range !== null;
}

/** Follow the pointer as far as it goes; `depth` says how many segments were matched. */
function walk(doc: Document, segments: readonly string[]): (Found & { depth: number }) | undefined {
  let current: Found | undefined = doc.contents ? { node: doc.contents } : undefined;
  if (!current) return undefined;
  let depth = 0;
  for (const segment of segments) {
    const next = step(doc, current.node, segment);
    if (!next) break;
    current = next;
    depth += 1;
  }
  return { ...current, depth };
}

function step(doc: Document, parent: Node, segment: string): Found | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
    if (!pair || !isScalar(pair.key)) return undefined;
    // `key:` with no value still has a (null) scalar; fall back to the key when there is no node at all.
    return hasRange(pair.value) ? { node: pair.value, pair } : { node: pair.key, pair };
  }
  if (isSeq(node) && /^(0|[1-9]\d*)$/.test(segment)) {
    const item = node.items[Number(segment)];
    return hasRange(item) ? { node: item } : undefined;
  }
  return undefined;
}

/** Block collections end after their last newline; point at the last character that is content. */
function trimEnd(text: string, start: number, end: number): number {
  let offset = end;
  while (offset > start && /\s/.test(text.charAt(offset - 1))) offset -= 1;
  return offset;
}
