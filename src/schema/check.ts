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
import { describeValue, problemAt } from './problems.js';

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

/**
 * Whether a document is meant for ldexp: its apiVersion starts with `ldexp/`, or it has none but
 * names one of ldexp's kinds (a forgotten apiVersion must fail loudly: skipping the document would
 * let pruning archive its experiment). Everything else (a compose file, a workflow) is skipped.
 */
export function isLdexpDocument(data: unknown): boolean {
  // A list of what look like ldexp documents is a malformed manifest, not another tool's file.
  if (Array.isArray(data)) return data.some(isLdexpDocument);
  if (typeof data !== 'object' || data === null) return false;
  const { apiVersion, kind } = data as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion === 'string') return apiVersion.startsWith(API_PREFIX);
  return apiVersion === undefined && KINDS.some((k) => k === kind);
}

const API_PREFIX = 'ldexp/';

/** The notice for a document that is not ldexp's: skipped, never an error. */
function skipped(doc: ParsedDocument): Problem {
  const data = doc.data;
  const apiVersion =
    typeof data === 'object' && data !== null ? (data as { apiVersion?: unknown }).apiVersion : undefined;
  const what =
    typeof data !== 'object' || data === null
      ? `is ${describeValue(data)}, not a mapping`
      : apiVersion === undefined
        ? 'has no apiVersion'
        : `has apiVersion ${describeValue(apiVersion)}`;
  const message = `skipped: this document ${what}, so it is not an ldexp document (ldexp reads apiVersion: ${API_VERSION}); list the file under exclude in the Config to silence this`;
  return problemAt(doc, '', 'NotLdexpDocument', message, { severity: 'notice' });
}

function checkEnvelope(doc: ParsedDocument): { kind?: Kind; problems: Problem[] } {
  const data = doc.data;
  if (!isLdexpDocument(data)) return { problems: [skipped(doc)] };
  if (Array.isArray(data)) {
    const message = 'document: expected a mapping with apiVersion and kind, found array';
    return { problems: [problemAt(doc, '', 'SchemaType', message)] };
  }
  const { apiVersion, kind } = data as { apiVersion?: unknown; kind?: unknown };
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
