import type { SpectralFrame } from '../spectral-frame.js';
import { CHROMA_COUNT } from '../spectral-frame.js';

/** 12 pitch-class energies from C, scaled so the largest is 1 (Meyda and librosa); zeros for silence. */
export default function chroma({ ampSpectrum, setup }: SpectralFrame, out: Float64Array): void {
  const { chroma: chromaOf, bin, weight } = setup.chromaBank;
  out.fill(0, 0, CHROMA_COUNT);
  for (let i = 0; i < weight.length; i++) out[chromaOf[i]] += weight[i] * ampSpectrum[bin[i]];
  let largest = 0;
  for (let c = 0; c < CHROMA_COUNT; c++) if (out[c] > largest) largest = out[c];
  if (largest > 0) for (let c = 0; c < CHROMA_COUNT; c++) out[c] /= largest;
}
