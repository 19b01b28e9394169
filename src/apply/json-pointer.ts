/** RFC 6901 JSON pointers, just enough to carry a value from one response into a later request. */

/** The value at `pointer`, or `{ found: false }` when any segment is missing. */
export function getAt(value: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of segments(pointer)) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < current.length) {
      current = current[Number(segment)] as unknown;
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
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
  const path = segments(pointer);
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
    } else if (isObject(parent)) {
      if (last) parent[segment] = value;
      else parent = parent[segment] ??= {};
    } else {
      throw new Error(`JSON pointer ${pointer}: cannot descend into a ${typeof parent} at "${segment}"`);
    }
  }
  return root;
}

function segments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer "${pointer}" must start with "/"`);
  // RFC 6901 §4: decode ~1 before ~0, so "~01" becomes "~1" and not "/".
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
