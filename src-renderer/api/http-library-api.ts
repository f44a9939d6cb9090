// LibraryApi over HTTP for web mode: one generic proxy derived from LIBRARY_METHODS and the shared
// transport codec (src-shared/transport.ts), so a new API method needs no code here.
import { LIBRARY_METHODS, type Disposer, type IndexProgress, type LibraryApi, type LibraryMethod } from '../../src-shared/api.js';
import { API_CALL_PREFIX, API_EVENTS_PATH, encodeArgs, type ApiErrorBody } from '../../src-shared/transport.js';
import { LibraryError, type LibraryErrorCode } from '../../src-shared/errors.js';

const KNOWN_ERROR_CODES: readonly LibraryErrorCode[] = ['bad_request', 'not_found', 'too_large', 'unsupported_audio', 'busy', 'internal'];

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as Partial<ApiErrorBody> | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/** Server errors arrive as LibraryError with the shared code, so panels can tell "not found" from a bug. */
function toLibraryError(status: number, body: unknown): LibraryError {
  if (isErrorBody(body)) {
    const code = (KNOWN_ERROR_CODES as readonly string[]).includes(body.error.code) ? (body.error.code as LibraryErrorCode) : 'internal';
    return new LibraryError(code, body.error.message);
  }
  return new LibraryError('internal', `HTTP ${status}`);
}

type CallFunction = (method: LibraryMethod, args: unknown[]) => Promise<unknown>;

function httpCaller(baseUrl: string): CallFunction {
  return async (method, args) => {
    const response = await fetch(new URL(`${API_CALL_PREFIX}${method}`, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: encodeArgs(args) }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toLibraryError(response.status, body);
    return (body as { result: unknown }).result;
  };
}

/** Server-Sent Events: one EventSource per listener, closed by the disposer. */
function subscribeIndexProgress(baseUrl: string, listener: (progress: IndexProgress) => void): Disposer {
  const source = new EventSource(new URL(API_EVENTS_PATH, baseUrl));
  const onProgress = (event: MessageEvent<string>): void => listener(JSON.parse(event.data) as IndexProgress);
  source.addEventListener('indexProgress', onProgress);
  return () => {
    source.removeEventListener('indexProgress', onProgress);
    source.close();
  };
}

export function createHttpLibraryApi(baseUrl: string): LibraryApi {
  const call = httpCaller(baseUrl);
  const methods = Object.fromEntries(
    LIBRARY_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Pick<LibraryApi, LibraryMethod>;
  return {
    ...methods,
    onIndexProgress: (listener) => subscribeIndexProgress(baseUrl, listener),
  };
}
