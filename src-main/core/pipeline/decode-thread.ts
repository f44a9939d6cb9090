// Each analysis worker decodes FLAC, Ogg and MP3 in a thread of its own and analyses in its own.
//
// Decoding and analysing in one thread slowed each other down while the wasm decoders made a new
// instance, with its own wasm memory, for every file: V8 collected that garbage while the
// analysis ran. scripts/bench/detach-probe.ts measured this on the corpus: decoding then
// analysing each file in one thread took 8.6 + 14.7 ms of CPU per file, and the same work
// split between two threads took 7.5 + 13.5 ms. Decoders are now kept between files
// (wasm-codecs.ts), and decoding in the analysis thread measured the same within the spread; the
// thread stays because a decoder that hangs then costs a fresh decode thread, not the worker. What did not happen is V8's detach slowdown
// (worker-host.ts): these decoders never grow their wasm heaps. Analysis after decoding the
// whole corpus in the same thread ran as fast as in a fresh thread.
//
// PCM (WAV, AIFF) is parsed in the analysis thread. That is cheap, and a message to another
// thread and back would cost more.
import { decodeAudio, DecodeError, needsWasmDecoder, type DecodedAudio } from '../decode/index.js';
import { WorkerPool } from './worker-pool.js';

/** What the decode thread does (its entry is the analysis worker's script, run in the 'decode' role). */
export const decodeThreadMethods = {
  decode: (bytes: Uint8Array, fileName: string): Promise<DecodedAudio> => decodeAudio(bytes, fileName),
};

export type DecodeThreadMethods = typeof decodeThreadMethods;

/**
 * Shorter than the analysis pool's per-file limit (library-service.ts, 120 s), so a decoder that hangs
 * costs its own file and a fresh decode thread, not the analysis worker.
 */
const DECODE_TIMEOUT_MS = 100_000;

export type Decode = (bytes: Uint8Array, fileName: string) => Promise<DecodedAudio>;

/**
 * A decodeAudio that sends files needing a wasm decoder to a decode thread running `script`, started
 * when the first one arrives. Its failures are DecodeErrors with the decoder's reason. A decode
 * thread that crashed or hung becomes the reason for that file, and a new thread takes the next one.
 */
export function threadedDecode(script: URL | string, workerData: unknown, timeoutMs = DECODE_TIMEOUT_MS): { decode: Decode; close: () => Promise<void> } {
  let pool: WorkerPool<DecodeThreadMethods> | null = null;
  return {
    async decode(bytes, fileName) {
      if (!needsWasmDecoder(bytes)) return decodeAudio(bytes, fileName);
      pool ??= new WorkerPool<DecodeThreadMethods>({ script, workerData, size: 1, taskTimeoutMs: timeoutMs, names: { worker: 'decode thread', task: 'decoding' } });
      try {
        // Copied, not transferred: a transfer would detach the buffer in this thread (worker-host.ts).
        return await pool.call('decode', [bytes, fileName]);
      } catch (error) {
        throw new DecodeError(error instanceof Error ? error.message : String(error));
      }
    },
    close: async () => pool?.close(),
  };
}
