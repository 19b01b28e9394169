/**
 * One manifest file's text, and positions in it computed only when a problem needs one. Parsed
 * YAML documents (every node with its range) take several times the memory of the data they
 * hold, so none is kept: a document's own range is remembered, since every planned resource names
 * it, and a position inside a document re-parses the file the first time one is asked for.
 */
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';

import type { SourcePosition } from '../types.js';
import { createSourceMap, rangePosition, type LinePos, type SourceMap } from './source-map.js';

/**
 * The options every parse of a manifest uses, the first and any later one for positions.
 * uniqueKeys off: duplicate keys are found by our own walk, which can name both places.
 * logLevel error: the library would otherwise print its warnings (collection keys) to stderr itself.
 */
export function parseYaml(text: string): Document.Parsed[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' }) as Document.Parsed[];
}

export class ManifestText {
  private lineStarts: number[] | undefined;
  private fileDocuments: Document.Parsed[] | undefined;
  private readonly maps = new Map<number, SourceMap>();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** 1-based line and column of an offset, as the `yaml` library's LineCounter counts them. */
  readonly linePos: LinePos = (offset) => {
    this.lineStarts ??= lineStartsOf(this.text);
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    return { line: low, col: offset - (starts[low - 1] ?? 0) + 1 };
  };

  readonly positionOf = (range: readonly number[]): SourcePosition =>
    rangePosition(this.file, this.text, this.linePos)(range);

  /**
   * The source map of document `index`, which spans `[start, end)` of the file, built the first time
   * it is needed from a parse of that span alone (a problem in one document of a large file costs
   * the parse of that document), or of the whole file when the span does not parse as one clean
   * document by itself.
   */
  sourceMap(index: number, [start, end]: readonly [number, number]): SourceMap {
    let map = this.maps.get(index);
    if (!map) {
      map = this.spanMap(start, end) ?? this.fileMap(index);
      this.maps.set(index, map);
    }
    return map;
  }

  private spanMap(start: number, end: number): SourceMap | undefined {
    const span = this.text.slice(start, end);
    const docs = parseYaml(span);
    const [doc] = docs;
    if (docs.length !== 1 || !doc || doc.errors.length > 0) return undefined;
    return createSourceMap(this.file, span, doc, (offset) => this.linePos(offset + start));
  }

  private fileMap(index: number): SourceMap {
    this.fileDocuments ??= parseYaml(this.text);
    const doc = this.fileDocuments[index];
    if (!doc) throw new Error(`${this.file} has no YAML document ${String(index)}`);
    return createSourceMap(this.file, this.text, doc, this.linePos);
  }
}

/** Offsets where a line starts: 0 and after every `\n` (a `\r\n` ends a line at its `\n` too). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
