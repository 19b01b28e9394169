/**
 * First gate for every document: is it a mapping with a known apiVersion and kind, and does it
 * match its kind's schema? Documents that fail are reported and go no further, so semantic rules
 * only ever see well-shaped data.
 */
import type { ParsedDocument } from '../manifest/types.js';
import type { Problem } from '../types.js';
import type { CompiledSchemas } from './compile.js';
import { API_VERSION, KINDS } from './documents.js';
import type { Checked, Kind } from './documents.js';
import { flattenErrors } from './flatten.js';
import { problemAt } from '../manifest/problem.js';
import { describeValue } from './problems.js';

/** The document as its kind's type, or the problems that stop it. */
export function checkDocument(
  doc: ParsedDocument,
  schemas: CompiledSchemas,
): { checked: Checked; problems: [] } | { checked?: undefined; problems: Problem[] } {
  const envelope = checkEnvelope(doc);
  if (envelope.problems.length > 0 || !envelope.kind) return { problems: envelope.problems };
  const kind = envelope.kind;
  const validate = schemas[kind];
  if (!validate(doc.data)) return { problems: flattenErrors(doc, validate.errors ?? []) };
  // ajv narrowed the data to the kind's type; the cast only reattaches the discriminant.
  return { checked: { kind, doc, data: doc.data } as Checked, problems: [] };
}

function checkEnvelope(doc: ParsedDocument): { kind?: Kind; problems: Problem[] } {
  const data = doc.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const message = `document: expected a mapping with apiVersion and kind, found ${describeValue(data)}`;
    return { problems: [problemAt(doc, '', 'SchemaType', message)] };
  }
  const { apiVersion, kind } = data as { apiVersion?: unknown; kind?: unknown };
  if (apiVersion === undefined && kind === undefined) {
    // Most likely some other YAML file (a workflow, a compose file) under a manifest folder.
    const message = `not an ldexp document: no apiVersion or kind; expected apiVersion: ${API_VERSION} and kind: ${KINDS.join(', ')}`;
    return { problems: [problemAt(doc, '', 'UnknownKind', message, { candidates: [...KINDS] })] };
  }
  const problems: Problem[] = [];
  if (apiVersion !== API_VERSION) {
    const found = apiVersion === undefined ? 'nothing' : describeValue(apiVersion);
    const message = `apiVersion: expected ${API_VERSION} (the only supported version), found ${found}`;
    problems.push(problemAt(doc, '/apiVersion', 'UnsupportedApiVersion', message, { candidates: [API_VERSION] }));
  }
  const known = KINDS.find((k) => k === kind);
  if (!known) {
    const found = kind === undefined ? 'nothing' : describeValue(kind);
    const message = `kind: expected one of ${KINDS.join(', ')}, found ${found}`;
    problems.push(problemAt(doc, '/kind', 'UnknownKind', message, { candidates: [...KINDS] }));
  }
  return known ? { kind: known, problems } : { problems };
}
