import type { SpectralFrame } from '../spectral-frame.js';

/** The frame's 40 mel band powers in dB (floored at -100 dB). */
export default function logMel({ melDb }: SpectralFrame, out: Float64Array): void {
  out.set(melDb);
}
