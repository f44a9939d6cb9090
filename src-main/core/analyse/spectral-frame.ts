// The one argument bag every frame extractor reads (Meyda's `extract()` bag), and the per
// (frame size, sample rate) tables behind it. stft.ts fills a single SpectralFrame in place for
// each frame, so extractors see fresh values without anything being allocated per frame.
import { RealFft } from '../dsp/fft.js';
import { hannWindow } from '../dsp/window.js';
import { createMelFilterbank, type MelFilterbank } from '../dsp/mel.js';
import { createDctMatrix } from '../dsp/dct.js';
import { createChromaFilterbank, sparsifyChromaBank, type SparseChromaBank } from '../dsp/chroma.js';

export const MEL_BAND_COUNT = 40;
export const MFCC_COUNT = 13;
export const CHROMA_COUNT = 12;
/** librosa's spectral_contrast defaults: 6 octave bands above 200 Hz plus the band below it. */
export const CONTRAST_BAND_COUNT = 7;
const CONTRAST_LOWEST_EDGE_HZ = 200;
/** Floor for power → dB so silence gives -100 dB rather than -Infinity. */
export const POWER_FLOOR = 1e-10;

/** Read-only tables for one (frame size, sample rate); built once and cached. */
export interface SpectralSetup {
  readonly frameSize: number;
  readonly sampleRate: number;
  readonly binCount: number;
  readonly binHz: number;
  readonly binFrequencies: Float64Array;
  readonly window: Float64Array;
  readonly fft: RealFft;
  readonly melBank: MelFilterbank;
  /** Orthonormal DCT-II, MFCC_COUNT × MEL_BAND_COUNT. */
  readonly dct: Float64Array;
  /** Meyda's chroma filterbank (CHROMA_COUNT × binCount) without its negligible weights. */
  readonly chromaBank: SparseChromaBank;
  /** CONTRAST_BAND_COUNT + 1 bin edges: band b covers bins [edges[b], edges[b + 1]). */
  readonly contrastBandEdges: Uint32Array;
}

/** Everything an extractor may read about the current frame. Values are overwritten each frame. */
export interface SpectralFrame {
  readonly setup: SpectralSetup;
  readonly sampleRate: number;
  /** The frame's samples before windowing (frameSize values, zero-padded at the signal's edges). */
  readonly signal: Float64Array;
  /** signal × Hann window, the FFT's input. */
  readonly windowed: Float64Array;
  /** |X[k]| for k = 0..N/2 (unnormalised FFT, as Meyda and librosa). */
  readonly ampSpectrum: Float64Array;
  /** |X[k]|². */
  readonly powerSpectrum: Float64Array;
  /** The previous frame's ampSpectrum (zeros before the first frame). */
  readonly previousAmpSpectrum: Float64Array;
  /** Mel band powers (MEL_BAND_COUNT). */
  readonly melPower: Float64Array;
  /** 10·log10(max(melPower, POWER_FLOOR)). */
  readonly melDb: Float64Array;
  /** The previous frame's melDb (equal to melDb on the first frame, so it shows no onset). */
  readonly previousMelDb: Float64Array;
}

function createSpectralSetup(frameSize: number, sampleRate: number): SpectralSetup {
  const binCount = frameSize / 2 + 1;
  const binHz = sampleRate / frameSize;
  const binFrequencies = new Float64Array(binCount);
  for (let k = 0; k < binCount; k++) binFrequencies[k] = k * binHz;
  const contrastBandEdges = new Uint32Array(CONTRAST_BAND_COUNT + 1);
  for (let b = 1; b < CONTRAST_BAND_COUNT; b++) {
    const edgeHz = CONTRAST_LOWEST_EDGE_HZ * 2 ** (b - 1);
    contrastBandEdges[b] = Math.min(binCount, Math.round(edgeHz / binHz));
  }
  contrastBandEdges[CONTRAST_BAND_COUNT] = binCount;
  return {
    frameSize,
    sampleRate,
    binCount,
    binHz,
    binFrequencies,
    window: hannWindow(frameSize),
    fft: new RealFft(frameSize),
    melBank: createMelFilterbank(MEL_BAND_COUNT, sampleRate, frameSize),
    dct: createDctMatrix(MEL_BAND_COUNT, MFCC_COUNT),
    chromaBank: sparsifyChromaBank(createChromaFilterbank(CHROMA_COUNT, sampleRate, frameSize), CHROMA_COUNT),
    contrastBandEdges,
  };
}

// A memo of immutable tables, not a service: building the chroma bank alone costs more than
// analysing a one-shot, and every file in a run shares one (size, rate).
const setupCache = new Map<string, SpectralSetup>();

export function spectralSetup(frameSize: number, sampleRate: number): SpectralSetup {
  const key = `${frameSize}@${sampleRate}`;
  let setup = setupCache.get(key);
  if (!setup) {
    setup = createSpectralSetup(frameSize, sampleRate);
    setupCache.set(key, setup);
  }
  return setup;
}

/** A zeroed bag for `setup`; stft.ts refills its arrays in place frame by frame. */
export function createSpectralFrame(setup: SpectralSetup): SpectralFrame {
  return {
    setup,
    sampleRate: setup.sampleRate,
    signal: new Float64Array(setup.frameSize),
    windowed: new Float64Array(setup.frameSize),
    ampSpectrum: new Float64Array(setup.binCount),
    powerSpectrum: new Float64Array(setup.binCount),
    previousAmpSpectrum: new Float64Array(setup.binCount),
    melPower: new Float64Array(MEL_BAND_COUNT),
    melDb: new Float64Array(MEL_BAND_COUNT),
    previousMelDb: new Float64Array(MEL_BAND_COUNT),
  };
}
