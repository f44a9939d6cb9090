import type { SpectralFrame } from '../spectral-frame.js';

/**
 * Zero crossings per sample of the un-windowed frame (librosa's rate). Meyda returns the count with
 * the same rule (a sign change between x < 0 and x >= 0); rate = count / frame size.
 */
export default function zcr({ signal }: SpectralFrame): number {
  let crossings = 0;
  // Sign flags as 0/1 and their XOR: no data-dependent branch, which noisy audio mispredicts half the time.
  let previous = signal[0] >= 0 ? 1 : 0;
  for (let i = 1; i < signal.length; i++) {
    const current = signal[i] >= 0 ? 1 : 0;
    crossings += previous ^ current;
    previous = current;
  }
  return crossings / signal.length;
}
