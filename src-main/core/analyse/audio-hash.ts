// Identity of the audio itself, not of the file: the same sound saved as WAV, AIFF or FLAC decodes
// to the same 16-bit values and so to the same hash, which is how exact duplicates are found
// across formats. FNV-1a 64-bit over the little-endian 16-bit samples, computed in two 32-bit
// halves (Math.imul for the high word, an exact double product for the low one) because BigInt
// arithmetic per byte would cost more than the whole spectral analysis.

const FNV_OFFSET_HEX = 'cbf29ce484222325';
const TWO_TO_32 = 4294967296;

/** 64-bit FNV-1a state as two unsigned 32-bit halves. */
class Fnv1a64 {
  private low = parseInt(FNV_OFFSET_HEX.slice(8, 16), 16);
  private high = parseInt(FNV_OFFSET_HEX.slice(0, 8), 16);

  /** h = (h ^ byte) · 0x100000001b3 mod 2^64 = (h ^ byte) · 0x1b3 + ((h ^ byte) << 40). */
  byte(value: number): void {
    const low = (this.low ^ (value & 0xff)) >>> 0;
    const lowProduct = low * 0x1b3; // < 2^41: exact in a double
    const newLow = lowProduct >>> 0;
    const carry = (lowProduct - newLow) / TWO_TO_32;
    this.high = (Math.imul(this.high, 0x1b3) + carry + (low << 8)) >>> 0;
    this.low = newLow;
  }

  hex(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }
}

/** FNV-1a 64 of raw bytes, as 16 hex digits (exported for testing against a reference). */
export function fnv1a64Hex(bytes: ArrayLike<number>): string {
  const hash = new Fnv1a64();
  for (let i = 0; i < bytes.length; i++) hash.byte(bytes[i]);
  return hash.hex();
}

/** Quantises to 16 bit (round, clamp to ±1) and hashes the sample rate then every sample. */
export function audioHash(samples: Float32Array, sampleRate: number): string {
  const hash = new Fnv1a64();
  const rate = Math.round(sampleRate) >>> 0;
  for (let shift = 0; shift < 32; shift += 8) hash.byte(rate >>> shift);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i];
    const clamped = value > 1 ? 1 : value < -1 ? -1 : value === value ? value : 0;
    const quantised = Math.round(clamped * 32767) & 0xffff;
    hash.byte(quantised);
    hash.byte(quantised >>> 8);
  }
  return hash.hex();
}
