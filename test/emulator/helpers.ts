/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are explored dynamically in tests */
/** Test harness: an emulator on 127.0.0.1 port 0, seeded from the shared fixture, and a client. */
import { fileURLToPath } from 'node:url';
import { loadSeed, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const SEED_FILE = fileURLToPath(new URL('../fixtures/emulator-seed.yaml', import.meta.url));
export const PATCH_TYPE = 'application/json; domain-model=launchdarkly.semanticpatch';
export const PROD = '/api/v2/projects/web/environments/production';
export const EXPERIMENTS = `${PROD}/experiments`;
export const HOLDOUTS = `${PROD}/holdouts`;
/** The fixed clock of every test emulator. */
export const NOW = Date.UTC(2026, 1, 1, 12);

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (wins over `body`). */
  text?: string;
  headers?: Record<string, string>;
  contentType?: string | null;
}

export interface Harness {
  emu: RunningEmulator;
  call: (method: string, path: string, options?: CallOptions) => Promise<Reply>;
  get: (path: string, headers?: Record<string, string>) => Promise<Reply>;
  post: (path: string, body: unknown) => Promise<Reply>;
  patch: (path: string, ...instructions: object[]) => Promise<Reply>;
  close: () => Promise<void>;
}

/** Start a seeded emulator with a fixed clock. */
export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const seed = options.seed ?? (await loadSeed(SEED_FILE));
  const emu = await startEmulator({ now: () => NOW, ...options, seed });
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { Authorization: 'api-test-token', ...o.headers };
    const text = o.text ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (text !== undefined && o.contentType !== null) headers['Content-Type'] = o.contentType ?? 'application/json';
    const res = await fetch(`${emu.url}${path}`, { method, headers, ...(text === undefined ? {} : { body: text }) });
    const raw = await res.text();
    return { status: res.status, body: raw === '' ? undefined : JSON.parse(raw), headers: res.headers };
  };
  return {
    emu,
    call,
    get: (path, headers) => call('GET', path, headers ? { headers } : {}),
    post: (path, body) => call('POST', path, { body }),
    patch: (path, ...instructions) => call('PATCH', path, { body: { instructions }, contentType: PATCH_TYPE }),
    close: () => emu.close(),
  };
}

/** Variation `_id`s of a flag by variation name, and the flag's version in production. */
export async function flagInfo(
  h: Harness,
  flagKey: string,
): Promise<{ ids: Record<string, string>; version: number; rules: { _id: string; ref?: string }[] }> {
  const flag = (await h.get(`/api/v2/flags/web/${flagKey}?env=production`)).body;
  const ids: Record<string, string> = {};
  for (const v of flag.variations) ids[v.name] = v._id;
  const env = flag.environments.production;
  return { ids, version: env.version, rules: env.rules };
}

/** A valid ExperimentPost on `new-checkout` (fallthrough), with optional overrides. */
export async function experimentPost(
  h: Harness,
  key: string,
  overrides: Record<string, unknown> = {},
  iterationOverrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const { ids, version } = await flagInfo(h, 'new-checkout');
  return {
    key,
    name: `Experiment ${key}`,
    iteration: {
      hypothesis: 'It converts better',
      metrics: [{ key: 'checkout-completed' }, { key: 'page-load-ms' }],
      primarySingleMetricKey: 'checkout-completed',
      treatments: [
        {
          name: 'Control',
          baseline: true,
          allocationPercent: '50',
          parameters: [{ flagKey: 'new-checkout', variationId: ids['Old checkout'] }],
        },
        {
          name: 'New',
          baseline: false,
          allocationPercent: '50',
          parameters: [{ flagKey: 'new-checkout', variationId: ids['New checkout'] }],
        },
      ],
      flags: { 'new-checkout': { ruleId: 'fallthrough', flagConfigVersion: version } },
      randomizationUnit: 'user',
      ...iterationOverrides,
    },
    ...overrides,
  };
}

/** Every `{code, message}` error body looks like this. */
export function isError(reply: Reply, status: number, code: string): boolean {
  return (
    reply.status === status &&
    reply.body?.code === code &&
    typeof reply.body?.message === 'string' &&
    reply.body.message.length > 0
  );
}
