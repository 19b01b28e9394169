import { describe, expect, it } from 'vitest';

import { NetworkError, RemoteError, UnexpectedResponseError, redact } from './errors.js';

describe('redact', () => {
  it.each([
    ['Authorization: api-123 sent', 'api-123', 'Authorization: [REDACTED] sent'],
    ['api-123 and api-123', 'api-123', '[REDACTED] and [REDACTED]'],
    ['nothing here', 'api-123', 'nothing here'],
    ['kept when no secret', undefined, 'kept when no secret'],
    // Short secrets (under 8 characters) only where they stand alone, never inside a word.
    ['ldexp plan: x is not valid', 'x', 'ldexp plan: [REDACTED] is not valid'],
    ['Authorization: x\nbearer=x;', 'x', 'Authorization: [REDACTED]\nbearer=[REDACTED];'],
    ['"x" and ldexp-x and x_1', 'x', '"[REDACTED]" and ldexp-x and x_1'],
    ['token a.b in a.bc, a+b', 'a.b', 'token [REDACTED] in a.bc, a+b'],
    ['api-123 inside api-1234', 'api-123', '[REDACTED] inside api-1234'],
    // From 8 characters on every occurrence goes, even inside longer text.
    ['prefix-api-12345678-suffix', 'api-12345678', 'prefix-[REDACTED]-suffix'],
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

describe('UnexpectedResponseError', () => {
  it('is a RemoteError with the status, what was expected, the content type and the start of the body', () => {
    const error = new UnexpectedResponseError(
      'POST',
      '/api/v2/x',
      'a body that is not JSON',
      '201 and an experiment as JSON',
      {
        status: 200,
        contentType: 'text/html',
        bodyStart: '<p>"hi"</p>\n',
      },
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'UnexpectedResponse', status: 200, source: 'remote', ldCode: undefined });
    expect(error.message).toBe(
      'POST /api/v2/x → 200: a body that is not JSON; expected 201 and an experiment as JSON. Content type: text/html; body: "<p>\\"hi\\"</p>\\n"',
    );
  });
});

describe('NetworkError', () => {
  it.each([
    ['refused', 'ConnectionRefused'],
    ['unresolved', 'HostNotFound'],
    ['connect-timeout', 'ConnectTimeout'],
    ['timeout', 'Timeout'],
    ['cancelled', 'Cancelled'],
    ['other', 'NetworkError'],
  ] as const)('%s → code %s, status 0, the URL in the message', (failure, code) => {
    const error = new NetworkError('GET', '/p', 'https://ld.example/p', failure, 'what happened');
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code,
      status: 0,
      source: 'remote',
      message: 'GET https://ld.example/p → what happened',
    });
  });
});
