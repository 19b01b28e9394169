/** JSON Schema (draft-07) of emulator conditions; rules across fields are checked in check.ts. */
import { FAULT_STATUSES } from './types.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;
const nonNegativeInt = { type: 'integer', minimum: 0 } as const;
const pattern = { type: 'string', minLength: 1 } as const;

function obj(properties: Record<string, unknown>, required: string[] = []): object {
  return { type: 'object', properties, required, additionalProperties: false };
}

const fault = obj(
  {
    kind: { enum: ['status', 'reset-before', 'reset-after-commit', 'slow', 'conflict409', 'concurrent-write'] },
    route: pattern,
    method: { enum: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] },
    rate: { type: 'number', minimum: 0, maximum: 1 },
    every: positiveInt,
    nth: { anyOf: [positiveInt, { type: 'array', minItems: 1, items: positiveInt }] },
    times: positiveInt,
    status: { enum: [...FAULT_STATUSES] },
    retryAfter: { type: ['integer', 'string', 'null'], minimum: 0 },
    resetInMs: { type: ['integer', 'null'] },
    body: { enum: ['json', 'html', 'empty'] },
    commit: { type: 'boolean' },
    delayMs: nonNegativeInt,
    write: { enum: ['flag-version', 'metadata', 'new-iteration', 'same-request', 'patch'] },
    flag: pattern,
    instructions: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', properties: { kind: { type: 'string' } }, required: ['kind'] },
    },
  },
  ['kind'],
);

const window = { limit: positiveInt, windowMs: positiveInt };

/** The `conditions` object (a seed file's `conditions:` key, or a conditions file). */
export const conditionsSchema = obj({
  seed: { type: 'integer' },
  latencyMs: {
    anyOf: [nonNegativeInt, obj({ min: nonNegativeInt, max: nonNegativeInt }, ['min', 'max'])],
  },
  pageSizeCap: positiveInt,
  rateLimit: obj({
    route: obj({ ...window, overrides: { type: 'object', additionalProperties: positiveInt } }, ['limit']),
    global: obj(window, ['limit']),
  }),
  faults: { type: 'array', items: fault },
});
