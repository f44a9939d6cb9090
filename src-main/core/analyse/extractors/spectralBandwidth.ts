import type { SpectralFrame } from '../spectral-frame.js';
import spectralCentroid from './spectralCentroid.js';

/** Amplitude-weighted standard deviation around the centroid in Hz (librosa p=2; Meyda's spectralSpread in bins). */
export default function spectralBandwidth(frame: SpectralFrame): number {
  const { ampSpectrum, setup } = frame;
  const centroid = spectralCentroid(frame);
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < ampSpectrum.length; k++) {
    const distance = setup.binFrequencies[k] - centroid;
    weighted += distance * distance * ampSpectrum[k];
    total += ampSpectrum[k];
  }
  return total > 0 ? Math.sqrt(weighted / total) : 0;
}
