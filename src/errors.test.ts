import { describe, expect, it } from 'vitest';

import { RemoteError, redact } from './errors.js';

describe('redact', () => {
  it.each([
    ['Authorization: api-123 sent', 'api-123', 'Authorization: [REDACTED] sent'],
    ['api-123 and api-123', 'api-123', '[REDACTED] and [REDACTED]'],
    ['nothing here', 'api-123', 'nothing here'],
    ['kept when no secret', undefined, 'kept when no secret'],
  ])('%s', (text, secret, expected) => {
    expect(redact(text, secret)).toBe(expected);
  });
});

describe('RemoteError', () => {
  it('names the request and LaunchDarkly code in its message', () => {
    const error = new RemoteError(409, 'POST', '/api/v2/x', 'conflict', 'already exists');
    expect(error.message).toBe('POST /api/v2/x → 409 conflict: already exists');
    expect(error.code).toBe('RemoteError');
    expect(error.source).toBe('remote');
  });
  it('calls status 0 a network error', () => {
    expect(new RemoteError(0, 'GET', '/p', undefined, 'ECONNREFUSED').code).toBe('NetworkError');
  });
});
