// The decode stage: bytes in, mono float audio at the analysis rate out, with the facts about the
// encoding and the signal that later stages and the anomaly checks need. Pure: the pipeline reads
// the file and hands over its bytes.
import type { FormatFacts } from '../../../src-shared/sample.js';
import { readAiffLayout } from './aiff-header.js';
import { codecLabel, readFlacHeader, readMpegHeader, readOggHeader, type StreamHeader } from './compressed-headers.js';
import { DecodeError } from './decode-error.js';
import { checkStreamShape } from './limits.js';
import { readPcmWindow } from './pcm.js';
import { resample } from './resample.js';
import { downmixToMono, measureAndSanitise } from './signal-facts.js';
import { describeUnrecognised, sniffContainer } from './sniff.js';
import { readWavLayout, wavEmbeddedStream } from './wav-header.js';
import { decodeWithWasm, type WasmCodec } from './wasm-codecs.js';

export { DecodeError } from './decode-error.js';
export { sniffContainer } from './sniff.js';
export { resample, resampledLength } from './resample.js';

export const ANALYSIS_RATE = 22050;
/** Analyse a bounded window (the start) of long files. */
export const DEFAULT_MAX_ANALYSIS_SEC = 30;

export interface DecodeOptions {
  targetRate?: number;
  maxAnalysisSec?: number;
}

export interface DecodedAudio {
  /** Mono (channel average), at `sampleRate`, at most maxAnalysisSec long. */
  samples: Float32Array;
  /** Equals the requested target rate. */
  sampleRate: number;
  format: FormatFacts;
  /** Non-null when only part of the file decoded (truncated or corrupt): why. */
  partial: string | null;
  /** True when the file was longer than the analysis window. */
  windowed: boolean;
  /** Max |x| of the native-rate, pre-downmix samples of the decoded window. */
  sourcePeak: number;
  /** Fraction of those samples in runs of >= 3 consecutive |x| >= 0.999. */
  clippedFraction: number;
  /** Mean of the mono signal. */
  dcOffset: number;
  /** NaN/Inf samples found (replaced with 0). */
  nonFiniteSamples: number;
}

export const AUDIO_EXTENSIONS: readonly string[] = ['.wav', '.wave', '.aif', '.aiff', '.aifc', '.flac', '.mp3', '.ogg', '.oga'];

/** True when the name ends in one of AUDIO_EXTENSIONS, in any case. */
export function isAudioFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && AUDIO_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

/** What the container-specific readers hand to the shared tail of `decodeAudio`. */
interface NativeWindow {
  channels: Float32Array[];
  sampleRate: number;
  format: FormatFacts;
  partial: string | null;
  windowed: boolean;
}

function windowFramesFor(sampleRate: number, maxAnalysisSec: number): number {
  return Math.max(1, Math.ceil(maxAnalysisSec * sampleRate));
}

function decodePcm(bytes: Uint8Array, container: 'wav' | 'aiff', maxAnalysisSec: number): NativeWindow {
  const layout = container === 'wav' ? readWavLayout(bytes) : readAiffLayout(bytes);
  const windowFrames = Math.min(layout.frames, windowFramesFor(layout.sampleRate, maxAnalysisSec));
  return {
    channels: readPcmWindow(bytes, layout, windowFrames),
    sampleRate: layout.sampleRate,
    format: {
      container,
      codec: layout.codec,
      sampleRate: layout.sampleRate,
      channels: layout.channels,
      bitDepth: layout.bitDepth,
      durationSec: layout.frames / layout.sampleRate,
    },
    partial: layout.truncation,
    windowed: layout.frames > windowFrames,
  };
}

function wasmCodecFor(header: StreamHeader, container: 'flac' | 'ogg' | 'mp3'): WasmCodec {
  if (container === 'mp3') return 'mp3';
  if (header.codec === 'flac') return 'flac';
  return header.codec === 'opus' ? 'opus' : 'oga';
}

/** A decoded total this far below the header's is missing audio, not encoder padding. */
function shortfallTolerance(sampleRate: number): number {
  return Math.ceil(sampleRate * 0.1);
}

/**
 * `container` is what the stream is (it picks the header reader); `reportedContainer` is what the
 * file is, which differs for a compressed stream wrapped in WAV.
 */
async function decodeCompressed(
  bytes: Uint8Array,
  container: 'flac' | 'ogg' | 'mp3',
  maxAnalysisSec: number,
  reportedContainer: FormatFacts['container'] = container,
): Promise<NativeWindow> {
  const header = container === 'flac' ? readFlacHeader(bytes) : container === 'ogg' ? readOggHeader(bytes) : readMpegHeader(bytes);
  const windowFrames = windowFramesFor(header.sampleRate, maxAnalysisSec);
  const result = await decodeWithWasm(bytes, wasmCodecFor(header, container), header, windowFrames);
  const decodedFrames = result.channels[0]?.length ?? 0;
  const label = codecLabel(header.codec);
  if (decodedFrames === 0) {
    if (header.headerOnly || header.totalFrames === 0) throw new DecodeError(`${label} file has a header but no audio frames`);
    const detail = [header.truncation, result.decoderMessages[0]].filter((part) => part).join('; ');
    throw new DecodeError(`${label} data could not be decoded: no audio came out${detail ? ` (${detail})` : ' (damaged or not really audio)'}`);
  }
  if (result.sampleRate !== header.sampleRate) checkStreamShape(label, result.sampleRate, header.channels);

  const reasons: string[] = [];
  if (header.truncation) reasons.push(header.truncation);
  if (result.reachedEnd && header.totalFrames !== null && !header.totalIsEstimate && result.framesDecoded < header.totalFrames - shortfallTolerance(header.sampleRate)) {
    reasons.push(`only ${result.framesDecoded} of ${header.totalFrames} frames decoded (file truncated or damaged)`);
  }
  if (result.decoderMessages.length > 0) reasons.push(`decoder reported damage: ${result.decoderMessages[0]}`);

  // Full duration: what decoded when the decoder reached the end; otherwise the header's total,
  // or an estimate from the bytes consumed when the header has none.
  const totalFrames = result.reachedEnd
    ? result.framesDecoded
    : (header.totalFrames ?? Math.round(result.framesDecoded * (bytes.length / Math.max(1, result.bytesConsumed))));
  return {
    channels: result.channels,
    sampleRate: result.sampleRate,
    format: {
      container: reportedContainer,
      codec: header.codec,
      sampleRate: result.sampleRate,
      channels: header.channels,
      bitDepth: header.bitDepth,
      durationSec: totalFrames / result.sampleRate,
    },
    partial: reasons.length > 0 ? reasons.join('; ') : null,
    windowed: !result.reachedEnd || result.framesDecoded > windowFrames,
  };
}

async function decodeNative(bytes: Uint8Array, container: FormatFacts['container'], maxAnalysisSec: number): Promise<NativeWindow> {
  if (container === 'aiff') return decodePcm(bytes, container, maxAnalysisSec);
  if (container !== 'wav') return decodeCompressed(bytes, container, maxAnalysisSec);
  const embedded = wavEmbeddedStream(bytes);
  if (embedded === null) return decodePcm(bytes, container, maxAnalysisSec);
  const inner = sniffContainer(embedded);
  if (inner !== 'ogg' && inner !== 'mp3') throw new DecodeError('WAV file wraps a compressed stream (Vorbis or MP3) that is damaged or unrecognised');
  return decodeCompressed(embedded, inner, maxAnalysisSec, 'wav');
}

/**
 * True when decoding `bytes` runs one of the wasm decoders: FLAC, Ogg or MP3, or such a stream
 * inside a WAV. False for PCM, for what is not audio, and for a WAV too damaged to tell (decodeAudio
 * gives the reason).
 */
export function needsWasmDecoder(bytes: Uint8Array): boolean {
  const container = sniffContainer(bytes);
  if (container === 'flac' || container === 'ogg' || container === 'mp3') return true;
  if (container !== 'wav') return false;
  try {
    return wavEmbeddedStream(bytes) !== null;
  } catch {
    return false;
  }
}

function checkOptions(targetRate: number, maxAnalysisSec: number): void {
  if (!Number.isInteger(targetRate) || targetRate < 1000 || targetRate > 384_000) throw new DecodeError(`invalid target rate ${targetRate} Hz`);
  if (!(maxAnalysisSec > 0) || !Number.isFinite(maxAnalysisSec)) throw new DecodeError(`invalid analysis window ${maxAnalysisSec} s`);
}

/**
 * Decodes `bytes` (the whole file) to mono at `targetRate`, analysing at most the first
 * `maxAnalysisSec` seconds. The container is read from the bytes; `fileName` only labels errors.
 * Throws DecodeError, and nothing else, with a reason a person understands.
 */
export async function decodeAudio(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const targetRate = options.targetRate ?? ANALYSIS_RATE;
  const maxAnalysisSec = options.maxAnalysisSec ?? DEFAULT_MAX_ANALYSIS_SEC;
  try {
    checkOptions(targetRate, maxAnalysisSec);
    if (bytes.length === 0) throw new DecodeError('empty file (0 bytes)');
    const container = sniffContainer(bytes);
    if (container === null) throw new DecodeError(describeUnrecognised(bytes));
    const native = await decodeNative(bytes, container, maxAnalysisSec);

    const facts = measureAndSanitise(native.channels);
    const mono = downmixToMono(native.channels);
    const resampled = resample(mono, native.sampleRate, targetRate);
    const maxOutput = Math.floor(maxAnalysisSec * targetRate);
    return {
      samples: resampled.length > maxOutput ? resampled.slice(0, maxOutput) : resampled,
      sampleRate: targetRate,
      format: native.format,
      partial: native.partial,
      windowed: native.windowed,
      ...facts,
    };
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    // A bug or a decoder crash on hostile bytes: still a reason, never a raw exception.
    const message = error instanceof Error ? error.message : String(error);
    throw new DecodeError(`could not decode ${fileName || 'file'}: ${message}`);
  }
}
