// One way to fail an HTTP request: every handler throws, the router answers {"error": {code, message}}.
// Library failures keep their LibraryError code and HTTP_STATUS_BY_CODE status; transport-only
// failures (wrong media type, wrong method, unknown route) get their own code here because the
// core never raises them.
import type { ApiErrorBody } from '../../src-shared/transport.js';
import { HTTP_STATUS_BY_CODE, isLibraryError } from '../../src-shared/errors.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `Allow` for 405 or `Content-Range` for 416. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);
export const tooLarge = (message: string): HttpError => new HttpError(413, 'too_large', message);
export const unsupportedMediaType = (message: string): HttpError => new HttpError(415, 'unsupported_media_type', message);

export interface ErrorAnswer {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
  /** True when the failure is a bug (not the client's fault) and worth logging. */
  unexpected: boolean;
}

/** Maps anything a handler threw to the status and body the client sees. Bugs never leak stacks. */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: error.headers, unexpected: false };
  }
  if (isLibraryError(error)) {
    const status = HTTP_STATUS_BY_CODE[error.code] ?? 500;
    return { status, body: { error: { code: error.code, message: error.message } }, headers: {}, unexpected: status >= 500 };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } }, headers: {}, unexpected: true };
}
