/** JSON pointers (RFC 6901) and their human-readable form. */

/** Split a JSON pointer into unescaped segments; '' is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Join segments into a JSON pointer, escaping `~` and `/`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Append one segment to a pointer. */
export function childPointer(pointer: string, segment: string | number): string {
  return pointer + toPointer([segment]);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `/spec/iteration/treatments/1/name` → `spec.iteration.treatments[1].name`; '' → `document`. */
export function pointerToPath(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return 'document';
  return segments
    .map((segment, index) => {
      if (/^(0|[1-9]\d*)$/.test(segment)) return `[${segment}]`;
      if (IDENTIFIER.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}
