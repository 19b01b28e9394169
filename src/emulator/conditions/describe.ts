/** A one-line summary of conditions, for the `ldexp emulator` banner. */
import type { EmulatorConditions, RateLimitWindow } from './types.js';
import { DEFAULT_WINDOW_MS } from './rate-limiter.js';

export function describeConditions(conditions: EmulatorConditions | undefined): string {
  const parts: string[] = [];
  const latency = conditions?.latencyMs;
  if (typeof latency === 'number') parts.push(`latency ${latency} ms`);
  else if (latency) parts.push(`latency ${latency.min}–${latency.max} ms`);
  if (conditions?.pageSizeCap !== undefined) parts.push(`page size capped at ${conditions.pageSizeCap}`);
  const { route, global } = conditions?.rateLimit ?? {};
  if (route) parts.push(`route limit ${windowText(route)}`);
  if (global) parts.push(`global limit ${windowText(global)}`);
  const faults = conditions?.faults?.length ?? 0;
  if (faults > 0) parts.push(`${faults} fault rule${faults === 1 ? '' : 's'} (seed ${conditions?.seed ?? 1})`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function windowText(window: RateLimitWindow): string {
  return `${window.limit} per ${window.windowMs ?? DEFAULT_WINDOW_MS} ms`;
}
