// The harmonic profile of a pitched sound: how its energy is shared among the first partials, how
// much of it lies between them, how far the partials stray from exact multiples of f0, and how the
// upper partials fade against the lower ones. Summary MFCCs blur these, yet they are what tells a
// clarinet (odd partials) from a trumpet, or a piano (inharmonic, darkening) from an organ.
import { sharedRealFft } from '../dsp/fft.js';
import { hannWindow, spreadWindowStarts } from '../dsp/window.js';

/** Partials described one by one. */
export const HARMONIC_COUNT = 8;
/** Partials counted in the harmonic-to-total energy ratio (fewer where Nyquist comes first). */
const RATIO_HARMONICS = 20;
/** 2048 samples at 22050 Hz: 10.8 Hz bins, so the partials of a 60 Hz bass stay ~5 bins apart. */
const WINDOW_SIZE = 2048;
const MAX_WINDOWS = 6;
/** A partial's level relative to the sum of all described partials, never below this. */
export const PARTIAL_FLOOR_DB = -60;
/** A partial weaker than this (relative) is too close to the noise for its frequency to mean anything. */
const AUDIBLE_PARTIAL_DB = -40;
/** Bound on |brightness_decay| in dB/s: beyond it two windows a few ms apart only measure noise. */
const MAX_DECAY_DB_PER_SECOND = 200;

export interface HarmonicProfile {
  /** HARMONIC_COUNT levels in dB relative to the partials' summed power (PARTIAL_FLOOR_DB..0). */
  partialLevelsDb: number[];
  /** Power within two bins of the partials over all power from f0/2 up: 0 (noise) .. 1 (pure partials). */
  harmonicRatio: number;
  /** Mean |deviation| of partials 2..HARMONIC_COUNT from h·f1, in cents (strings stretch, pipes don't). */
  inharmonicityCents: number;
  /** Change per second of (partials 4–8 over partials 1–2, dB) from the first window to the last. */
  brightnessDecayDbPerSecond: number;
}

/** The profile of an unpitched sound: no partials, no ratio, no deviation, no change. */
export const NO_HARMONIC_PROFILE: HarmonicProfile = Object.freeze({
  partialLevelsDb: Array.from({ length: HARMONIC_COUNT }, () => PARTIAL_FLOOR_DB),
  harmonicRatio: 0,
  inharmonicityCents: 0,
  brightnessDecayDbPerSecond: 0,
});

interface WindowPartials {
  /** Power of partial h (index h - 1), 0 where above Nyquist. */
  power: Float64Array;
  /** Frequency of partial h's peak in Hz, NaN where not found. */
  frequency: Float64Array;
  harmonicPower: number;
  totalPower: number;
}

/** Arrays one profile's windows reuse. */
interface WindowScratch {
  windowed: Float64Array;
  re: Float64Array;
  im: Float64Array;
  power: Float64Array;
}

/** Partials of one Hann window starting at `start`, searched around multiples of `f0Hz`. */
function windowPartials(samples: Float32Array, start: number, sampleRate: number, f0Hz: number, scratch: WindowScratch): WindowPartials {
  const fft = sharedRealFft(WINDOW_SIZE);
  const window = hannWindow(WINDOW_SIZE);
  const { windowed, re, im, power } = scratch;
  for (let i = 0; i < WINDOW_SIZE; i++) {
    const index = start + i;
    windowed[i] = index < samples.length ? samples[index] * window[i] : 0;
  }
  fft.forward(windowed, re, im);
  for (let k = 0; k < fft.binCount; k++) power[k] = re[k] * re[k] + im[k] * im[k];

  const binHz = sampleRate / WINDOW_SIZE;
  const f0Bins = f0Hz / binHz;
  // Search a partial within a third of the partial spacing (and at most 3 bins) of h·f0: wide
  // enough for stretched piano partials, narrow enough not to catch the neighbour.
  const reach = Math.max(1, Math.min(3, Math.floor(f0Bins / 3)));
  const partialPower = new Float64Array(HARMONIC_COUNT);
  const partialFrequency = new Float64Array(HARMONIC_COUNT).fill(Number.NaN);
  let harmonicPower = 0;
  const lastBin = fft.binCount - 2;
  for (let h = 1; h <= RATIO_HARMONICS; h++) {
    const centre = Math.round(h * f0Bins);
    if (centre + reach > lastBin) break;
    let peak = centre - reach;
    for (let k = centre - reach + 1; k <= centre + reach; k++) if (power[k] > power[peak]) peak = k;
    // The Hann main lobe spans ±2 bins: count those as the partial's energy.
    let lobe = 0;
    for (let k = Math.max(1, peak - 2); k <= Math.min(lastBin, peak + 2); k++) lobe += power[k];
    harmonicPower += lobe;
    if (h <= HARMONIC_COUNT) {
      partialPower[h - 1] = lobe;
      // Parabolic interpolation of the log-power peak: sub-bin frequency for the inharmonicity.
      const left = Math.log(power[peak - 1] + 1e-30);
      const middle = Math.log(power[peak] + 1e-30);
      const right = Math.log(power[peak + 1] + 1e-30);
      const curvature = left - 2 * middle + right;
      const offset = curvature < 0 ? (0.5 * (left - right)) / curvature : 0;
      partialFrequency[h - 1] = (peak + Math.max(-0.5, Math.min(0.5, offset))) * binHz;
    }
  }
  let totalPower = 0;
  for (let k = Math.max(1, Math.floor(f0Bins / 2)); k <= lastBin; k++) totalPower += power[k];
  return { power: partialPower, frequency: partialFrequency, harmonicPower, totalPower };
}

const toDb = (power: number): number => (power > 0 ? 10 * Math.log10(power) : -300);

/** Power of partials 4–8 over partials 1–2, in dB: how bright the window is. */
function brightness(partials: WindowPartials): number {
  let upper = 0;
  for (let h = 4; h <= HARMONIC_COUNT; h++) upper += partials.power[h - 1];
  const lower = partials.power[0] + partials.power[1];
  return toDb(upper + 1e-12) - toDb(lower + 1e-12);
}

/**
 * The profile of samples[regionStart, regionEnd) (the sustained part, where the pitch was read)
 * for a sound whose f0 is `f0Hz`; NO_HARMONIC_PROFILE when it has none or is too short.
 */
export function harmonicProfile(samples: Float32Array, sampleRate: number, f0Hz: number, regionStart: number, regionEnd: number): HarmonicProfile {
  const binHz = sampleRate / WINDOW_SIZE;
  // Below ~2.5 bins per partial the lobes merge and nothing here is meaningful.
  if (!(f0Hz >= 2.5 * binHz) || samples.length === 0) return NO_HARMONIC_PROFILE;
  const bins = WINDOW_SIZE / 2 + 1;
  const scratch: WindowScratch = { windowed: new Float64Array(WINDOW_SIZE), re: new Float64Array(bins), im: new Float64Array(bins), power: new Float64Array(bins) };
  const windows: { start: number; partials: WindowPartials }[] = [];
  for (const start of spreadWindowStarts(samples.length, regionStart, regionEnd, WINDOW_SIZE, MAX_WINDOWS)) {
    const partials = windowPartials(samples, start, sampleRate, f0Hz, scratch);
    if (partials.totalPower > 0) windows.push({ start, partials });
  }
  if (windows.length === 0) return NO_HARMONIC_PROFILE;

  const summed = new Float64Array(HARMONIC_COUNT);
  let harmonicPower = 0;
  let totalPower = 0;
  for (const { partials } of windows) {
    for (let h = 0; h < HARMONIC_COUNT; h++) summed[h] += partials.power[h];
    harmonicPower += partials.harmonicPower;
    totalPower += partials.totalPower;
  }
  const partialTotal = summed.reduce((a, b) => a + b, 0);
  if (!(partialTotal > 0)) return NO_HARMONIC_PROFILE;
  const partialLevelsDb = Array.from(summed, (p) => Math.max(PARTIAL_FLOOR_DB, toDb(p / partialTotal)));

  // Deviation from h·f1 with f1 the measured first partial, over the audible partials of the
  // loudest window: the YIN f0 is a period average and may sit a few cents off the partials.
  const loudest = windows.reduce((a, b) => (b.partials.totalPower > a.partials.totalPower ? b : a)).partials;
  const loudestSum = loudest.power.reduce((a, b) => a + b, 0);
  const f1 = loudest.frequency[0];
  let deviation = 0;
  let counted = 0;
  for (let h = 2; h <= HARMONIC_COUNT && Number.isFinite(f1) && f1 > 0; h++) {
    const frequency = loudest.frequency[h - 1];
    if (!Number.isFinite(frequency) || toDb(loudest.power[h - 1] / loudestSum) < AUDIBLE_PARTIAL_DB) continue;
    deviation += Math.abs(1200 * Math.log2(frequency / (h * f1)));
    counted++;
  }

  let brightnessDecayDbPerSecond = 0;
  const first = windows[0];
  const last = windows[windows.length - 1];
  if (last.start > first.start) {
    const seconds = (last.start - first.start) / sampleRate;
    const change = (brightness(last.partials) - brightness(first.partials)) / seconds;
    brightnessDecayDbPerSecond = Math.max(-MAX_DECAY_DB_PER_SECOND, Math.min(MAX_DECAY_DB_PER_SECOND, change));
  }
  return {
    partialLevelsDb,
    harmonicRatio: totalPower > 0 ? Math.min(1, harmonicPower / totalPower) : 0,
    inharmonicityCents: counted ? deviation / counted : 0,
    brightnessDecayDbPerSecond,
  };
}
