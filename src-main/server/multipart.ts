// Reads one uploaded file from a multipart/form-data request, streamed through busboy and
// size-limited, so a 2 GB upload costs at most `maxBytes` of memory before it is refused.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest, tooLarge, unsupportedMediaType } from './http-errors.js';
import { ClientGoneError, declaredLength, mediaType } from './http-io.js';

export interface UploadedFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

export interface UploadLimits {
  /** Name of the form field that carries the file (`file`, as in `curl -F "file=@x.wav"`). */
  fieldName: string;
  maxBytes: number;
}

/** Room for boundaries, part headers and small fields around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function readUploadedFile(req: IncomingMessage, limits: UploadLimits): Promise<UploadedFile> {
  if (mediaType(req) !== 'multipart/form-data') {
    return Promise.reject(unsupportedMediaType(`expected multipart/form-data with a "${limits.fieldName}" field`));
  }
  const length = declaredLength(req);
  if (length !== null && length > limits.maxBytes + MULTIPART_OVERHEAD_BYTES) {
    return Promise.reject(tooLarge(`upload over ${limits.maxBytes} bytes`));
  }

  return new Promise<UploadedFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: limits.maxBytes, fields: 16, parts: 32, fieldSize: 64 * 1024 },
      });
    } catch (error) {
      // Missing or malformed boundary parameter.
      reject(badRequest(`malformed multipart request: ${(error as Error).message}`));
      return;
    }

    let settled = false;
    let upload: UploadedFile | null = null;
    let fileDone: Promise<void> = Promise.resolve();

    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      req.off('close', onClose);
      if (error) {
        // Stop feeding the parser; the router answers and closes the connection.
        req.unpipe(parser);
        parser.removeAllListeners('file');
        parser.on('error', () => undefined);
        reject(error);
      } else if (upload) {
        resolve(upload);
      } else {
        reject(badRequest(`multipart field "${limits.fieldName}" is missing`));
      }
    };

    const onClose = (): void => {
      if (!req.complete) settle(new ClientGoneError());
    };

    parser.on('file', (field, stream, info) => {
      if (field !== limits.fieldName || upload !== null) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      fileDone = new Promise<void>((fileResolve) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', () => settle(tooLarge(`upload over ${limits.maxBytes} bytes`)));
        stream.on('error', (error: Error) => settle(badRequest(`malformed multipart request: ${error.message}`)));
        stream.on('end', () => {
          if (!stream.truncated) {
            const bytes = Buffer.concat(chunks);
            upload = {
              bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
              fileName: info.filename ?? 'upload',
              mimeType: info.mimeType,
            };
          }
          fileResolve();
        });
      });
    });
    parser.on('filesLimit', () => undefined);
    parser.on('error', (error: Error) => settle(badRequest(`malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      void fileDone.then(() => settle(null));
    });
    req.on('close', onClose);
    req.pipe(parser);
  });
}
