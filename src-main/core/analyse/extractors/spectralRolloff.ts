import type { SpectralFrame } from '../spectral-frame.js';

/** librosa's default roll-off fraction (Meyda uses 0.99). */
export const ROLLOFF_FRACTION = 0.85;

/** Lowest frequency (Hz) below which `fraction` of the amplitude spectrum's sum lies; 0 for silence. */
export function rolloffFrequency({ ampSpectrum, setup }: SpectralFrame, fraction: number): number {
  let total = 0;
  for (let k = 0; k < ampSpectrum.length; k++) total += ampSpectrum[k];
  if (total <= 0) return 0;
  const threshold = fraction * total;
  let cumulative = 0;
  for (let k = 0; k < ampSpectrum.length; k++) {
    cumulative += ampSpectrum[k];
    if (cumulative >= threshold) return setup.binFrequencies[k];
  }
  return setup.binFrequencies[ampSpectrum.length - 1];
}

export default function spectralRolloff(frame: SpectralFrame): number {
  return rolloffFrequency(frame, ROLLOFF_FRACTION);
}
