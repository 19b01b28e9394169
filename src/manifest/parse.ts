/**
 * Pure: one file's text → its YAML documents as plain data with source maps, plus YAML problems
 * (syntax errors, duplicate keys). A document with a YAML error is not validated further, since
 * its data cannot be trusted.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Pair, YAMLError, YAMLMap } from 'yaml';

import type { Problem } from '../types.js';
import { ManifestText, parseYaml } from './manifest-text.js';
import { createSourceMap } from './source-map.js';
import type { LinePos, SourceMap } from './source-map.js';
import type { ParsedDocument } from './types.js';
import { appendAll } from './append.js';

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: Problem[];
}

/** Parse every `---`-separated document of a file. Empty documents (only comments) are skipped. */
export function parseManifestText(file: string, text: string): ParsedFile {
  const source = new ManifestText(file, text);
  const docs = parseYaml(text);
  const documents: ParsedDocument[] = [];
  const problems: Problem[] = [];
  docs.forEach((doc, documentIndex) => {
    // Built only when a problem needs a position: most documents have none.
    let built: SourceMap | undefined;
    const map = (): SourceMap => (built ??= createSourceMap(file, text, doc, source.linePos));
    const yamlProblems = [
      ...doc.errors.map((e) => yamlProblem(file, e, 'error', source.linePos)),
      ...doc.warnings.map((e) => yamlProblem(file, e, 'warning', source.linePos)),
      ...keyProblems(doc, map),
    ];
    appendAll(problems, yamlProblems);
    if (yamlProblems.some((p) => p.severity === 'error') || doc.contents === null) return;
    const data = toData(doc);
    if (data.ok) documents.push({ file, documentIndex, data: data.value, ...locators(source, documentIndex, doc) });
    else problems.push({ severity: 'error', code: 'YamlSyntax', message: data.message, position: map().locate('') });
  });
  return { documents, problems };
}

/**
 * Positions without the parsed document: the whole document's from its range, kept (every planned
 * resource names it); anything inside from a parse of the file made when a problem first asks.
 */
function locators(
  source: ManifestText,
  index: number,
  doc: Document,
): Pick<ParsedDocument, 'locate' | 'locateKey' | 'locateSubject'> {
  const [from = 0, to = from] = doc.contents?.range ?? doc.range ?? [0, 0];
  const whole = [from, to] as const;
  const span = [doc.range?.[0] ?? 0, doc.range?.[2] ?? source.text.length] as const;
  const at =
    (find: (map: SourceMap, pointer: string) => ReturnType<SourceMap['locate']>) =>
    (pointer: string): ReturnType<SourceMap['locate']> =>
      pointer === '' ? source.positionOf(whole) : find(source.sourceMap(index, span), pointer);
  return {
    locate: at((map, pointer) => map.locate(pointer)),
    locateKey: at((map, pointer) => map.locateKey(pointer)),
    locateSubject: at((map, pointer) => map.locateSubject(pointer)),
  };
}

function toData(doc: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    // Only alias bombs and similar get here; the library's message is the best description.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function yamlProblem(file: string, error: YAMLError, severity: Problem['severity'], linePos: LinePos): Problem {
  const start = linePos(error.pos[0]);
  const end = linePos(error.pos[1]);
  return {
    severity,
    code: severity === 'error' ? 'YamlSyntax' : 'YamlWarning',
    message: `YAML: ${error.message} (${error.code})`,
    position: { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col },
  };
}

/**
 * In one walk: a mapping key that is itself a mapping or a list (`{a: 1}: x`: no manifest field
 * is named by one), and every repeated key of a mapping, reported at the repeat naming the first.
 * The walk is our own, depth first like the library's `visit` (so problems come in the same
 * order), without the path `visit` copies and freezes for every node: most documents have no
 * problem, and the walk is all they pay.
 */
function keyProblems(doc: Document, map: () => SourceMap): Problem[] {
  const duplicates: Problem[] = [];
  const collectionKeys: Problem[] = [];
  const pair = (item: Pair): void => {
    const key = item.key;
    if (isNode(key) && !isScalar(key) && !isAlias(key) && key.range) {
      collectionKeys.push({
        severity: 'error',
        code: 'YamlSyntax',
        message: 'a mapping key is itself a mapping or a list; keys must be plain names',
        position: map().positionOf(key.range),
      });
    }
    node(key);
    node(item.value);
  };
  const node = (value: unknown): void => {
    if (isMap(value)) {
      appendAll(duplicates, duplicateKeys(value, map));
      for (const item of value.items) pair(item);
    } else if (isSeq(value)) {
      // A sequence holds pairs only as an ordered map (`!!omap`).
      for (const item of value.items) {
        if (isPair(item)) pair(item);
        else node(item);
      }
    }
  };
  node(doc.contents);
  return [...duplicates, ...collectionKeys];
}

function duplicateKeys(node: YAMLMap, map: () => SourceMap): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const name = String(pair.key.value);
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, pair.key.range[0]);
      continue;
    }
    const position = map().positionOf(pair.key.range);
    const firstLine = map().positionOf([first, first]).line;
    problems.push({
      severity: 'error',
      code: 'DuplicateYamlKey',
      message: `duplicate key "${name}" in a mapping (first at line ${firstLine}); YAML keys must be unique`,
      position,
    });
  }
  return problems;
}
