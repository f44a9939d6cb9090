// FLAC, Ogg (Vorbis, Opus, FLAC) and MPEG audio through the `audio-decode` package's wasm
// decoders. A file that fits the analysis window is decoded in one call; a longer one is fed in
// chunks and the decoder is freed as soon as the window is full, so a 10-minute file costs 30 s
// of decoding and memory.
import audioDecode from 'audio-decode';
import type { StreamDecoder } from 'audio-decode';
import { DecodeError } from './decode-error.js';
import { MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './limits.js';
import { codecLabel as labelFor, type StreamHeader } from './compressed-headers.js';

/** Decoder names in `audio-decode` for the codecs we hand it. */
export type WasmCodec = 'flac' | 'oga' | 'opus' | 'mp3';

/**
 * Input bytes per call on the chunked path. The chunked FLAC parser drops the final frame and
 * misreads very small first chunks, so chunks stay large and the chunked path is only taken when
 * the file is longer than the window (its end is never reached then, unless the header lied).
 */
const CHUNK_BYTES = 64 * 1024;
/**
 * Largest file decoded in one call. One call decodes the whole file, so its output is bounded only
 * by what the bytes expand to; beyond this size the chunked path bounds it by the window instead.
 */
const SINGLE_CALL_MAX_BYTES = 16 * 1024 * 1024;

export interface WasmDecodeResult {
  /** One array per channel, at most `windowFrames` long. */
  channels: Float32Array[];
  sampleRate: number;
  /** True when the decoder consumed the whole file (not stopped at the window). */
  reachedEnd: boolean;
  /** Bytes handed to the decoder before it stopped. */
  bytesConsumed: number;
  /** Frames decoded, including any beyond the window in the last chunk. */
  framesDecoded: number;
  /** Messages the wasm decoder printed about damaged data. */
  decoderMessages: string[];
}

/**
 * Codecs whose decoders begin a clean stream after decoding a complete file in one call: the
 * @audio FLAC wrapper then recreates its libFLAC decoder and the Vorbis wrapper restores its wasm
 * heap from the snapshot taken at start. Starting a decoder costs about 2 ms (compiling is cached,
 * instantiating and allocating its heap are not), a fifth of decoding a typical one-shot, so each
 * thread keeps one such decoder per codec between files. MP3 is not reused: audio-decode's
 * wrapper keeps a sticky per-stream flag for its mono-upmix check.
 */
const REUSABLE_CODECS: ReadonlySet<WasmCodec> = new Set(['flac', 'oga']);
const idleDecoders = new Map<WasmCodec, StreamDecoder>();

function takeDecoder(codec: WasmCodec): Promise<StreamDecoder> {
  const idle = idleDecoders.get(codec);
  if (!idle) return audioDecode[codec]();
  idleDecoders.delete(codec);
  return Promise.resolve(idle);
}

/** Frees the decoders kept between files, so the next file gets fresh ones (tests compare the two); a thread's kept decoders otherwise end with the thread. */
export function releaseIdleDecoders(): void {
  for (const decoder of idleDecoders.values()) decoder.free();
  idleDecoders.clear();
}

/**
 * Whether a decoder's stream ended cleanly with the one call that decoded the whole file: exactly
 * the header's frame count, without a complaint. Anything else (damage, a chunked read, a header
 * that guessed its length) leaves state behind, and that decoder is flushed and freed as before.
 */
function endedWithWholeFile(codec: WasmCodec, header: StreamHeader, singleCall: boolean, framesDecoded: number, messages: readonly string[]): boolean {
  return REUSABLE_CODECS.has(codec) && singleCall && messages.length === 0 && header.totalFrames !== null && !header.totalIsEstimate && framesDecoded === header.totalFrames;
}

interface DecodedChunk {
  channelData: Float32Array[];
  sampleRate: number;
}

/**
 * The wasm decoders report damage by printing to console.error and carry on. Their decode call is
 * synchronous inside the returned promise's executor, so swapping console.error around the call
 * (not across the await) captures exactly this call's messages and leaks nothing into the log.
 */
function callCapturingMessages(decoder: StreamDecoder, chunk: Uint8Array | undefined, sink: string[]): Promise<DecodedChunk> {
  const originalError = console.error;
  const originalWarn = console.warn;
  const capture = (...parts: unknown[]): void => {
    const message = parts.map(String).join(' ').replace(/\s+/g, ' ').trim();
    if (sink.length < 20) sink.push(message);
  };
  console.error = capture;
  console.warn = capture;
  try {
    return decoder(chunk);
  } finally {
    console.error = originalError;
    console.warn = originalWarn;
  }
}

function checkChunk(chunk: DecodedChunk, codecLabel: string): void {
  const { channelData, sampleRate } = chunk;
  if (channelData.length === 0) return;
  if (channelData.length > MAX_CHANNELS) throw new DecodeError(`${codecLabel} decoder produced ${channelData.length} channels (damaged stream)`);
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new DecodeError(`${codecLabel} decoder reported an implausible sample rate of ${sampleRate} Hz (damaged stream)`);
  }
  const frames = channelData[0].length;
  if (channelData.some((channel) => channel.length !== frames)) throw new DecodeError(`${codecLabel} decoder produced channels of different lengths`);
}

/** Collects decoded chunks into `channelCount` channels, keeping at most `windowFrames` frames. */
class WindowCollector {
  private readonly pieces: Float32Array[][] = [];
  collected = 0;
  total = 0;
  sampleRate = 0;

  constructor(
    private readonly channelCount: number,
    private readonly windowFrames: number,
  ) {}

  get full(): boolean {
    return this.collected >= this.windowFrames;
  }

  add({ channelData, sampleRate }: DecodedChunk): void {
    if (channelData.length === 0) return;
    if (this.sampleRate === 0) this.sampleRate = sampleRate;
    const frames = channelData[0].length;
    this.total += frames;
    const keep = Math.min(frames, this.windowFrames - this.collected);
    if (keep <= 0) return;
    // A decoder may collapse dual-mono to one channel for part of a stream: map channels round-robin.
    this.pieces.push(Array.from({ length: this.channelCount }, (_, i) => channelData[i % channelData.length].slice(0, keep)));
    this.collected += keep;
  }

  channels(): Float32Array[] {
    return Array.from({ length: this.channelCount }, (_, channel) => {
      if (this.pieces.length === 1) return this.pieces[0][channel];
      const joined = new Float32Array(this.collected);
      let offset = 0;
      for (const piece of this.pieces) {
        joined.set(piece[channel], offset);
        offset += piece[channel].length;
      }
      return joined;
    });
  }
}

/**
 * What a decoder's exception says about the file. The decoders' JavaScript stream parsers hit their
 * own bugs on some damaged streams (a Vorbis packet header that does not parse makes
 * @audio/decode-vorbis call an undefined `logError`): a ReferenceError or TypeError from inside them
 * means damaged data, and the person reading the reason should be told that, not the bug's name.
 */
function describeDecoderFailure(error: unknown): string {
  if (error instanceof ReferenceError || error instanceof TypeError) return `damaged stream (the decoder stopped inside it: ${error.message})`;
  return error instanceof Error ? error.message : String(error);
}

export async function decodeWithWasm(bytes: Uint8Array, codec: WasmCodec, header: StreamHeader, windowFrames: number): Promise<WasmDecodeResult> {
  const codecLabel = labelFor(header.codec);
  const messages: string[] = [];
  let decoder: StreamDecoder;
  try {
    decoder = await takeDecoder(codec);
  } catch (error) {
    throw new DecodeError(`could not start the ${codecLabel} decoder: ${error instanceof Error ? error.message : String(error)}`);
  }
  const collector = new WindowCollector(header.channels, windowFrames);
  // A header without a total (streamed FLAC) says nothing about length: a small file is read whole.
  const fitsWindow = bytes.length <= SINGLE_CALL_MAX_BYTES && (header.totalFrames === null ? bytes.length <= CHUNK_BYTES * 16 : header.totalFrames <= windowFrames);
  const chunkBytes = fitsWindow ? bytes.length : CHUNK_BYTES;
  let consumed = 0;
  let finished = false;
  try {
    while (consumed < bytes.length && !collector.full) {
      const chunk = bytes.subarray(consumed, consumed + chunkBytes);
      consumed += chunk.length;
      const decoded = await callCapturingMessages(decoder, chunk, messages);
      checkChunk(decoded, codecLabel);
      collector.add(decoded);
    }
    if (consumed >= bytes.length && endedWithWholeFile(codec, header, fitsWindow, collector.total, messages) && !idleDecoders.has(codec)) {
      finished = true; // nothing is left to flush: the decoder is clean and serves the next file
      idleDecoders.set(codec, decoder);
    } else if (consumed >= bytes.length) {
      finished = true; // the flush call frees the decoder
      const tail = await callCapturingMessages(decoder, undefined, messages);
      checkChunk(tail, codecLabel);
      collector.add(tail);
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    const message = describeDecoderFailure(error);
    if (collector.collected === 0) throw new DecodeError(`${codecLabel} data could not be decoded: ${message}`);
    messages.push(message);
  } finally {
    if (!finished) decoder.free();
  }
  return {
    channels: collector.channels(),
    sampleRate: collector.sampleRate || header.sampleRate,
    reachedEnd: finished,
    bytesConsumed: consumed,
    framesDecoded: collector.total,
    decoderMessages: messages,
  };
}
