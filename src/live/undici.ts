/**
 * undici's request API and Agent, loaded without the package's index. The index also loads fetch,
 * WebSocket, EventSource, caches and mocks: about 120 ms of every run's start-up (measured: `node
 * -e "require('undici')"` 0.20 s against 0.08 s for these two parts), and ldexp uses none of them.
 * The two parts are what the index's own `request` wraps; the package has no exports map, and the
 * lockfile pins the version (test/package/startup-modules.test.ts checks what is loaded).
 */
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import requestOn from 'undici/lib/api/api-request.js';

export type { Dispatcher };
// Typed by the package's own declarations, so ours never name the deep path.
export const Agent: typeof UndiciAgent = AgentClass;

let shared: Dispatcher | undefined;

/** undici's `request(url, options)`, on the given dispatcher or one shared agent. */
export function request(
  url: string | URL,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher?: Dispatcher | undefined },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher = (shared ??= new Agent()), ...rest } = options;
  const target = new URL(url);
  return requestOn.call(dispatcher, { ...rest, origin: target.origin, path: `${target.pathname}${target.search}` });
}
