/**
 * Validates requests and responses against LaunchDarkly's official OpenAPI document, so the
 * emulator (and any recorded emulator traffic, e.g. in CLI end-to-end tests) can be held to it.
 * The document is parsed once per process and its schemas are compiled lazily per operation.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = addFormatsModule.default;

/** Where the official document lives: shared/ beside the repository (as in CI); `LD_OPENAPI_PATH` overrides. */
export const DEFAULT_OPENAPI_PATH = fileURLToPath(
  new URL('../../../shared/reference/ld-openapi.yaml', import.meta.url),
);

/** The committed extract (see openapi-subset.ts), used when the full document is absent. */
export const SUBSET_PATH = fileURLToPath(new URL('./ld-openapi-subset.json.snap', import.meta.url));

/** The document to validate against: `LD_OPENAPI_PATH`, the full document, else the extract. */
export function resolveOpenApiPath(): string {
  const fromEnv = process.env['LD_OPENAPI_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync(DEFAULT_OPENAPI_PATH) ? DEFAULT_OPENAPI_PATH : SUBSET_PATH;
}

type Obj = Record<string, unknown>;

export interface OperationMatch {
  pathTemplate: string;
  operationId: string;
}

/** What a request log entry must carry to be validated (the emulator's RequestLogEntry fits). */
export interface Exchange {
  method: string;
  path: string;
  route?: string;
  status: number;
  body?: unknown;
  responseBody?: unknown;
}

export interface OpenApiValidator {
  /** Problems of a response body for `method pathTemplate` answered with `status`; [] if valid. */
  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[];
  /**
   * Problems of a request's query string: every parameter declared by the operation, a parameter
   * whose schema is not an array given once, integers and booleans well-formed; [] if valid.
   */
  validateQuery(method: string, pathTemplate: string, concretePath: string): string[];
  /** Problems of a request body against the operation's `requestBody` schema; [] if valid. */
  validateRequest(method: string, pathTemplate: string, body: unknown): string[];
  /** The documented operation for a concrete path (query ignored), if any. */
  matchOperation(method: string, concretePath: string): OperationMatch | undefined;
  /**
   * Both sides of one exchange. The request is checked only when the response was 2xx: a 4xx may
   * be the intended answer to a deliberately bad request.
   */
  validateExchange(exchange: Exchange): string[];
  /** The documented statuses of an operation. */
  documentedStatuses(method: string, pathTemplate: string): string[];
}

export interface ValidatorOptions {
  specPath?: string;
  /**
   * Report error statuses the operation does not document (default false: they are only checked
   * against the common `{code, message}` error shape). Undocumented 2xx are always reported.
   */
  strictStatus?: boolean;
}

const documents = new Map<string, Obj>();

/** Parsed copies of the document as JSON, outside the repository's files (like tsc's build info). */
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/ldexp-tests/', import.meta.url));

/** The parsed document at `specPath` (YAML or JSON), parsed once per process. */
export function loadOpenApiDocument(specPath: string): Obj {
  let doc = documents.get(specPath);
  if (!doc) {
    if (!existsSync(specPath)) {
      throw new Error(`OpenAPI document not found at ${specPath}; set LD_OPENAPI_PATH`);
    }
    doc = parseCached(specPath);
    documents.set(specPath, doc);
  }
  return doc;
}

/**
 * The 3 MB YAML document takes about 2 s to parse, in every test worker of every run; its JSON
 * takes 30 ms. The JSON is kept under a name that changes with the document's size and time.
 */
function parseCached(specPath: string): Obj {
  const { size, mtimeMs } = statSync(specPath);
  const cached = join(CACHE, `${basename(specPath)}-${String(size)}-${String(Math.trunc(mtimeMs))}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Obj;
  const doc = parse(readFileSync(specPath, 'utf8')) as Obj;
  mkdirSync(CACHE, { recursive: true });
  // Written whole, then renamed: another worker reading it at the same time never sees half of it.
  const partial = `${cached}.${String(process.pid)}`;
  writeFileSync(partial, JSON.stringify(doc));
  renameSync(partial, cached);
  return doc;
}

const DOC_ID = 'ld-openapi';

/** Point document-local refs at the registered document, so inline schemas resolve too. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Obj = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === '$ref' && typeof item === 'string' && item.startsWith('#/') ? `${DOC_ID}${item}` : rewriteRefs(item);
    }
    return out;
  }
  return value;
}

function collectFormats(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => collectFormats(item, into));
  else if (value && typeof value === 'object') {
    const format = (value as Obj)['format'];
    if (typeof format === 'string') into.add(format);
    Object.values(value).forEach((item) => collectFormats(item, into));
  }
  return into;
}

function obj(value: unknown): Obj | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

function segmentsMatch(template: string, path: string): boolean {
  const want = template.split('/');
  const got = path.split('/');
  return (
    want.length === got.length &&
    want.every((part, i) => (/^\{.+\}$/.test(part) ? (got[i] ?? '') !== '' : part === got[i]))
  );
}

/** Build a validator over the official document (parsed once per path per process). */
export function createOpenApiValidator(options: ValidatorOptions = {}): OpenApiValidator {
  const specPath = options.specPath ?? resolveOpenApiPath();
  const doc = loadOpenApiDocument(specPath);
  const components = obj(doc['components']) ?? {};
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const format of collectFormats(components, collectFormats(doc['paths'], new Set()))) {
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: DOC_ID, components: rewriteRefs(components) });
  const compiled = new Map<string, ValidateFunction>();
  const paths = obj(doc['paths']) ?? {};

  const operation = (method: string, template: string): Obj => {
    const op = obj(obj(paths[template])?.[method.toLowerCase()]);
    if (!op) throw new Error(`${method} ${template} is not an operation of the OpenAPI document`);
    return op;
  };

  const resolve = (value: unknown): Obj | undefined => {
    const o = obj(value);
    const ref = o?.['$ref'];
    if (typeof ref !== 'string') return o;
    const [, , kind = '', name = ''] = ref.split('/');
    return obj(obj(components[kind])?.[name]);
  };

  const check = (cacheKey: string, schema: unknown, body: unknown, label: string): string[] => {
    let validate = compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(rewriteRefs(schema) as Obj);
      compiled.set(cacheKey, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${label}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
    );
  };

  const jsonSchemaOf = (content: unknown): unknown => {
    const media = obj(content);
    if (!media) return undefined;
    const json = obj(media['application/json']) ?? obj(Object.values(media)[0]);
    return json?.['schema'];
  };

  const validator: OpenApiValidator = {
    validateResponse(method, template, status, body) {
      const responses = obj(operation(method, template)['responses']) ?? {};
      const label = `${method} ${template} → ${status}`;
      const response = resolve(responses[String(status)]) ?? resolve(responses['default']);
      if (!response) {
        if (status < 400) return [`${label}: status ${status} is not documented`];
        const problems = options.strictStatus ? [`${label}: status ${status} is not documented`] : [];
        const errorShape = {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        };
        return [...problems, ...check('error-shape', errorShape, body, label)];
      }
      const schema = jsonSchemaOf(response['content']);
      if (schema === undefined) {
        return body === undefined || body === null || body === '' ? [] : [`${label}: no body documented`];
      }
      return check(`res ${method} ${template} ${status}`, schema, body, label);
    },
    validateQuery(method, template, concretePath) {
      const label = `${method} ${template} query`;
      const declared = new Map<string, Obj>();
      for (const parameter of [
        ...arrayOf(obj(paths[template])?.['parameters']),
        ...arrayOf(operation(method, template)['parameters']),
      ]) {
        const p = resolve(parameter);
        if (p?.['in'] === 'query' && typeof p['name'] === 'string') declared.set(p['name'], obj(p['schema']) ?? {});
      }
      const query = new URL(concretePath, 'http://x').searchParams;
      return [...new Set(query.keys())].flatMap((name) => {
        const schema = declared.get(name);
        if (!schema) return [`${label}: parameter "${name}" is not declared`];
        const values = query.getAll(name);
        if (schema['type'] !== 'array' && values.length > 1) {
          return [`${label}: parameter "${name}" is one ${String(schema['type'])}, sent ${values.length} times`];
        }
        return values.flatMap((value) => queryValueProblems(label, name, schema, value));
      });
    },
    validateRequest(method, template, body) {
      const requestBody = resolve(operation(method, template)['requestBody']);
      const label = `${method} ${template} request`;
      if (!requestBody) return body === undefined ? [] : [`${label}: no request body documented`];
      const schema = jsonSchemaOf(requestBody['content']);
      return schema === undefined ? [] : check(`req ${method} ${template}`, schema, body, label);
    },
    matchOperation(method, concretePath) {
      const path = (concretePath.split('?')[0] ?? '').replace(/\/+$/, '');
      const candidates = Object.keys(paths)
        .filter((template) => obj(obj(paths[template])?.[method.toLowerCase()]))
        .filter((template) => segmentsMatch(template, path))
        .sort((a, b) => literalCount(b) - literalCount(a));
      const template = candidates[0];
      if (template === undefined) return undefined;
      const operationId = operation(method, template)['operationId'];
      return { pathTemplate: template, operationId: typeof operationId === 'string' ? operationId : '' };
    },
    validateExchange(exchange) {
      // A connection reset before processing (a `reset-before` fault) sent no response to check.
      if (exchange.status === 0) return [];
      const template = exchange.route ?? validator.matchOperation(exchange.method, exchange.path)?.pathTemplate;
      if (template === undefined) return [`${exchange.method} ${exchange.path}: no documented operation`];
      const problems = validator.validateResponse(exchange.method, template, exchange.status, exchange.responseBody);
      if (exchange.status >= 200 && exchange.status < 300) {
        problems.push(...validator.validateQuery(exchange.method, template, exchange.path));
        if (exchange.body !== undefined)
          problems.push(...validator.validateRequest(exchange.method, template, exchange.body));
      }
      return problems;
    },
    documentedStatuses(method, template) {
      return Object.keys(obj(operation(method, template)['responses']) ?? {});
    },
  };
  return validator;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A query value against its parameter's schema type (form style: booleans `true`/`false`). */
function queryValueProblems(label: string, name: string, schema: Obj, value: string): string[] {
  const type = schema['type'];
  const fine =
    type === 'integer'
      ? /^-?\d+$/.test(value)
      : type === 'number'
        ? value.trim() !== '' && Number.isFinite(Number(value))
        : type === 'boolean'
          ? value === 'true' || value === 'false'
          : true;
  const allowed = schema['enum'];
  const listed = !Array.isArray(allowed) || allowed.includes(value);
  return fine && listed ? [] : [`${label}: parameter "${name}" must be ${String(type)}, got "${value}"`];
}

function literalCount(template: string): number {
  return template.split('/').filter((part) => !part.startsWith('{')).length;
}
