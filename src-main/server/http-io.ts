// Small helpers for reading requests and writing JSON answers with node:http.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, tooLarge, unsupportedMediaType } from './http-errors.js';

/** Headers every answer carries: no MIME sniffing, no framing by other sites. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The media type of a request without parameters, lower-cased ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Content-Length when the client declared one, else null (chunked bodies). */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/** Rejects a request that went away before its body arrived, so a waiting handler never hangs. */
export class ClientGoneError extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGoneError';
  }
}

/**
 * Reads a JSON request body of at most `maxBytes`. Requiring application/json is deliberate: a
 * cross-site page can only send it after a CORS preflight, which this server never grants, so a
 * website open in the user's browser cannot drive the local library.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    throw unsupportedMediaType('expected Content-Type: application/json');
  }
  const length = declaredLength(req);
  if (length !== null && length > maxBytes) throw tooLarge(`request body over ${maxBytes} bytes`);
  const text = await readBodyText(req, maxBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('request body is not valid JSON');
  }
}

function readBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error: Error | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop buffering; the router answers 413 and closes the connection.
        req.pause();
        finish(tooLarge(`request body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onClose = (): void => finish(req.complete ? null : new ClientGoneError());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

/** Parses a decimal integer query/path value within bounds, or throws 400 naming the parameter. */
export function parseIntParam(name: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer between ${min} and ${max}`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function parseNumberParam(name: string, raw: string): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw badRequest(`${name} must be a number`);
  return value;
}

export function parseBooleanParam(name: string, raw: string): boolean {
  switch (raw.trim().toLowerCase()) {
    case 'true':
    case '1':
    case 'yes':
      return true;
    case 'false':
    case '0':
    case 'no':
      return false;
    default:
      throw badRequest(`${name} must be true or false`);
  }
}
