// Identity of the audio itself, not of the file: the same sound saved as WAV, AIFF or FLAC decodes
// to the same 16-bit values and so to the same hash, which is how exact duplicates are found
// across formats. FNV-1a 64-bit over the little-endian 16-bit samples, computed in four 16-bit
// limbs because BigInt arithmetic per byte would cost more than the whole spectral analysis.

const FNV_OFFSET_HEX = 'cbf29ce484222325';

/** 64-bit FNV-1a state as four 16-bit limbs, least significant first. */
class Fnv1a64 {
  private h0 = parseInt(FNV_OFFSET_HEX.slice(12, 16), 16);
  private h1 = parseInt(FNV_OFFSET_HEX.slice(8, 12), 16);
  private h2 = parseInt(FNV_OFFSET_HEX.slice(4, 8), 16);
  private h3 = parseInt(FNV_OFFSET_HEX.slice(0, 4), 16);

  /** h = (h ^ byte) · 0x100000001b3 mod 2^64; the prime's limbs are 0x01b3, 0, 0x0100, 0. */
  byte(value: number): void {
    const h0 = this.h0 ^ (value & 0xff);
    const h1 = this.h1;
    const h2 = this.h2;
    const h3 = this.h3;
    let r0 = h0 * 0x1b3;
    let r1 = h1 * 0x1b3;
    let r2 = h2 * 0x1b3 + h0 * 0x100;
    let r3 = h3 * 0x1b3 + h1 * 0x100;
    r1 += r0 >>> 16;
    r0 &= 0xffff;
    r2 += r1 >>> 16;
    r1 &= 0xffff;
    r3 += r2 >>> 16;
    r2 &= 0xffff;
    this.h0 = r0;
    this.h1 = r1;
    this.h2 = r2;
    this.h3 = r3 & 0xffff;
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
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
