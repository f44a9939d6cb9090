// The registry of per-frame extractors: the only place that lists them. stft.ts runs every entry
// on every frame; descriptors.ts summarises the columns they fill.
import type { SpectralFrame } from '../spectral-frame.js';
import { CHROMA_COUNT, CONTRAST_BAND_COUNT, MEL_BAND_COUNT, MFCC_COUNT } from '../spectral-frame.js';
import chroma from './chroma.js';
import logMel from './logMel.js';
import mfcc from './mfcc.js';
import onsetStrength from './onsetStrength.js';
import rms from './rms.js';
import spectralBandwidth from './spectralBandwidth.js';
import spectralCentroid from './spectralCentroid.js';
import spectralContrast from './spectralContrast.js';
import spectralFlatness from './spectralFlatness.js';
import spectralFlux from './spectralFlux.js';
import spectralRolloff from './spectralRolloff.js';
import zcr from './zcr.js';

export type ScalarExtractor = (frame: SpectralFrame) => number;
export type VectorExtractor = (frame: SpectralFrame, out: Float64Array) => void;

export const SCALAR_EXTRACTORS = {
  rms,
  zcr,
  spectralCentroid,
  spectralBandwidth,
  spectralRolloff,
  spectralFlatness,
  spectralFlux,
  onsetStrength,
} as const satisfies Record<string, ScalarExtractor>;

export const VECTOR_EXTRACTORS = {
  mfcc: { size: MFCC_COUNT, extract: mfcc },
  chroma: { size: CHROMA_COUNT, extract: chroma },
  spectralContrast: { size: CONTRAST_BAND_COUNT, extract: spectralContrast },
  logMel: { size: MEL_BAND_COUNT, extract: logMel },
} as const satisfies Record<string, { size: number; extract: VectorExtractor }>;

export type ScalarFeature = keyof typeof SCALAR_EXTRACTORS;
export type VectorFeature = keyof typeof VECTOR_EXTRACTORS;
