import type { SpectralFrame } from '../spectral-frame.js';

/** Amplitude-weighted mean frequency in Hz (Meyda's µ1 is the same in bins); 0 for silence. */
export default function spectralCentroid({ ampSpectrum, setup }: SpectralFrame): number {
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < ampSpectrum.length; k++) {
    weighted += setup.binFrequencies[k] * ampSpectrum[k];
    total += ampSpectrum[k];
  }
  return total > 0 ? weighted / total : 0;
}
