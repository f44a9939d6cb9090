// Sends files from disk: sample audio for the player and the built renderer for web mode.
// Callers decide which path is allowed; this module only streams it well.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseRange } from './byte-range.js';
import { HttpError, notFound } from './http-errors.js';
import { BASE_HEADERS } from './http-io.js';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  // Audio the library catalogues.
  '.wav': 'audio/wav',
  '.wave': 'audio/wav',
  '.aif': 'audio/aiff',
  '.aiff': 'audio/aiff',
  '.aifc': 'audio/aiff',
  '.flac': 'audio/flac',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  // The renderer bundle.
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_BY_EXTENSION[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The web app's policy: everything from this origin, media also from blob: (decoded previews). */
export const HTML_CONTENT_SECURITY_POLICY =
  "default-src 'self'; media-src 'self' blob:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

export interface SendFileOptions {
  /** Honour Range requests (the audio player seeks with them). */
  ranges: boolean;
  cacheControl: string;
}

/**
 * Streams `filePath` with its MIME type, Last-Modified and, when enabled, single-range 206
 * answers (416 when the range lies past the end). A client that goes away mid-stream only ends
 * the stream; it is never an error worth reporting.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, filePath: string, options: SendFileOptions): Promise<void> {
  // Open first and stat the open file: what is measured is exactly what gets streamed, even if the
  // path is replaced meanwhile, and an unreadable file is a clean 404 rather than a cut-off 200.
  const handle = await open(filePath, 'r').catch(() => null);
  if (!handle) throw notFound('file is missing on disk');
  let streaming = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notFound('file is missing on disk');
    const size = info.size;

    const contentType = mimeTypeFor(filePath);
    const headers: Record<string, string | number> = {
      ...BASE_HEADERS,
      'Content-Type': contentType,
      'Last-Modified': info.mtime.toUTCString(),
      'Cache-Control': options.cacheControl,
    };
    if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = HTML_CONTENT_SECURITY_POLICY;
    if (options.ranges) headers['Accept-Ranges'] = 'bytes';

    // Revalidation of an unchanged file (browsers do it for assets and replayed audio): no body.
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (req.headers.range === undefined && Number.isFinite(since) && Math.floor(info.mtimeMs / 1000) * 1000 <= since) {
      delete headers['Content-Security-Policy'];
      res.writeHead(304, headers);
      res.end();
      return;
    }

    const range = options.ranges ? parseRange(req.headers.range, size) : { kind: 'whole' as const };
    if (range.kind === 'unsatisfiable') {
      throw new HttpError(416, 'range_not_satisfiable', `range outside the file's ${size} bytes`, {
        'Content-Range': `bytes */${size}`,
        'Accept-Ranges': 'bytes',
      });
    }
    let start = 0;
    let end = size - 1;
    let status = 200;
    if (range.kind === 'partial') {
      ({ start, end } = range);
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    streaming = true;
    await pipeline(handle.createReadStream({ start, end, autoClose: true }), res);
  } catch (error) {
    if (!streaming) throw error;
    // The listener stopped or skipped ahead: close quietly. A disk error after the headers went
    // out cannot become an error answer any more, so the connection is cut instead.
    if (!res.destroyed) res.destroy(error as Error);
  } finally {
    // The read stream closes the handle itself once it has been created; close it on every other path.
    if (!streaming) await handle.close().catch(() => undefined);
  }
}
