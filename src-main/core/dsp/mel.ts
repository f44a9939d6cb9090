// Triangular mel filterbank over the bins 0..N/2 of an N-point FFT.
// Same construction as Meyda's createMelFilterBank (HTK mel 1125·ln(1 + f/700), 0 Hz to Nyquist,
// unnormalised triangles on bins floor((N + 1)·f / sr)), so our mel bands and MFCCs can be checked
// against Meyda. Stored sparsely: each filter touches a few bins, so a frame costs ~N/2 multiplies.

export interface MelFilterbank {
  readonly bandCount: number;
  /** First FFT bin of each filter. */
  readonly start: Uint32Array;
  /** Number of bins of each filter. */
  readonly length: Uint32Array;
  /** Offset of each filter's weights inside `weights`. */
  readonly offset: Uint32Array;
  readonly weights: Float64Array;
  /** Centre frequency of each band in Hz. */
  readonly centreHz: Float64Array;
}

export function hzToMel(hz: number): number {
  return 1125 * Math.log(1 + hz / 700);
}

export function melToHz(mel: number): number {
  return 700 * (Math.exp(mel / 1125) - 1);
}

export function createMelFilterbank(bandCount: number, sampleRate: number, fftSize: number): MelFilterbank {
  const edgesBin = new Array<number>(bandCount + 2);
  const edgesHz = new Array<number>(bandCount + 2);
  const melStep = hzToMel(sampleRate / 2) / (bandCount + 1);
  for (let i = 0; i < bandCount + 2; i++) {
    edgesHz[i] = melToHz(i * melStep);
    edgesBin[i] = Math.floor(((fftSize + 1) * edgesHz[i]) / sampleRate);
  }
  const start = new Uint32Array(bandCount);
  const length = new Uint32Array(bandCount);
  const offset = new Uint32Array(bandCount);
  const centreHz = new Float64Array(bandCount);
  const allWeights: number[] = [];
  for (let band = 0; band < bandCount; band++) {
    const lo = edgesBin[band];
    const mid = edgesBin[band + 1];
    const hi = edgesBin[band + 2];
    start[band] = lo;
    length[band] = hi - lo;
    offset[band] = allWeights.length;
    centreHz[band] = edgesHz[band + 1];
    for (let bin = lo; bin < mid; bin++) allWeights.push((bin - lo) / (mid - lo));
    for (let bin = mid; bin < hi; bin++) allWeights.push((hi - bin) / (hi - mid));
  }
  return { bandCount, start, length, offset, weights: Float64Array.from(allWeights), centreHz };
}

/** Mel band energies of one power spectrum, written into `out` (length bandCount). */
export function applyMelFilterbank(bank: MelFilterbank, powerSpectrum: Float64Array, out: Float64Array): void {
  const { start, length, offset, weights } = bank;
  for (let band = 0; band < bank.bandCount; band++) {
    let sum = 0;
    const first = start[band];
    const base = offset[band];
    for (let i = 0; i < length[band]; i++) sum += weights[base + i] * powerSpectrum[first + i];
    out[band] = sum;
  }
}
