/** An error that becomes a LaunchDarkly-style `{code, message}` JSON response. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 400 `invalid_request`: malformed body, missing field, bad instruction or failed precondition. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, 'invalid_request', message);
}

/** 404 `not_found` for an unknown project, environment or resource key. */
export function notFound(message: string): HttpError {
  return new HttpError(404, 'not_found', message);
}

/** 409 `conflict` for a key that already exists. */
export function conflict(message: string): HttpError {
  return new HttpError(409, 'conflict', message);
}
