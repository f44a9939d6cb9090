// Byte patterns for decoder edge-case tests: silent MP3 frames (no MP3 encoder is available here)
// and reproducible noise.

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo, no CRC: 417-byte frames without padding. */
export const MP3_FRAME_HEADER: readonly number[] = [0xff, 0xfb, 0x90, 0x64];
export const MP3_FRAME_BYTES = 417;
export const MP3_SAMPLES_PER_FRAME = 1152;

/** `count` frames with a valid header and an all-zero body, which a decoder plays as silence. */
export function silentMp3Frames(count: number): Uint8Array {
  const bytes = new Uint8Array(MP3_FRAME_BYTES * count);
  for (let i = 0; i < count; i++) bytes.set(MP3_FRAME_HEADER, i * MP3_FRAME_BYTES);
  return bytes;
}

/** Deterministic pseudo-random bytes (xorshift32), so a failing case reproduces. */
export function noiseBytes(length: number, seed = 12345): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed | 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
