import type { SpectralFrame } from '../spectral-frame.js';

/**
 * Zero crossings per sample of the un-windowed frame (librosa's rate). Meyda returns the count with
 * the same rule (a sign change between x < 0 and x >= 0); rate = count / frame size.
 */
export default function zcr({ signal }: SpectralFrame): number {
  let crossings = 0;
  for (let i = 1; i < signal.length; i++) {
    if (signal[i - 1] >= 0 !== signal[i] >= 0) crossings++;
  }
  return crossings / signal.length;
}
