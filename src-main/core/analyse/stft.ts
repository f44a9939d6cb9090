// Short-time analysis: one FFT per frame, one argument bag, every registered extractor run on it,
// results written into a per-file table of columns. Nothing is allocated inside the frame loop.
import { applyMelFilterbank } from '../dsp/mel.js';
import { SCALAR_EXTRACTORS, VECTOR_EXTRACTORS, type ScalarFeature, type VectorFeature } from './extractors/index.js';
import { createSpectralFrame, POWER_FLOOR, spectralSetup, type SpectralFrame } from './spectral-frame.js';

// 1024 samples (46 ms at 22050 Hz) give 21.5 Hz bins: enough to separate a bass note's harmonics
// and to fill 40 mel bands and 12 chroma bins. The 256 hop (11.6 ms, 75% overlap) matters for
// short one-shots: a 100 ms hi-hat still yields ~9 frames and a 1 s hit 87, so means, deviations
// and the 50 ms onset window rest on several frames instead of one or two.
export const FRAME_SIZE = 1024;
export const HOP_SIZE = 256;

export interface FrameTable {
  readonly frameCount: number;
  readonly frameSize: number;
  readonly hopSize: number;
  readonly sampleRate: number;
  /** One value per frame for each scalar extractor. */
  readonly scalars: Readonly<Record<ScalarFeature, Float64Array>>;
  /** frameCount × size values (frame-major) for each vector extractor. */
  readonly vectors: Readonly<Record<VectorFeature, Float64Array>>;
}

/** Frames are centred on t·hop (librosa's center=True with zero padding), so frame 0 sees the attack. */
export function frameCountFor(sampleCount: number, hopSize: number): number {
  return 1 + Math.floor(sampleCount / hopSize);
}

export function computeFrames(samples: Float32Array, sampleRate: number, frameSize = FRAME_SIZE, hopSize = HOP_SIZE): FrameTable {
  const frameCount = frameCountFor(samples.length, hopSize);
  const scalarNames = Object.keys(SCALAR_EXTRACTORS) as ScalarFeature[];
  const vectorNames = Object.keys(VECTOR_EXTRACTORS) as VectorFeature[];
  const scalars = {} as Record<ScalarFeature, Float64Array>;
  for (const name of scalarNames) scalars[name] = new Float64Array(frameCount);
  const vectors = {} as Record<VectorFeature, Float64Array>;
  for (const name of vectorNames) vectors[name] = new Float64Array(frameCount * VECTOR_EXTRACTORS[name].size);
  const scalarJobs = scalarNames.map((name) => ({ extract: SCALAR_EXTRACTORS[name], column: scalars[name] }));
  const vectorJobs = vectorNames.map((name) => {
    const { size, extract } = VECTOR_EXTRACTORS[name];
    return { size, extract, column: vectors[name], scratch: new Float64Array(size) };
  });

  forEachSpectralFrame(samples, sampleRate, frameSize, hopSize, (frame, t) => {
    if (t === 0) frame.previousMelDb.set(frame.melDb);
    for (const job of scalarJobs) job.column[t] = job.extract(frame);
    for (const job of vectorJobs) {
      job.extract(frame, job.scratch);
      job.column.set(job.scratch, t * job.size);
    }
    frame.previousAmpSpectrum.set(frame.ampSpectrum);
    frame.previousMelDb.set(frame.melDb);
  });
  return { frameCount, frameSize, hopSize, sampleRate, scalars, vectors };
}

/**
 * The STFT pass itself: frames `samples` centred on t·hop (zero-padded at the edges), windows and
 * transforms each into one reused bag, and hands the bag to `visit`. computeFrames runs every
 * extractor in `visit`; the bench times the pass with nothing in it.
 */
export function forEachSpectralFrame(samples: Float32Array, sampleRate: number, frameSize: number, hopSize: number, visit: (frame: SpectralFrame, t: number) => void): void {
  const setup = spectralSetup(frameSize, sampleRate);
  const frame = createSpectralFrame(setup);
  const frameCount = frameCountFor(samples.length, hopSize);
  const spectrumRe = new Float64Array(setup.binCount);
  const spectrumIm = new Float64Array(setup.binCount);
  const { signal } = frame;
  const half = frameSize / 2;
  for (let t = 0; t < frameCount; t++) {
    const first = t * hopSize - half;
    if (first >= 0 && first + frameSize <= samples.length) {
      // Interior frames (all but the few at each edge): a straight copy, no bounds test per sample.
      for (let i = 0; i < frameSize; i++) signal[i] = samples[first + i];
    } else {
      for (let i = 0; i < frameSize; i++) {
        const index = first + i;
        signal[i] = index >= 0 && index < samples.length ? samples[index] : 0;
      }
    }
    transformFrame(frame, spectrumRe, spectrumIm);
    visit(frame, t);
  }
}

/**
 * Windows `frame.signal`, takes its FFT and derives the bag's shared spectra (amplitude, power,
 * mel, mel dB). `spectrumRe`/`spectrumIm` are binCount-long scratch arrays.
 */
export function transformFrame(frame: SpectralFrame, spectrumRe: Float64Array, spectrumIm: Float64Array): void {
  const { setup, signal, windowed, ampSpectrum, powerSpectrum, melPower, melDb } = frame;
  const window = setup.window;
  for (let i = 0; i < signal.length; i++) windowed[i] = signal[i] * window[i];
  setup.fft.forward(windowed, spectrumRe, spectrumIm);
  for (let k = 0; k < setup.binCount; k++) {
    const power = spectrumRe[k] * spectrumRe[k] + spectrumIm[k] * spectrumIm[k];
    powerSpectrum[k] = power;
    ampSpectrum[k] = Math.sqrt(power);
  }
  applyMelFilterbank(setup.melBank, powerSpectrum, melPower);
  for (let band = 0; band < melPower.length; band++) melDb[band] = 10 * Math.log10(Math.max(melPower[band], POWER_FLOOR));
}

/** A bag for one stand-alone frame (tests, tools): allocates, so not for the analysis loop. */
export function spectralFrameFor(signal: ArrayLike<number>, sampleRate: number, frameSize = FRAME_SIZE): SpectralFrame {
  const setup = spectralSetup(frameSize, sampleRate);
  const frame = createSpectralFrame(setup);
  for (let i = 0; i < frameSize; i++) frame.signal[i] = i < signal.length ? signal[i] : 0;
  transformFrame(frame, new Float64Array(setup.binCount), new Float64Array(setup.binCount));
  frame.previousMelDb.set(frame.melDb);
  return frame;
}
