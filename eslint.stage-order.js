// @ts-check
/**
 * The stage-order rule (README "Architecture"): dependencies point one way, down the pipeline.
 * A module of `src/` imports only the base and the stages above its own row in STAGE_ORDER,
 * never one below (NOT_FROM narrows a row further). Imports are resolved against the importing
 * file, so a stage's own `./types.js` is never mistaken for another stage. To add a stage, add
 * a row in its place.
 */
import path from 'node:path';

/** Rows in pipeline order: a row's name, and the modules of `src/` (folders, or top-level files) it holds. */
export const STAGE_ORDER = [
  ['base', ['types', 'errors', 'files', 'reporter', 'util']],
  ['manifest'],
  ['schema'],
  ['live'],
  ['resolve'],
  ['normalize'],
  ['diff'],
  // origin/ labels a plan's changes git, drift or both (plan --base); the hash leaves the labels out.
  ['plan', ['plan', 'origin']],
  ['apply'],
  ['render'],
  // LaunchDarkly → manifests: live state read, resolved and normalized, written as YAML.
  ['export'],
  ['composition', ['validate', 'base', 'pipeline', 'connection']],
  // The adapters: the CLI, the GitHub Action and the library entry (`src/index.ts`).
  ['shell', ['cli', 'action', 'index']],
];

/** Modules a stage must not import although they come before it. */
export const NOT_FROM = {
  // The planner consumes the diff stage's output; it never resolves or looks names up again.
  plan: ['resolve'],
  // Export is a side branch off live: nothing of the plan path below normalize.
  export: ['diff', 'plan', 'apply', 'render'],
};

/**
 * Separate programs, outside the order: the emulator stands in for LaunchDarkly (it imports only
 * `errors` and `util`), the bench measures the CLI (it imports anything). Only `cli` (the
 * `ldexp emulator` command) and the bench may import the emulator; nothing imports the bench.
 */
export const SEPARATE = { emulator: ['errors', 'util'], bench: 'anything' };
const EMULATOR_USERS = ['cli', 'bench'];

/** @param {string} module */
function rowOf(module) {
  return STAGE_ORDER.findIndex((row) => (row[1] ?? [row[0]]).includes(module));
}

/**
 * Why `from` may not import `to`, or undefined when it may.
 * @param {string} from
 * @param {string} to
 * @returns {string | undefined}
 */
export function refusal(from, to) {
  if (from === to || from === 'bench') return undefined;
  if (to === 'bench') return 'nothing imports the bench';
  if (to === 'emulator') return EMULATOR_USERS.includes(from) ? undefined : 'only cli and the bench start the emulator';
  if (from === 'emulator')
    return SEPARATE.emulator.includes(to) ? undefined : 'the emulator imports nothing of ldexp but errors and util';
  const [fromRow, toRow] = [rowOf(from), rowOf(to)];
  if (fromRow < 0 || toRow < 0) return undefined;
  if (toRow > fromRow) return `${to} is a later stage than ${from}`;
  const notFrom = /** @type {Record<string, string[] | undefined>} */ (NOT_FROM)[from] ?? [];
  return notFrom.includes(to) ? `${from} never imports ${to}` : undefined;
}

/** The module of a path relative to `src/`: its folder, or a top-level file's name. */
function moduleOf(/** @type {string} */ relative) {
  const [first = ''] = relative.split(path.sep);
  return first.replace(/\.[cm]?[jt]s$/, '');
}

/** @type {import('eslint').Rule.RuleModule} */
const stageOrderRule = {
  meta: {
    type: 'problem',
    docs: { description: 'A stage imports only from stages before it (README "Architecture").' },
    messages: { backwards: '\'{{source}}\': {{why}} (stage order, README "Architecture").' },
    schema: [],
  },
  create(context) {
    const src = path.join(context.cwd, 'src');
    const file = path.relative(src, context.filename);
    if (file.startsWith('..') || path.isAbsolute(file)) return {};
    const from = moduleOf(file);
    /** @param {import('estree').Node & { source?: import('estree').Node | null }} node */
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.relative(src, path.resolve(path.dirname(context.filename), source.value));
      if (target.startsWith('..')) return;
      const why = refusal(from, moduleOf(target));
      if (why !== undefined)
        context.report({ node: source, messageId: 'backwards', data: { source: source.value, why } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const stageOrderPlugin = { rules: { 'stage-order': stageOrderRule } };

/** The config entry that turns the rule on for `src/` (tests included: they follow the order too, or sit in test/). */
export const stageOrderConfig = {
  files: ['src/**/*.ts'],
  ignores: ['**/*.test.ts'],
  plugins: { ldexp: stageOrderPlugin },
  rules: { 'ldexp/stage-order': 'error' },
};
