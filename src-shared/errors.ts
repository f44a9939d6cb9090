// Failures every front door must report the same way (HTTP status, IPC rejection, CLI message).

export type LibraryErrorCode =
  | 'bad_request' // malformed parameters → HTTP 400
  | 'not_found' // unknown id or path → 404
  | 'too_large' // upload beyond the limit → 413
  | 'unsupported_audio' // bytes that are not decodable audio → 422
  | 'busy' // the library is locked by another process → 423
  | 'internal'; // a bug → 500

export const HTTP_STATUS_BY_CODE: Record<LibraryErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  too_large: 413,
  unsupported_audio: 422,
  busy: 423,
  internal: 500,
};

export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

export function isLibraryError(value: unknown): value is LibraryError {
  return value instanceof LibraryError;
}
