/**
 * Pure: one file's text → its YAML documents as plain data with source maps, plus YAML problems
 * (syntax errors, duplicate keys). A document with a YAML error is not validated further, since
 * its data cannot be trusted.
 */
import { LineCounter, isAlias, isNode, isScalar, parseAllDocuments, visit } from 'yaml';
import type { Document, YAMLError } from 'yaml';

import type { Problem } from '../types.js';
import { createSourceMap } from './source-map.js';
import type { SourceMap } from './source-map.js';
import type { ParsedDocument } from './types.js';
import { appendAll } from './append.js';

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: Problem[];
}

/** Parse every `---`-separated document of a file. Empty documents (only comments) are skipped. */
export function parseManifestText(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicate keys are found by our own walk, which can name both places.
  // logLevel error: the library would otherwise print its warnings (collection keys) to stderr itself.
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const documents: ParsedDocument[] = [];
  const problems: Problem[] = [];
  docs.forEach((doc, documentIndex) => {
    const map = createSourceMap(file, text, doc, lineCounter);
    const yamlProblems = [
      ...doc.errors.map((e) => yamlProblem(file, e, 'error', lineCounter)),
      ...doc.warnings.map((e) => yamlProblem(file, e, 'warning', lineCounter)),
      ...duplicateKeys(doc, map),
      ...collectionKeys(doc, map),
    ];
    appendAll(problems, yamlProblems);
    if (yamlProblems.some((p) => p.severity === 'error') || doc.contents === null) return;
    const data = toData(doc);
    if (data.ok) documents.push({ file, documentIndex, data: data.value, ...bind(map) });
    else problems.push({ severity: 'error', code: 'YamlSyntax', message: data.message, position: map.locate('') });
  });
  return { documents, problems };
}

function bind(map: SourceMap): Pick<ParsedDocument, 'locate' | 'locateKey' | 'locateSubject'> {
  return {
    locate: (pointer) => map.locate(pointer),
    locateKey: (pointer) => map.locateKey(pointer),
    locateSubject: (pointer) => map.locateSubject(pointer),
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

function yamlProblem(file: string, error: YAMLError, severity: Problem['severity'], lc: LineCounter): Problem {
  const start = lc.linePos(error.pos[0]);
  const end = lc.linePos(error.pos[1]);
  return {
    severity,
    code: severity === 'error' ? 'YamlSyntax' : 'YamlWarning',
    message: `YAML: ${error.message} (${error.code})`,
    position: { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col },
  };
}

/** `{a: 1}: x` or `[a]: x`: no manifest field is named by a mapping or a list. */
function collectionKeys(doc: Document, map: SourceMap): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (!isNode(pair.key) || isScalar(pair.key) || isAlias(pair.key) || !pair.key.range) return;
      problems.push({
        severity: 'error',
        code: 'YamlSyntax',
        message: 'a mapping key is itself a mapping or a list; keys must be plain names',
        position: map.positionOf(pair.key.range),
      });
    },
  });
  return problems;
}

/** Every repeated key of every mapping, reported at the repeat and naming the first. */
function duplicateKeys(doc: Document, map: SourceMap): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Map(_key, node) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, pair.key.range[0]);
          continue;
        }
        const position = map.positionOf(pair.key.range);
        const firstLine = map.positionOf([first, first]).line;
        problems.push({
          severity: 'error',
          code: 'DuplicateYamlKey',
          message: `duplicate key "${name}" in a mapping (first at line ${firstLine}); YAML keys must be unique`,
          position,
        });
      }
    },
  });
  return problems;
}
