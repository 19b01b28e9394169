import { describe, expect, it } from 'vitest';

import { fitsBudget, isRetryable, retryDelayMs, type AttemptOutcome } from '../../src/live/retry.js';

const NOW = 1_700_000_000_000;
const options = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 10_000 };
const limited = (headers: Record<string, string>): AttemptOutcome => ({
  kind: 'response',
  status: 429,
  ldCode: 'rate_limited',
  headers,
});

describe('retryDelayMs', () => {
  it.each([
    { name: 'Retry-After seconds', retry: 1, headers: { 'retry-after': '3' }, random: 0, expected: 3000 },
    { name: 'Retry-After zero', retry: 1, headers: { 'retry-after': '0' }, random: 0, expected: 0 },
    {
      name: 'Retry-After HTTP date',
      retry: 1,
      headers: { 'retry-after': new Date(NOW + 4000).toUTCString() },
      random: 0,
      expected: 4000,
    },
    {
      name: 'Retry-After wins over reset',
      retry: 1,
      headers: { 'retry-after': '1', 'x-ratelimit-reset': String(NOW + 5000) },
      random: 0,
      expected: 1000,
    },
    {
      name: 'reset in epoch ms',
      retry: 1,
      headers: { 'x-ratelimit-reset': String(NOW + 2500) },
      random: 0,
      expected: 2500,
    },
    {
      name: 'reset in the past → backoff',
      retry: 2,
      headers: { 'x-ratelimit-reset': String(NOW - 10) },
      random: 0,
      expected: 1000,
    },
    { name: 'negative reset → backoff', retry: 1, headers: { 'x-ratelimit-reset': '-5' }, random: 0, expected: 500 },
    { name: 'negative Retry-After → backoff', retry: 1, headers: { 'retry-after': '-1' }, random: 0, expected: 500 },
    {
      name: 'garbage → backoff',
      retry: 3,
      headers: { 'retry-after': 'soon', 'x-ratelimit-reset': 'x' },
      random: 0,
      expected: 2000,
    },
    { name: 'no headers, jitter', retry: 1, headers: {}, random: 0.5, expected: 750 },
    { name: 'capped', retry: 1, headers: { 'retry-after': '3600' }, random: 0.9, expected: 10_000 },
  ])('$name', ({ retry, headers, random, expected }) => {
    expect(retryDelayMs(retry, limited(headers), options, NOW, random)).toBe(expected);
  });

  it('backs off exponentially after network failures', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { kind: 'network', failure: 'other' }, options, NOW, 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });
});

describe('isRetryable', () => {
  const response = (status: number, ldCode?: string): AttemptOutcome => ({
    kind: 'response',
    status,
    ldCode,
    headers: {},
  });
  it.each([
    ['GET', response(429), true],
    ['POST', response(429), true],
    ['PATCH', response(409, 'optimistic_locking_error'), false],
    ['PATCH', response(409, 'conflict'), false],
    ['POST', response(409, 'optimistic_locking_error'), false],
    ['GET', response(500), true],
    ['POST', response(500), false],
    ['GET', response(400), false],
    ['GET', { kind: 'network', failure: 'other' } as const, true],
    ['PATCH', { kind: 'network', failure: 'other' } as const, false],
    ['GET', { kind: 'network', failure: 'refused' } as const, false],
    ['GET', { kind: 'network', failure: 'unresolved' } as const, false],
    ['GET', { kind: 'network', failure: 'connect-timeout' } as const, false],
    ['GET', { kind: 'network', failure: 'timeout' } as const, false],
    ['GET', { kind: 'network', failure: 'cancelled' } as const, false],
  ] as const)('%s %j → %s', (method, outcome, expected) => {
    expect(isRetryable(method, outcome)).toBe(expected);
  });
});

describe('fitsBudget: a request and its retries end within twice the timeout', () => {
  it.each([
    { elapsed: 0, delay: 500, timeout: 30_000, fits: true },
    { elapsed: 29_000, delay: 1_000, timeout: 30_000, fits: true },
    { elapsed: 29_000, delay: 1_001, timeout: 30_000, fits: false },
    { elapsed: 0, delay: 30_001, timeout: 30_000, fits: false },
    { elapsed: 400, delay: 600, timeout: 1_000, fits: true },
    { elapsed: 400, delay: 700, timeout: 1_000, fits: false },
  ])('elapsed $elapsed + wait $delay + timeout $timeout → $fits', ({ elapsed, delay, timeout, fits }) => {
    expect(fitsBudget(elapsed, delay, timeout)).toBe(fits);
  });
});
