/**
 * JSON Schema of the plan file (src/plan/types.ts `Plan`). This object is the source of truth;
 * schemas/plan.schema.json is the published copy for editors and other tools, and a test keeps the
 * two identical. It lives in code so the render stage needs no file system to validate a plan.
 * `additionalProperties: false` everywhere except request bodies, which are LaunchDarkly's shape.
 */
import { INSTRUCTION_KINDS } from '../plan/instructions.js';
import { IMPACTS } from '../plan/types.js';

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const strings = { type: 'array', items: str } as const;
const count = { type: 'integer', minimum: 0 } as const;
const positive = { type: 'integer', minimum: 1 } as const;

function object(properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties };
}

const sourcePosition = object(
  { file: nonEmpty, line: positive, column: positive, endLine: positive, endColumn: positive },
  ['file', 'line', 'column'],
);

const definitions = {
  impact: { enum: [...IMPACTS] },
  resourceType: { enum: ['experiment', 'holdout'] },
  sourcePosition,
  problem: object(
    {
      severity: { enum: ['error', 'warning', 'notice'] },
      code: nonEmpty,
      message: str,
      position: { $ref: '#/definitions/sourcePosition' },
      pointer: str,
      candidates: strings,
    },
    ['severity', 'code', 'message'],
  ),
  // `origin` only in a plan made with --base (three-way labels); not covered by the hash.
  origin: { enum: ['git', 'drift', 'both'] },
  fieldChange: object({ field: nonEmpty, from: str, to: str, origin: { $ref: '#/definitions/origin' } }, ['field']),
  impactContext: object(
    { iterationStartedAt: str, iterationNumber: positive, winner: str, changeJustification: str },
    [],
  ),
  resource: object(
    {
      address: nonEmpty,
      type: { $ref: '#/definitions/resourceType' },
      project: nonEmpty,
      environment: nonEmpty,
      key: nonEmpty,
      name: str,
      action: { enum: ['create', 'update', 'no-op'] },
      stateFrom: str,
      stateTo: nonEmpty,
      changes: { type: 'array', items: { $ref: '#/definitions/fieldChange' } },
      impact: { $ref: '#/definitions/impact' },
      stepIds: strings,
      source: { $ref: '#/definitions/sourcePosition' },
      context: { $ref: '#/definitions/impactContext' },
      // Differences no step makes; they keep the plan from saying "No changes".
      unapplied: object(
        { reason: nonEmpty, changes: { type: 'array', items: { $ref: '#/definitions/fieldChange' }, minItems: 1 } },
        ['reason', 'changes'],
      ),
      stateOrigin: { $ref: '#/definitions/origin' },
      // Fields handed to the UI (`ignore`), as manifest paths: never compared or written.
      ownedElsewhere: { type: 'array', items: nonEmpty, minItems: 1 },
    },
    ['address', 'type', 'project', 'environment', 'key', 'name', 'action', 'stateTo', 'changes', 'impact', 'stepIds'],
  ),
  binding: {
    oneOf: [
      // A value from an earlier step's response (the `_id` of a holdout created in the same apply).
      object({ bodyPointer: str, fromStep: nonEmpty, responsePointer: str }, [
        'bodyPointer',
        'fromStep',
        'responsePointer',
      ]),
      // A value read right before sending: a flag version an earlier step of the apply moves.
      object({ bodyPointer: str, fromGet: { type: 'string', pattern: '^/' }, responsePointer: str }, [
        'bodyPointer',
        'fromGet',
        'responsePointer',
      ]),
    ],
  },
  step: object(
    {
      id: nonEmpty,
      resource: nonEmpty,
      kind: { enum: ['createExperiment', 'createIteration', 'patchExperiment', 'createHoldout', 'patchHoldout'] },
      method: { enum: ['POST', 'PATCH'] },
      path: { type: 'string', pattern: '^/' },
      // The exact request LaunchDarkly receives: its shape is LaunchDarkly's, not ours.
      body: {},
      instructions: { type: 'array', items: { enum: [...INSTRUCTION_KINDS] } },
      dependsOn: strings,
      // Ordering only: wait for these steps to finish, whatever their outcome. Absent when empty.
      after: { type: 'array', items: nonEmpty, minItems: 1 },
      bindings: { type: 'array', items: { $ref: '#/definitions/binding' } },
      impact: { $ref: '#/definitions/impact' },
      reason: str,
    },
    ['id', 'resource', 'kind', 'method', 'path', 'body', 'instructions', 'dependsOn', 'bindings', 'impact', 'reason'],
  ),
  unmanaged: object({ address: nonEmpty, type: { $ref: '#/definitions/resourceType' }, name: str, status: str }, [
    'address',
    'type',
    'name',
    'status',
  ]),
  summary: object(
    {
      create: count,
      update: count,
      noOp: count,
      unapplied: count,
      unmanaged: count,
      steps: count,
      byImpact: object(Object.fromEntries(IMPACTS.map((impact) => [impact, count])), []),
    },
    ['create', 'update', 'noOp', 'unapplied', 'unmanaged', 'steps', 'byImpact'],
  ),
  notice: object({ code: nonEmpty, message: nonEmpty }, ['code', 'message']),
};

/** The plan file's JSON Schema (draft-07). */
export const planSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ldexp plan file',
  description: 'An ordered, hashed list of LaunchDarkly requests that `ldexp apply --plan` executes.',
  ...object(
    {
      formatVersion: { const: 1 },
      target: object({ baseUrl: nonEmpty, projects: strings, environments: strings }, [
        'baseUrl',
        'projects',
        'environments',
      ]),
      summary: { $ref: '#/definitions/summary' },
      resources: { type: 'array', items: { $ref: '#/definitions/resource' } },
      steps: { type: 'array', items: { $ref: '#/definitions/step' } },
      unmanaged: { type: 'array', items: { $ref: '#/definitions/unmanaged' } },
      warnings: { type: 'array', items: { $ref: '#/definitions/problem' } },
      notices: { type: 'array', items: { $ref: '#/definitions/notice' } },
      fingerprints: { type: 'object', additionalProperties: nonEmpty },
      hash: nonEmpty,
      // The Git revision changes are labelled against (plan --base); not covered by the hash.
      base: object({ ref: nonEmpty, commit: nonEmpty, notCompared: nonEmpty }, ['ref', 'commit']),
    },
    [
      'formatVersion',
      'target',
      'summary',
      'resources',
      'steps',
      'unmanaged',
      'warnings',
      'notices',
      'fingerprints',
      'hash',
    ],
  ),
  definitions,
};
