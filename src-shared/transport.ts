// How LibraryApi calls travel over a byte pipe (HTTP in web mode; Electron IPC uses structured clone
// and needs none of this). One codec for both ends so server and client cannot drift apart.
//
// HTTP shape:
//   POST /api/call/<method>   body: {"args": [...]}      → 200 {"result": ...}
//                                                         → 4xx/5xx {"error": {"code", "message"}}
//   GET  /api/events          Server-Sent Events; event `indexProgress`, data: IndexProgress JSON
//   GET  /api/samples/<id>/audio   the file's bytes, with Range support (for the player)

export const API_CALL_PREFIX = '/api/call/';
export const API_EVENTS_PATH = '/api/events';
export const sampleAudioPath = (id: number): string => `/api/samples/${id}/audio`;

export interface ApiErrorBody {
  error: { code: string; message: string };
}

interface EncodedBytes {
  $bytes: string;
}

function isEncodedBytes(value: unknown): value is EncodedBytes {
  return typeof value === 'object' && value !== null && typeof (value as EncodedBytes).$bytes === 'string';
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** JSON-safe form of call arguments: Uint8Array becomes {$bytes: base64}. */
export function encodeArgs(args: readonly unknown[]): unknown[] {
  return args.map((arg) => (arg instanceof Uint8Array ? { $bytes: bytesToBase64(arg) } : arg));
}

export function decodeArgs(args: readonly unknown[]): unknown[] {
  return args.map((arg) => (isEncodedBytes(arg) ? base64ToBytes(arg.$bytes) : arg));
}
