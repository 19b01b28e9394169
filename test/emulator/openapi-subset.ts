/**
 * The part of the official OpenAPI document the emulator implements: its operations and every
 * component they reference, without descriptions and examples (annotations that never affect
 * validation). Committed as `ld-openapi-subset.json.snap` so the conformance tests also run
 * where the full 3 MB document is not available; `vitest -u` refreshes it from the full one.
 */

type Obj = Record<string, unknown>;

export interface OperationRef {
  method: string;
  template: string;
}

const ANNOTATIONS = new Set(['description', 'example', 'examples', 'summary']);

function strip(value: unknown, inPropertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item));
  if (!value || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [key, item] of Object.entries(value)) {
    // Inside `properties`, keys are field names (a field may be called `description`).
    if (!inPropertyMap && ANNOTATIONS.has(key)) continue;
    out[key] = strip(item, key === 'properties' && !inPropertyMap);
  }
  return out;
}

function refsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsOf(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.add(item);
      else refsOf(item, into);
    }
  }
  return into;
}

/** The subset document for the given operations, with keys in a stable order. */
export function extractOpenApiSubset(doc: Obj, operations: readonly OperationRef[]): Obj {
  const allPaths = (doc['paths'] ?? {}) as Record<string, Obj>;
  const allComponents = (doc['components'] ?? {}) as Record<string, Obj>;
  const paths: Record<string, Obj> = {};
  for (const { method, template } of [...operations].sort((a, b) =>
    `${a.template} ${a.method}`.localeCompare(`${b.template} ${b.method}`),
  )) {
    const op = allPaths[template]?.[method.toLowerCase()];
    if (op === undefined) throw new Error(`${method} ${template} is not in the document`);
    paths[template] = { ...paths[template], [method.toLowerCase()]: strip(op) };
  }
  const components: Record<string, Obj> = {};
  const pending = [...refsOf(paths, new Set())];
  const done = new Set<string>();
  while (pending.length > 0) {
    const ref = pending.pop() ?? '';
    if (done.has(ref)) continue;
    done.add(ref);
    const [, , kind = '', name = ''] = ref.split('/');
    const target = allComponents[kind]?.[name];
    if (target === undefined) throw new Error(`unresolved reference ${ref}`);
    const section = (components[kind] ??= {});
    section[name] = strip(target);
    pending.push(...refsOf(target, new Set()));
  }
  for (const kind of Object.keys(components).sort()) {
    const section = components[kind] ?? {};
    components[kind] = Object.fromEntries(
      Object.keys(section)
        .sort()
        .map((k) => [k, section[k]]),
    );
  }
  return {
    openapi: doc['openapi'],
    info: { version: (doc['info'] as Obj | undefined)?.['version'] },
    paths,
    components,
  };
}
