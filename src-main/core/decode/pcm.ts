// Uncompressed PCM as WAV and AIFF store it: where the frames are and how a sample is encoded.
// The header readers produce a PcmLayout; `readPcmWindow` converts only the frames asked for.

export type PcmEncoding = 'uint8' | 'int8' | 'int16' | 'int24' | 'int32' | 'float32' | 'float64';

export interface PcmLayout {
  container: 'wav' | 'aiff';
  /** FormatFacts codec name, e.g. `pcm_s16`, `pcm_u8`, `float32`. */
  codec: string;
  encoding: PcmEncoding;
  littleEndian: boolean;
  sampleRate: number;
  channels: number;
  /** Bits per sample as declared (may be less than the container, e.g. 20 in 24). */
  bitDepth: number;
  /** Byte offset of frame 0 in the file. */
  dataOffset: number;
  /** Frames actually present in the bytes (never more than the header declares). */
  frames: number;
  /** Why fewer frames are present than the header declares; null when all are there. */
  truncation: string | null;
}

export const BYTES_PER_ENCODED_SAMPLE: Record<PcmEncoding, number> = {
  uint8: 1,
  int8: 1,
  int16: 2,
  int24: 3,
  int32: 4,
  float32: 4,
  float64: 8,
};

export function codecName(encoding: PcmEncoding): string {
  switch (encoding) {
    case 'uint8':
      return 'pcm_u8';
    case 'int8':
      return 'pcm_s8';
    case 'int16':
      return 'pcm_s16';
    case 'int24':
      return 'pcm_s24';
    case 'int32':
      return 'pcm_s32';
    default:
      return encoding;
  }
}

/** Integer PCM whose container width is `bytes` (1..4); 8-bit follows the container's signedness. */
export function integerEncoding(bytes: number, unsigned8: boolean): PcmEncoding | null {
  switch (bytes) {
    case 1:
      return unsigned8 ? 'uint8' : 'int8';
    case 2:
      return 'int16';
    case 3:
      return 'int24';
    case 4:
      return 'int32';
    default:
      return null;
  }
}

/**
 * Converts frames [0, frameCount) to one Float32Array per channel in [-1, 1). Integers scale by
 * 2^(bits-1) of the container width, so full scale reads as just under ±1.
 */
export function readPcmWindow(bytes: Uint8Array, layout: PcmLayout, frameCount: number): Float32Array[] {
  const { channels, encoding, littleEndian, dataOffset } = layout;
  const frames = Math.max(0, Math.min(frameCount, layout.frames));
  const sampleBytes = BYTES_PER_ENCODED_SAMPLE[encoding];
  const stride = sampleBytes * channels;
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, frames * stride);
  const output = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let channel = 0; channel < channels; channel++) {
    const target = output[channel];
    let offset = channel * sampleBytes;
    switch (encoding) {
      case 'uint8':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = (view.getUint8(offset) - 128) / 128;
        break;
      case 'int8':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = view.getInt8(offset) / 128;
        break;
      case 'int16':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = view.getInt16(offset, littleEndian) / 32768;
        break;
      case 'int24':
        for (let i = 0; i < frames; i++, offset += stride) {
          const high = littleEndian ? view.getInt8(offset + 2) : view.getInt8(offset);
          const middle = view.getUint8(offset + 1);
          const low = littleEndian ? view.getUint8(offset) : view.getUint8(offset + 2);
          target[i] = (high * 65536 + middle * 256 + low) / 8388608;
        }
        break;
      case 'int32':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = view.getInt32(offset, littleEndian) / 2147483648;
        break;
      case 'float32':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = view.getFloat32(offset, littleEndian);
        break;
      case 'float64':
        for (let i = 0; i < frames; i++, offset += stride) target[i] = view.getFloat64(offset, littleEndian);
        break;
    }
  }
  return output;
}
