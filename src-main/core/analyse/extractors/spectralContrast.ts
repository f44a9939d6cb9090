import type { SpectralFrame } from '../spectral-frame.js';
import { CONTRAST_BAND_COUNT } from '../spectral-frame.js';

/** Fraction of each band's bins averaged into its peak and its valley (librosa's quantile). */
const QUANTILE = 0.02;
const MAX_EXTREMES = 16;
const AMPLITUDE_FLOOR = 1e-10;
// Scratch for the k largest / smallest amplitudes of a band: a selection, not a full sort,
// because k is tiny (2% of at most a few hundred bins). Shared safely: extraction is synchronous.
const largest = new Float64Array(MAX_EXTREMES);
const smallest = new Float64Array(MAX_EXTREMES);

function insertDescending(values: Float64Array, count: number, value: number): void {
  let i = count - 1;
  if (value <= values[i]) return;
  while (i > 0 && values[i - 1] < value) {
    values[i] = values[i - 1];
    i--;
  }
  values[i] = value;
}

function insertAscending(values: Float64Array, count: number, value: number): void {
  let i = count - 1;
  if (value >= values[i]) return;
  while (i > 0 && values[i - 1] > value) {
    values[i] = values[i - 1];
    i--;
  }
  values[i] = value;
}

/**
 * librosa-style spectral contrast in dB for 7 octave bands (0–200, 200–400, … 6400 Hz–Nyquist):
 * mean of the loudest 2% of a band's amplitudes over the mean of its quietest 2%. Peaky (tonal)
 * bands score high, noisy ones low; 0 for silence.
 */
export default function spectralContrast({ ampSpectrum, setup }: SpectralFrame, out: Float64Array): void {
  const edges = setup.contrastBandEdges;
  for (let band = 0; band < CONTRAST_BAND_COUNT; band++) {
    const first = edges[band];
    const end = edges[band + 1];
    const binCount = end - first;
    if (binCount <= 0) {
      out[band] = 0;
      continue;
    }
    const count = Math.min(MAX_EXTREMES, binCount, Math.max(1, Math.round(QUANTILE * binCount)));
    if (count === 1) {
      // Bands under 75 bins (all but the top two at N = 1024) average one bin: plain max and min.
      let peak = ampSpectrum[first];
      let valley = peak;
      for (let k = first + 1; k < end; k++) {
        const value = ampSpectrum[k];
        if (value > peak) peak = value;
        else if (value < valley) valley = value;
      }
      out[band] = 10 * Math.log10(Math.max(peak, AMPLITUDE_FLOOR) / Math.max(valley, AMPLITUDE_FLOOR));
      continue;
    }
    largest.fill(-Infinity, 0, count);
    smallest.fill(Infinity, 0, count);
    for (let k = first; k < end; k++) {
      insertDescending(largest, count, ampSpectrum[k]);
      insertAscending(smallest, count, ampSpectrum[k]);
    }
    let peak = 0;
    let valley = 0;
    for (let i = 0; i < count; i++) {
      peak += largest[i];
      valley += smallest[i];
    }
    peak /= count;
    valley /= count;
    out[band] = 10 * Math.log10(Math.max(peak, AMPLITUDE_FLOOR) / Math.max(valley, AMPLITUDE_FLOOR));
  }
}
