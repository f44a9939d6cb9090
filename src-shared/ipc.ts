// The wire format between the main process and the preload, shared by both ends so they cannot
// drift apart. Electron-free (and free of node:*), so it could move to src-shared unchanged.
//
// Why envelopes: a handler that throws reaches the preload as "Error invoking remote method …"
// with the LibraryError code gone, so handlers *return* {ok:false, error:{code,message}} instead.
// Why a code in the message: contextBridge copies a rejected Error as a plain Error carrying only
// its message (electron/electron#25596), so the preload writes the code into the message in a
// fixed form that `reviveLibraryError` turns back into a LibraryError in the page.
import type { LibraryMethod } from './api.js';
import { LibraryError, type LibraryErrorCode } from './errors.js';

export const libraryChannel = (method: LibraryMethod): `library:${LibraryMethod}` => `library:${method}`;

/** Main → renderer: one IndexProgress per message, sent only to subscribed webContents. */
export const INDEX_PROGRESS_CHANNEL = 'library:onIndexProgress';
/** Renderer → main: start / stop forwarding progress to the sending webContents. */
export const INDEX_PROGRESS_SUBSCRIBE_CHANNEL = 'library:onIndexProgress:subscribe';
export const INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL = 'library:onIndexProgress:unsubscribe';

export interface SerialisedError {
  code: LibraryErrorCode;
  message: string;
}

export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: SerialisedError };

const ERROR_CODES: readonly LibraryErrorCode[] = ['bad_request', 'not_found', 'too_large', 'unsupported_audio', 'busy', 'internal'];

function isErrorCode(value: unknown): value is LibraryErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as {code, message}: LibraryErrors keep their code, anything else is `internal`. */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof LibraryError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function isSerialisedError(value: unknown): value is SerialisedError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<SerialisedError>;
  return isErrorCode(candidate.code) && typeof candidate.message === 'string';
}

export function isIpcReply(value: unknown): value is IpcReply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown; error?: unknown };
  return reply.ok === true ? 'value' in reply : reply.ok === false && isSerialisedError(reply.error);
}

const BRIDGED_MESSAGE = /^\[([a-z_]+)\] ([\s\S]*)$/;

/** The message a preload rejects with: `[not_found] no sample with id 7`. */
export function bridgedErrorMessage(error: SerialisedError): string {
  return `[${error.code}] ${error.message}`;
}

/** Preload side: the reply's value, or a LibraryError whose message survives contextBridge with its code. */
export function unwrapIpcReply<T>(reply: unknown): T {
  if (!isIpcReply(reply)) throw new LibraryError('internal', bridgedErrorMessage({ code: 'internal', message: 'malformed IPC reply' }));
  if (reply.ok) return reply.value as T;
  throw new LibraryError(reply.error.code, bridgedErrorMessage(reply.error));
}

/** Page side: an error that crossed contextBridge back into a LibraryError with its code; others unchanged. */
export function reviveLibraryError(error: unknown): unknown {
  if (error instanceof LibraryError || !(error instanceof Error)) return error;
  const match = BRIDGED_MESSAGE.exec(error.message);
  if (!match || !isErrorCode(match[1])) return error;
  return new LibraryError(match[1], match[2]);
}
