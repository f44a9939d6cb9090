import type { SpectralFrame } from '../spectral-frame.js';

/**
 * How much new spectral content appeared since the previous frame: the half-wave rectified
 * difference of the two amplitude spectra, each normalised to unit sum, so the value is level
 * independent and lies in [0, 1]. (Meyda's spectralFlux is broken upstream, see its #852.)
 */
export default function spectralFlux({ ampSpectrum, previousAmpSpectrum }: SpectralFrame): number {
  let total = 0;
  let previousTotal = 0;
  for (let k = 0; k < ampSpectrum.length; k++) {
    total += ampSpectrum[k];
    previousTotal += previousAmpSpectrum[k];
  }
  if (total <= 0) return 0;
  // Multiplying by reciprocals instead of dividing per bin: same values to rounding, a third of the cost.
  const scale = 1 / total;
  const previousScale = previousTotal > 0 ? 1 / previousTotal : 0;
  let flux = 0;
  for (let k = 0; k < ampSpectrum.length; k++) {
    const rise = ampSpectrum[k] * scale - previousAmpSpectrum[k] * previousScale;
    if (rise > 0) flux += rise;
  }
  return flux;
}
