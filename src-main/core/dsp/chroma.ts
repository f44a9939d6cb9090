// Chroma filterbank: a port of Meyda's createChromaFilterBank (itself librosa's `filters.chroma`),
// kept weight-for-weight identical so our chroma can be checked against Meyda's. One deliberate
// inheritance: Meyda computes each bin's width as the plain distance to the previous bin where
// librosa clamps it to at least one chroma step, so above ~360 Hz (at N = 1024, 22050 Hz) each FFT
// bin is assigned sharply to its nearest pitch class instead of being spread over neighbours.

function hzToOctaves(hz: number, a440: number): number {
  return Math.log2((16 * hz) / a440);
}

/** Dense [chroma][bin] weights, row-major, chromaCount × (fftSize/2 + 1), rows starting at C. */
export function createChromaFilterbank(chromaCount: number, sampleRate: number, fftSize: number): Float64Array {
  const centreOctave = 5;
  const octaveWidth = 2;
  const a440 = 440;
  const binCount = fftSize / 2 + 1;
  const frequencyBins = new Array<number>(fftSize);
  for (let i = 0; i < fftSize; i++) frequencyBins[i] = chromaCount * hzToOctaves((sampleRate * i) / fftSize, a440);
  // The 0 Hz bin sits 1.5 octaves below bin 1 (half-way round the chroma circle, broad).
  frequencyBins[0] = frequencyBins[1] - 1.5 * chromaCount;
  const binWidth = new Array<number>(fftSize);
  for (let i = 0; i < fftSize - 1; i++) binWidth[i] = frequencyBins[i + 1] - frequencyBins[i];
  binWidth[fftSize - 1] = 1;
  const halfChroma = Math.round(chromaCount / 2);
  const weights: number[][] = [];
  for (let c = 0; c < chromaCount; c++) {
    const row = new Array<number>(fftSize);
    for (let j = 0; j < fftSize; j++) {
      const distance = ((10 * chromaCount + halfChroma + frequencyBins[j] - c) % chromaCount) - halfChroma;
      row[j] = Math.exp(-0.5 * ((2 * distance) / binWidth[j]) ** 2);
    }
    weights.push(row);
  }
  for (let j = 0; j < fftSize; j++) {
    let norm = 0;
    for (let c = 0; c < chromaCount; c++) norm += weights[c][j] ** 2;
    norm = Math.sqrt(norm) || 1;
    const octaveWeight = Math.exp(-0.5 * ((frequencyBins[j] / chromaCount - centreOctave) / octaveWidth) ** 2);
    for (let c = 0; c < chromaCount; c++) weights[c][j] = (weights[c][j] / norm) * octaveWeight;
  }
  // Rows were built from A; rotate so row 0 is C.
  const shift = 3;
  const bank = new Float64Array(chromaCount * binCount);
  for (let c = 0; c < chromaCount; c++) {
    const source = weights[(c + shift) % chromaCount];
    for (let j = 0; j < binCount; j++) bank[c * binCount + j] = source[j];
  }
  return bank;
}

/** The bank without its negligible weights, as (chroma, bin, weight) triples: a frame costs ~4× less. */
export interface SparseChromaBank {
  readonly chroma: Uint8Array;
  readonly bin: Uint16Array;
  readonly weight: Float64Array;
}

/** Drops weights below `relativeFloor` × the largest (their total effect is below that fraction per bin). */
export function sparsifyChromaBank(bank: Float64Array, chromaCount: number, relativeFloor = 1e-6): SparseChromaBank {
  const binCount = bank.length / chromaCount;
  let largest = 0;
  for (const weight of bank) largest = Math.max(largest, weight);
  const chroma: number[] = [];
  const bin: number[] = [];
  const weight: number[] = [];
  for (let k = 0; k < binCount; k++) {
    for (let c = 0; c < chromaCount; c++) {
      const value = bank[c * binCount + k];
      if (value > relativeFloor * largest) {
        chroma.push(c);
        bin.push(k);
        weight.push(value);
      }
    }
  }
  return { chroma: Uint8Array.from(chroma), bin: Uint16Array.from(bin), weight: Float64Array.from(weight) };
}
