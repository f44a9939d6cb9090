import type { SpectralFrame } from '../spectral-frame.js';

/** Root mean square of the un-windowed frame (librosa's rms; Meyda's is taken after windowing). */
export default function rms({ signal }: SpectralFrame): number {
  let sum = 0;
  for (let i = 0; i < signal.length; i++) sum += signal[i] * signal[i];
  return Math.sqrt(sum / signal.length);
}
