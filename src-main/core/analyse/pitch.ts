// Fundamental frequency by YIN (de Cheveigné & Kawahara 2002) on a few windows spread over the
// sustained part of a sound. The difference function comes from one FFT cross-correlation per
// window (O(N log N) instead of O(W·τmax)), which keeps a 30 Hz floor affordable.
import { sharedComplexFft, type ComplexFft } from '../dsp/fft.js';
import { spreadWindowStarts } from '../dsp/window.js';

const MIN_HZ = 30;
const MAX_HZ = 2000;
/** YIN's absolute threshold on the cumulative-mean-normalised difference. */
const YIN_THRESHOLD = 0.15;
/** A window counts as voiced when its best normalised difference is below this. */
const VOICED_LIMIT = 0.3;
const MAX_WINDOWS = 5;
/** Windows agreeing with the median f0 within a semitone count towards confidence. */
const AGREEMENT_RATIO = 2 ** (1 / 12);

export interface PitchEstimate {
  /** Median f0 of the voiced windows in Hz, 0 when unpitched. */
  f0Hz: number;
  /** Share of windows that are voiced and agree on f0, times their periodicity; 0..1. */
  confidence: number;
  /** Mean periodicity (1 − best normalised difference) over all windows; 0..1. */
  harmonicity: number;
  /** Standard deviation of the agreeing windows' f0 in cents: vibrato, glides, an unsteady pitch. */
  spreadCents: number;
}

interface YinResult {
  periodSamples: number;
  aperiodicity: number;
}

function nextPowerOfTwo(value: number): number {
  let size = 1;
  while (size < value) size <<= 1;
  return size;
}

class YinWindow {
  readonly windowSize: number;
  readonly maxLag: number;
  readonly minLag: number;
  readonly span: number;
  private readonly fft: ComplexFft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly normalised: Float64Array;
  private readonly cumulativeEnergy: Float64Array;

  constructor(sampleRate: number) {
    this.windowSize = nextPowerOfTwo(Math.round(sampleRate * 0.045));
    this.maxLag = Math.min(this.windowSize - 1, Math.floor(sampleRate / MIN_HZ));
    this.minLag = Math.max(2, Math.floor(sampleRate / MAX_HZ));
    this.span = this.windowSize + this.maxLag;
    const fftSize = nextPowerOfTwo(this.span);
    this.fft = sharedComplexFft(fftSize);
    this.re = new Float64Array(fftSize);
    this.im = new Float64Array(fftSize);
    this.normalised = new Float64Array(this.maxLag + 2);
    this.cumulativeEnergy = new Float64Array(this.span + 1);
  }

  /** YIN on samples[start, start + span), with the span's mean (any DC offset) removed. */
  run(samples: Float32Array, start: number): YinResult | null {
    const { windowSize, maxLag, re, im, normalised, cumulativeEnergy } = this;
    const n = re.length;
    let mean = 0;
    for (let i = 0; i < this.span; i++) mean += samples[start + i];
    mean /= this.span;
    // Pack a = the first W samples (real part) and b = all W + τmax samples (imaginary part).
    re.fill(0);
    im.fill(0);
    cumulativeEnergy[0] = 0;
    for (let i = 0; i < this.span; i++) {
      const value = samples[start + i] - mean;
      if (i < windowSize) re[i] = value;
      im[i] = value;
      cumulativeEnergy[i + 1] = cumulativeEnergy[i] + value * value;
    }
    const energy0 = cumulativeEnergy[windowSize];
    // Below ~-80 dBFS RMS there is nothing to hear, let alone a pitch.
    if (!(energy0 > 1e-8 * windowSize)) return null;
    this.fft.transform(re, im);
    // Unpack A and B, form conj(A)·B, and store conj of it for the inverse-by-forward trick.
    for (let k = 0; k <= n / 2; k++) {
      const m = (n - k) % n;
      const zr = re[k];
      const zi = im[k];
      const wr = re[m];
      const wi = im[m];
      const ar = (zr + wr) / 2;
      const ai = (zi - wi) / 2;
      const br = (zi + wi) / 2;
      const bi = -(zr - wr) / 2;
      const cr = ar * br + ai * bi;
      const ci = ar * bi - ai * br;
      re[k] = cr;
      im[k] = -ci;
      if (m !== k) {
        re[m] = cr;
        im[m] = ci;
      }
    }
    this.fft.transform(re, im);
    // re[τ] / n is now the cross-correlation r(τ) = Σ_{j<W} x[j]·x[j+τ].
    normalised[0] = 1;
    let runningSum = 0;
    for (let lag = 1; lag <= maxLag; lag++) {
      const energyLag = cumulativeEnergy[lag + windowSize] - cumulativeEnergy[lag];
      const difference = Math.max(0, energy0 + energyLag - (2 * re[lag]) / n);
      runningSum += difference;
      normalised[lag] = runningSum > 0 ? (difference * lag) / runningSum : 1;
    }
    let best = -1;
    for (let lag = this.minLag; lag < maxLag; lag++) {
      if (normalised[lag] < YIN_THRESHOLD) {
        while (lag + 1 < maxLag && normalised[lag + 1] < normalised[lag]) lag++;
        best = lag;
        break;
      }
    }
    if (best < 0) {
      best = this.minLag;
      for (let lag = this.minLag; lag < maxLag; lag++) if (normalised[lag] < normalised[best]) best = lag;
    }
    let period = best;
    if (best > 1 && best < maxLag) {
      const left = normalised[best - 1];
      const centre = normalised[best];
      const right = normalised[best + 1];
      const curvature = left - 2 * centre + right;
      if (curvature > 0) period = best + (0.5 * (left - right)) / curvature;
    }
    return { periodSamples: period, aperiodicity: Math.min(1, Math.max(0, normalised[best])) };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Pitch of samples[regionStart, regionEnd) (the sustained part); needs ~80 ms of audio at least. */
export function estimatePitch(samples: Float32Array, sampleRate: number, regionStart: number, regionEnd: number): PitchEstimate {
  const unpitched: PitchEstimate = { f0Hz: 0, confidence: 0, harmonicity: 0, spreadCents: 0 };
  const yin = new YinWindow(sampleRate);
  if (samples.length < yin.span) return unpitched;
  const starts = spreadWindowStarts(samples.length, regionStart, regionEnd, yin.span, MAX_WINDOWS);
  const windowCount = starts.length;
  const results: YinResult[] = [];
  for (const start of starts) {
    const result = yin.run(samples, start);
    if (result) results.push(result);
  }
  if (results.length === 0) return unpitched;
  const harmonicity = results.reduce((sum, r) => sum + (1 - r.aperiodicity), 0) / windowCount;
  const voiced = results.filter((r) => r.aperiodicity < VOICED_LIMIT);
  if (voiced.length === 0) return { ...unpitched, harmonicity };
  const f0Hz = sampleRate / median(voiced.map((r) => r.periodSamples));
  const agreeing = voiced.filter((r) => {
    const ratio = sampleRate / r.periodSamples / f0Hz;
    return ratio < AGREEMENT_RATIO && ratio > 1 / AGREEMENT_RATIO;
  });
  const periodicity = agreeing.reduce((sum, r) => sum + (1 - r.aperiodicity), 0) / Math.max(1, agreeing.length);
  const cents = agreeing.map((r) => 1200 * Math.log2(sampleRate / r.periodSamples / f0Hz));
  const meanCents = cents.reduce((a, b) => a + b, 0) / Math.max(1, cents.length);
  const spreadCents = cents.length > 1 ? Math.sqrt(cents.reduce((a, c) => a + (c - meanCents) ** 2, 0) / cents.length) : 0;
  return { f0Hz, confidence: (agreeing.length / windowCount) * periodicity, harmonicity, spreadCents };
}
