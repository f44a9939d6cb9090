import type { SpectralFrame } from '../spectral-frame.js';
import { MFCC_COUNT } from '../spectral-frame.js';
import { applyDct } from '../../dsp/dct.js';

/**
 * 13 MFCCs, librosa's convention: orthonormal DCT-II of the mel powers in dB. Meyda takes the
 * DCT (unnormalised, ×2) of ln(power + 1) over the same filterbank; the shape is the same, the
 * scale is not (dB reads the same at any level; ln(x + 1) flattens quiet frames to 0).
 */
export default function mfcc({ melDb, setup }: SpectralFrame, out: Float64Array): void {
  applyDct(setup.dct, melDb, out, MFCC_COUNT);
}
