/**
 * The optional fields of a manifest, read from the published JSON Schemas (so a field added to a
 * schema is audited without anyone remembering to list it): which fields a document states that
 * it could leave out, and the documented default of each.
 */
type Schema = Record<string, unknown>;

export interface OptionalField {
  /** JSON pointer of the value in the document. */
  pointer: string;
  /** The field in schema terms: `spec.iteration.treatments[].baseline`, `spec.iteration.flags.*.rule`. */
  field: string;
  /** The schema's `default`, when it documents one. */
  default?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolve(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const [, ...path] = ref.replace(/^#/, '').split('/');
  let found: unknown = root;
  for (const segment of path) found = isObject(found) ? found[segment] : undefined;
  if (!isObject(found)) throw new Error(`unresolvable $ref ${ref}`);
  return resolve(root, found);
}

/** The `anyOf` branch an object value takes: an object form whose required fields it has. */
function branchFor(root: Schema, schema: Schema, data: unknown): Schema | undefined {
  if (!Array.isArray(schema.anyOf)) return schema;
  if (!isObject(data)) return undefined;
  return (schema.anyOf as Schema[])
    .map((branch) => resolve(root, branch))
    .find((branch) => ((branch.required as string[] | undefined) ?? []).every((key) => key in data));
}

const child = (pointer: string, key: string | number): string =>
  `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Every optional field the document states, depth first. */
export function optionalFieldsOf(root: Schema, data: unknown): OptionalField[] {
  const out: OptionalField[] = [];
  const walk = (raw: Schema, value: unknown, pointer: string, field: string): void => {
    const schema = branchFor(root, resolve(root, raw), value);
    if (!schema) return;
    if (Array.isArray(value) && isObject(schema.items)) {
      for (const [i, item] of value.entries()) walk(schema.items, item, child(pointer, i), `${field}[]`);
      return;
    }
    if (!isObject(value)) return;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    for (const [key, inner] of Object.entries(value)) {
      const name = field === '' ? key : `${field}.${key}`;
      const own = properties[key];
      if (own) {
        if (!required.includes(key)) {
          const documented = resolve(root, own).default;
          out.push({
            pointer: child(pointer, key),
            field: name,
            ...(documented !== undefined && { default: documented }),
          });
        }
        walk(own, inner, child(pointer, key), name);
      } else if (isObject(schema.additionalProperties)) {
        walk(schema.additionalProperties, inner, child(pointer, key), field === '' ? '*' : `${field}.*`);
      }
    }
  };
  walk(root, data, '', '');
  return out;
}

/** Every optional field a schema defines, whatever a document states. */
export function optionalFieldsOfSchema(root: Schema): string[] {
  const out = new Set<string>();
  const seen = new Set<Schema>();
  const walk = (raw: Schema, field: string): void => {
    const schema = resolve(root, raw);
    if (seen.has(schema)) return;
    seen.add(schema);
    for (const branch of (schema.anyOf ?? []) as Schema[]) walk(branch, field);
    if (isObject(schema.items)) walk(schema.items, `${field}[]`);
    if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, field === '' ? '*' : `${field}.*`);
    const required = (schema.required ?? []) as string[];
    for (const [key, inner] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      const name = field === '' ? key : `${field}.${key}`;
      if (!required.includes(key)) out.add(name);
      walk(inner, name);
    }
    seen.delete(schema);
  };
  walk(root, '');
  return [...out].sort();
}

/** A deep copy of `data` without the value at `pointer`, or with `replacement` there. */
export function withField(data: unknown, pointer: string, replacement?: { value: unknown }): unknown {
  const copy = structuredClone(data);
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop();
  let parent: unknown = copy;
  for (const segment of segments) parent = (parent as Record<string, unknown>)[segment];
  if (last === undefined || !isObject(parent)) throw new Error(`no field at ${pointer}`);
  if (replacement) parent[last] = replacement.value;
  else Reflect.deleteProperty(parent, last);
  return copy;
}
