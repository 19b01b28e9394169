/**
 * JSON Schemas (draft-07) of what `ldexp apply --json`, `ldexp validate --json` and
 * `ldexp drift --format json` print. As with
 * the plan schema, these objects are the source of truth and schemas/*.schema.json their published
 * copies, kept identical by test/render/report-json.test.ts.
 */
const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const positive = { type: 'integer', minimum: 1 } as const;

function object(properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties };
}

/** Fields every step outcome has, whatever its status. */
const stepFields = {
  number: positive,
  id: nonEmpty,
  resource: nonEmpty,
  kind: nonEmpty,
  method: { enum: ['POST', 'PATCH'] },
  path: nonEmpty,
  instructions: { type: 'array', items: str },
  impact: nonEmpty,
};
const stepRequired = Object.keys(stepFields);

export const applyReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ldexp apply report',
  description:
    'What `ldexp apply --json` prints: every step of the plan, in plan order, with its outcome. A failed step carries LaunchDarkly’s HTTP status, code and message; a skipped step says why; a step whose answer never came (interrupted apply) is unknown.',
  ...object(
    {
      formatVersion: { const: 1 },
      planHash: nonEmpty,
      result: {
        description:
          'applied: every step succeeded; failed: at least one failed; interrupted: Ctrl-C or SIGTERM stopped apply (steps not started are skipped, steps whose answer never came are unknown); incomplete: some were skipped',
        enum: ['applied', 'failed', 'interrupted', 'incomplete', 'no-changes'],
      },
      summary: { description: 'The closing line of the text report', ...nonEmpty },
      ok: count,
      failed: count,
      skipped: count,
      unknown: {
        description:
          'steps sent whose answer never came (apply was interrupted and stopped waiting): they may or may not have happened; run plan to see',
        ...count,
      },
      interrupted: { type: 'boolean' },
      rateLimitWaitMs: {
        description:
          'milliseconds (wall clock) during which requests waited for the LaunchDarkly rate limit: held until a window with room, or after a 429',
        ...count,
      },
      steps: {
        type: 'array',
        items: {
          oneOf: [
            { $ref: '#/definitions/okStep' },
            { $ref: '#/definitions/failedStep' },
            { $ref: '#/definitions/skippedStep' },
            { $ref: '#/definitions/unknownStep' },
          ],
        },
      },
    },
    ['formatVersion', 'planHash', 'result', 'summary', 'ok', 'failed', 'skipped', 'unknown', 'interrupted', 'steps'],
  ),
  definitions: {
    okStep: object(
      {
        ...stepFields,
        status: { const: 'ok' },
        httpStatus: positive,
        note: {
          description: "How success was established when LaunchDarkly's answer was lost: the object was read back.",
          ...nonEmpty,
        },
      },
      [...stepRequired, 'status', 'httpStatus'],
    ),
    failedStep: object(
      {
        ...stepFields,
        status: { const: 'failed' },
        httpStatus: { description: '0 when no HTTP answer came (network error, unresolved binding)', ...count },
        code: { description: 'LaunchDarkly’s error code, e.g. invalid_request', ...nonEmpty },
        message: str,
      },
      [...stepRequired, 'status', 'httpStatus', 'message'],
    ),
    skippedStep: object({ ...stepFields, status: { const: 'skipped' }, reason: nonEmpty }, [
      ...stepRequired,
      'status',
      'reason',
    ]),
    unknownStep: object(
      {
        ...stepFields,
        status: { const: 'unknown' },
        reason: { description: 'why the outcome is unknown', ...nonEmpty },
      },
      [...stepRequired, 'status', 'reason'],
    ),
  },
};

export const validateReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ldexp validate report',
  description:
    'What `ldexp validate --json` prints: every problem found in the manifests. Positions are 1-based; paths are relative to the working directory when inside it.',
  ...object(
    {
      formatVersion: { const: 1 },
      valid: { description: 'true when there is no error (warnings allowed)', type: 'boolean' },
      files: count,
      resources: { description: 'Experiments and holdouts read without errors', ...count },
      errors: count,
      warnings: count,
      notices: { description: 'Documents skipped and other notes; absent when none', ...count },
      problems: { type: 'array', items: { $ref: '#/definitions/problem' } },
    },
    ['formatVersion', 'valid', 'files', 'resources', 'errors', 'warnings', 'problems'],
  ),
  definitions: {
    problem: object(
      {
        file: { description: 'Absent for problems about no file (e.g. a path that does not exist)', ...nonEmpty },
        line: positive,
        column: positive,
        endLine: positive,
        endColumn: positive,
        severity: { enum: ['error', 'warning', 'notice'] },
        code: nonEmpty,
        message: str,
        pointer: { description: 'JSON pointer inside the document', ...str },
        candidates: { description: 'What would have been valid, closest first', type: 'array', items: str },
      },
      ['severity', 'code', 'message'],
    ),
  },
};

const origin = {
  description: 'Only with --base: git (changed in Git since the base), drift (changed in LaunchDarkly), both',
  enum: ['git', 'drift', 'both'],
};

const resourceFields = {
  address: { description: 'experiment/PROJECT/ENVIRONMENT/KEY or holdout/PROJECT/ENVIRONMENT/KEY', ...nonEmpty },
  type: { enum: ['experiment', 'holdout'] },
  project: nonEmpty,
  environment: nonEmpty,
  key: nonEmpty,
  name: str,
  source: {
    description: 'The manifest document that describes the resource; absent when none does',
    ...object({ file: nonEmpty, line: positive, column: positive, endLine: positive, endColumn: positive }, [
      'file',
      'line',
      'column',
    ]),
  },
};
const resourceRequired = ['address', 'type', 'project', 'environment', 'key', 'name'];

export const driftReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ldexp drift report',
  description:
    'What `ldexp drift --format json` prints: per resource, what LaunchDarkly has and what Git says. The exit code says the same as `drifted`: 2 with drift, 0 without, 1 on errors (when nothing is printed on stdout).',
  ...object(
    {
      formatVersion: { const: 1 },
      drifted: {
        description: 'true when LaunchDarkly was changed outside Git (`drift` is not empty)',
        type: 'boolean',
      },
      summary: { description: 'The closing line of the text report', ...nonEmpty },
      target: object(
        {
          baseUrl: nonEmpty,
          projects: { type: 'array', items: nonEmpty },
          environments: { type: 'array', items: nonEmpty },
        },
        ['baseUrl', 'projects', 'environments'],
      ),
      base: {
        description: 'The Git ref the manifests were compared with (--base); absent without one',
        ...object({ ref: nonEmpty, commit: nonEmpty }, ['ref', 'commit']),
      },
      drift: {
        description: 'Resources LaunchDarkly changed outside Git: applying the manifests would revert these changes',
        type: 'array',
        items: { $ref: '#/definitions/entry' },
      },
      pending: {
        description:
          'Only with --base: changes made in Git since the base that LaunchDarkly does not have yet (not drift)',
        type: 'array',
        items: { $ref: '#/definitions/entry' },
      },
      notCreated: {
        description: 'In Git, not in LaunchDarkly: apply creates them (not drift)',
        type: 'array',
        items: { $ref: '#/definitions/resource' },
      },
    },
    ['formatVersion', 'drifted', 'summary', 'target', 'drift', 'pending', 'notCreated'],
  ),
  definitions: {
    resource: object(resourceFields, resourceRequired),
    entry: object(
      {
        ...resourceFields,
        noManifest: {
          description: 'LaunchDarkly has it with the managed tag and no manifest describes it: apply archives it',
          type: 'boolean',
        },
        state: {
          description: "LaunchDarkly's lifecycle state and Git's, when they differ",
          ...object({ live: nonEmpty, git: nonEmpty, origin }, ['live', 'git']),
        },
        changes: {
          type: 'array',
          items: object(
            {
              field: { description: 'e.g. iteration.treatments[Control].allocationPercent', ...nonEmpty },
              from: { description: 'What LaunchDarkly has, as shown in the text report; absent when unset', ...str },
              to: { description: 'What Git says; absent when unset', ...str },
              origin,
            },
            ['field'],
          ),
        },
      },
      [...resourceRequired, 'noManifest', 'changes'],
    ),
  },
};
