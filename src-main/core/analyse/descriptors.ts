// The descriptor names (a contract with the stored catalogue and the trained models) and the
// per-file summaries that turn frame columns into them.
import { CHROMA_COUNT, CONTRAST_BAND_COUNT, MEL_BAND_COUNT, MFCC_COUNT } from './spectral-frame.js';
import { HARMONIC_COUNT } from './harmonics.js';
import type { FrameTable } from './stft.js';
import { TIMBRE_DESCRIPTOR_NAMES } from './timbre-net.js';

const numbered = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** Every key analyse() returns, in a stable order. */
export const DESCRIPTOR_NAMES: readonly string[] = Object.freeze([
  // The prototype's set.
  ...numbered('mfcc_mean_', MFCC_COUNT),
  ...numbered('mfcc_std_', MFCC_COUNT),
  ...numbered('chroma_', CHROMA_COUNT),
  'spectral_centroid_mean',
  'spectral_centroid_std',
  'spectral_rolloff_mean',
  'spectral_bandwidth_mean',
  'zcr_mean',
  'rms_mean',
  'rms_max',
  'tempo',
  // One-shot shape.
  'duration',
  'attack_time',
  'decay_time_20db',
  'decay_time',
  'peak_time',
  'spectral_flatness_mean',
  ...numbered('spectral_contrast_', CONTRAST_BAND_COUNT),
  'spectral_flux_mean',
  ...numbered('onset_mfcc_', MFCC_COUNT),
  ...numbered('tail_mfcc_', MFCC_COUNT),
  'onset_centroid',
  'tail_centroid',
  'onset_flatness',
  'tail_flatness',
  // Level.
  'loudness_lufs',
  'peak_db',
  'crest_factor_db',
  ...numbered('log_mel_mean_', MEL_BAND_COUNT),
  ...numbered('log_mel_std_', MEL_BAND_COUNT),
  // Rhythm and pitch.
  'onset_rate',
  'pulse_clarity',
  'f0_hz',
  'f0_confidence',
  'harmonicity',
  'silence_ratio',
  'active_duration',
  // Key (key.ts): 0–11 C…B major, 12–23 C…B minor; strength 0 where nothing tonal was found.
  'key_index',
  'key_strength',
  // Timbre over time and harmonic structure (harmonics.ts): what separates instruments playing one note.
  'f0_spread_cents',
  'sustain_slope_db',
  'sustain_roughness_db',
  'centroid_slope',
  ...numbered('partial_level_', HARMONIC_COUNT),
  'harmonic_ratio',
  'inharmonicity_cents',
  'brightness_decay',
  // The learned extractor's log-probability of each category (timbre-net.ts).
  ...TIMBRE_DESCRIPTOR_NAMES,
]);

/** Which frames a summary averages over. */
export type FrameSelection = readonly number[];

export function meanOf(column: Float64Array, frames: FrameSelection): number {
  if (frames.length === 0) return 0;
  let sum = 0;
  for (const t of frames) sum += column[t];
  return sum / frames.length;
}

export function stdOf(column: Float64Array, frames: FrameSelection): number {
  if (frames.length < 2) return 0;
  const mean = meanOf(column, frames);
  let sum = 0;
  for (const t of frames) sum += (column[t] - mean) ** 2;
  return Math.sqrt(sum / frames.length);
}

/** Per-dimension means of a frame-major vector column, written as `${prefix}${i}`. */
export function vectorMeans(out: Record<string, number>, prefix: string, column: Float64Array, size: number, frames: FrameSelection): void {
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (const t of frames) sum += column[t * size + i];
    out[`${prefix}${i}`] = frames.length ? sum / frames.length : 0;
  }
}

export function vectorStds(out: Record<string, number>, prefix: string, column: Float64Array, size: number, frames: FrameSelection): void {
  for (let i = 0; i < size; i++) {
    let sum = 0;
    let squares = 0;
    for (const t of frames) {
      const value = column[t * size + i];
      sum += value;
      squares += value * value;
    }
    const n = frames.length;
    out[`${prefix}${i}`] = n > 1 ? Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2)) : 0;
  }
}

export interface LineFit {
  /** Change of y per unit of x. */
  slope: number;
  /** Standard deviation of y around the fitted line. */
  residualStd: number;
}

/** Least-squares line through (x[i], y[i]); slope 0 with fewer than three points or one x. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const n = Math.min(x.length, y.length);
  if (n < 3) return { slope: 0, residualStd: 0 };
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - meanX) ** 2;
    sxy += (x[i] - meanX) * (y[i] - meanY);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let residual = 0;
  for (let i = 0; i < n; i++) residual += (y[i] - meanY - slope * (x[i] - meanX)) ** 2;
  return { slope, residualStd: Math.sqrt(residual / n) };
}

/**
 * Frames within 60 dB of the loudest frame. Spectral summaries use only these so that leading or
 * trailing silence does not drag a hit's centroid or MFCCs towards those of silence (duration and
 * silence_ratio describe the silence instead). All frames when the clip is silent.
 */
export function activeFrames(table: FrameTable): number[] {
  const rms = table.scalars.rms;
  let loudest = 0;
  for (let t = 0; t < table.frameCount; t++) if (rms[t] > loudest) loudest = rms[t];
  const all = Array.from({ length: table.frameCount }, (_, t) => t);
  if (loudest <= 0) return all;
  const active = all.filter((t) => rms[t] >= 1e-3 * loudest);
  return active.length ? active : all;
}

/** Replaces anything non-finite by 0 and orders keys as DESCRIPTOR_NAMES; throws if one is missing. */
export function finaliseDescriptors(values: Record<string, number>): Record<string, number> {
  const descriptors: Record<string, number> = {};
  for (const name of DESCRIPTOR_NAMES) {
    const value = values[name];
    if (value === undefined) throw new Error(`analyse: descriptor ${name} was not computed`);
    descriptors[name] = Number.isFinite(value) ? value : 0;
  }
  return descriptors;
}
