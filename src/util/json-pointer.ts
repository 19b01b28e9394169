/** JSON pointers (RFC 6901): building, splitting, reading and writing values at them, and their human form. */
import { isRecord } from './records.js';

/** Escape one segment: `~` first, so an escaped `/` (`~1`) is never escaped again. */
function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Join segments into a JSON pointer, escaping `~` and `/`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** `pointer('spec', 'iteration', 0)` → `/spec/iteration/0`. */
export function pointer(...segments: (string | number)[]): string {
  return toPointer(segments);
}

/** Append one segment to a pointer. */
export function childPointer(parent: string, segment: string | number): string {
  return parent + toPointer([segment]);
}

/** Split a JSON pointer into unescaped segments; '' is the whole document. */
export function parsePointer(value: string): string[] {
  if (value === '') return [];
  // RFC 6901 §4: decode ~1 before ~0, so "~01" becomes "~1" and not "/".
  return value
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9]\d*)$/;

/** `/spec/iteration/treatments/1/name` → `spec.iteration.treatments[1].name`; '' → `document`. */
export function pointerToPath(value: string): string {
  const segments = parsePointer(value);
  if (segments.length === 0) return 'document';
  return segments
    .map((segment, index) => {
      if (INDEX.test(segment)) return `[${segment}]`;
      if (IDENTIFIER.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** The segments of an absolute pointer; one not starting with "/" is refused rather than guessed at. */
function strictSegments(value: string): string[] {
  if (value !== '' && !value.startsWith('/')) throw new Error(`JSON pointer "${value}" must start with "/"`);
  return parsePointer(value);
}

/** The value at `pointer`, or `{ found: false }` when any segment is missing. */
export function getAt(value: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of strictSegments(pointer)) {
    if (Array.isArray(current) && INDEX.test(segment) && Number(segment) < current.length) {
      current = current[Number(segment)] as unknown;
    } else if (isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/**
 * A copy of `document` with `value` written at `pointer`; missing parent objects are created.
 * The root pointer "" replaces the whole document.
 */
export function setAt(document: unknown, pointer: string, value: unknown): unknown {
  const path = strictSegments(pointer);
  if (path.length === 0) return value;
  const root: unknown = structuredClone(document ?? {});
  let parent = root;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (Array.isArray(parent)) {
      const at = segment === '-' ? parent.length : Number(segment);
      if (!Number.isInteger(at) || at < 0 || at > parent.length) {
        throw new Error(`JSON pointer ${pointer}: "${segment}" is not an index of the array`);
      }
      if (last) parent[at] = value;
      else parent = (parent[at] ??= {}) as unknown;
    } else if (isRecord(parent)) {
      if (last) parent[segment] = value;
      else parent = parent[segment] ??= {};
    } else {
      throw new Error(`JSON pointer ${pointer}: cannot descend into a ${typeof parent} at "${segment}"`);
    }
  }
  return root;
}
