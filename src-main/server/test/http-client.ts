// Low-level clients for what fetch() will not send: raw bytes, streamed bodies, early hang-ups.
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface StreamedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Chunks written one after another; the body is chunked unless headers say Content-Length. */
  chunks: Iterable<Buffer>;
}

/**
 * Sends a request with node:http and resolves with the answer, even when the server answers before
 * the body is fully sent (writes failing after that are expected and ignored).
 */
export function sendStreamed(baseUrl: string, options: StreamedRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(options.path, baseUrl), { method: options.method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const iterator = options.chunks[Symbol.iterator]();
    const writeNext = (): void => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', writeNext);
          return;
        }
      }
    };
    writeNext();
  });
}

/** Writes raw bytes on a TCP connection and collects whatever comes back until the server closes it. */
export function sendRawBytes(port: number, bytes: string | Buffer, options: { endAfterWrite?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (options.endAfterWrite) socket.end();
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') resolve(Buffer.concat(chunks).toString('latin1'));
      else reject(error);
    });
  });
}

/** A multipart/form-data body with one file part, built by hand so tests control every byte. */
export function multipartBody(boundary: string, field: string, fileName: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

export function* repeatChunks(chunk: Buffer, count: number): Generator<Buffer> {
  for (let i = 0; i < count; i++) yield chunk;
}
