// The analyse stage: mono samples in, named descriptors, an audio hash and a thumbnail out.
// Pure computation (no I/O), so it runs the same in workers, tests and the browser.
import type { Descriptors } from '../../../src-shared/sample.js';
import { audioHash } from './audio-hash.js';
import { activeFrames, DESCRIPTOR_NAMES, finaliseDescriptors, fitLine, meanOf, stdOf, vectorMeans, vectorStds, type LineFit } from './descriptors.js';
import { envelopeTimes, rmsEnvelope } from './envelope.js';
import { integratedLoudness, LOUDNESS_FLOOR_LUFS } from './loudness.js';
import { harmonicProfile, HARMONIC_COUNT } from './harmonics.js';
import { estimateKey } from './key.js';
import { estimatePitch } from './pitch.js';
import { analyseRhythm, bandOnsets } from './rhythm.js';
import { CHROMA_COUNT, CONTRAST_BAND_COUNT, MEL_BAND_COUNT, MFCC_COUNT } from './spectral-frame.js';
import { computeFrames } from './stft.js';
import { timbreDescriptors, timbreInput, type TimbreNetJson } from './timbre-net.js';
import { peakWaveform } from './waveform.js';

export { DESCRIPTOR_NAMES };

/**
 * Bumped whenever the analysis gives other values for the same audio: catalogued rows of an older
 * version are re-analysed on the next index run, and the training cache is keyed on it.
 * 2: tempo octave choice by onset density, subdivision and at-least-a-bar cues.
 * 3: timbre over time (f0 spread, sustain slope and roughness, centroid slope) and the harmonic profile.
 * 4: the timbre network's category log-probabilities (timbre-net.ts); a retrained network bumps it too.
 * 5: the timbre network retrained with three times the rendered notes per melodic category.
 * 6: the timbre network retrained with the brush kit's slaps labelled snare and synthesised acoustic drums.
 * 7: the timbre network retrained with the ride bell labelled cymbal.
 */
export const ANALYSIS_VERSION = 7;
export { WAVEFORM_BUCKETS } from './waveform.js';

export interface Analysis {
  /** Every name in DESCRIPTOR_NAMES, every value finite. */
  descriptors: Descriptors;
  /** FNV-1a 64 (16 hex digits) of the audio quantised to 16 bit: equal for the same sound in any lossless format. */
  audioHash: string;
  /** WAVEFORM_BUCKETS peaks of |x|, 0..1. */
  waveform: number[];
  /** What the timbre network read (timbreInput): kept for training, not stored. */
  timbreInput: Float32Array;
}

/** Level floor in dB for peak_db on silence. */
const DB_FLOOR = -120;
/** The onset part of a sound for onset/tail contrasts. */
const ONSET_SECONDS = 0.05;
/** Skip the first milliseconds after the peak (the transient) when looking for a pitch. */
const PITCH_SKIP_SECONDS = 0.02;
const PITCH_MIN_REGION_SECONDS = 0.1;
/** The sustain is read from this long after the peak until the level first falls SUSTAIN_FLOOR_DB below it. */
const SUSTAIN_SKIP_SECONDS = 0.05;
const SUSTAIN_FLOOR_DB = -30;
/** Bounds that keep a two-point "sustain" of a click from producing huge slopes. */
const MAX_SUSTAIN_SLOPE_DB = 300;
const MAX_CENTROID_SLOPE_OCTAVES = 20;

const toDb = (amplitude: number): number => (amplitude > 0 ? Math.max(DB_FLOOR, 20 * Math.log10(amplitude)) : DB_FLOOR);

const clamp = (value: number, bound: number): number => Math.max(-bound, Math.min(bound, value));

/**
 * The level's course after the attack, in dB: its slope (dB/s: ~0 for a bowed or blown note, steeply
 * negative for a plucked one) and how much it wobbles around that line (tremolo, beating, rebounds).
 */
function sustainShape(envelope: Float64Array, secondsPerPoint: number, peakTime: number): LineFit {
  const first = Math.round((peakTime + SUSTAIN_SKIP_SECONDS) / secondsPerPoint);
  const peak = envelope[Math.round(peakTime / secondsPerPoint)] ?? 0;
  if (!(peak > 0)) return { slope: 0, residualStd: 0 };
  const floor = peak * 10 ** (SUSTAIN_FLOOR_DB / 20);
  const seconds: number[] = [];
  const levelsDb: number[] = [];
  for (let j = first; j < envelope.length && envelope[j] >= floor; j++) {
    seconds.push(j * secondsPerPoint);
    levelsDb.push(20 * Math.log10(envelope[j] / peak));
  }
  const fit = fitLine(seconds, levelsDb);
  return { slope: clamp(fit.slope, MAX_SUSTAIN_SLOPE_DB), residualStd: fit.residualStd };
}

/**
 * Analyses mono `samples` at `sampleRate` (the decode stage delivers 22050 Hz). Without
 * `timbreNet` (tests, the first pass of training) the timbre descriptors are uniform.
 */
export function analyse(samples: Float32Array, sampleRate: number, timbreNet: TimbreNetJson | null = null): Analysis {
  const table = computeFrames(samples, sampleRate);
  const { scalars, vectors, hopSize } = table;
  const framesPerSecond = sampleRate / hopSize;
  const active = activeFrames(table);
  const values: Record<string, number> = {};

  vectorMeans(values, 'mfcc_mean_', vectors.mfcc, MFCC_COUNT, active);
  vectorStds(values, 'mfcc_std_', vectors.mfcc, MFCC_COUNT, active);
  vectorMeans(values, 'chroma_', vectors.chroma, CHROMA_COUNT, active);
  values.spectral_centroid_mean = meanOf(scalars.spectralCentroid, active);
  values.spectral_centroid_std = stdOf(scalars.spectralCentroid, active);
  values.spectral_rolloff_mean = meanOf(scalars.spectralRolloff, active);
  values.spectral_bandwidth_mean = meanOf(scalars.spectralBandwidth, active);
  values.zcr_mean = meanOf(scalars.zcr, active);
  values.rms_mean = meanOf(scalars.rms, active);
  values.rms_max = scalars.rms.reduce((a, b) => Math.max(a, b), 0);
  values.spectral_flatness_mean = meanOf(scalars.spectralFlatness, active);
  vectorMeans(values, 'spectral_contrast_', vectors.spectralContrast, CONTRAST_BAND_COUNT, active);
  values.spectral_flux_mean = meanOf(scalars.spectralFlux, active);
  vectorMeans(values, 'log_mel_mean_', vectors.logMel, MEL_BAND_COUNT, active);
  vectorStds(values, 'log_mel_std_', vectors.logMel, MEL_BAND_COUNT, active);

  const duration = samples.length / sampleRate;
  const envelope = rmsEnvelope(samples, sampleRate);
  const times = envelopeTimes(envelope);
  values.duration = duration;
  values.attack_time = times.attackTime;
  values.decay_time_20db = times.decayTime20db;
  values.decay_time = times.decayTime;
  values.peak_time = times.peakTime;
  values.silence_ratio = times.silenceRatio;
  values.active_duration = Math.min(duration, times.activeDuration);

  // Onset = the first 50 ms from where the rise into the peak starts; tail = the active rest.
  const onsetFirst = Math.min(table.frameCount - 1, Math.round(times.onsetTime * framesPerSecond));
  const onsetEnd = Math.min(table.frameCount, onsetFirst + Math.ceil(ONSET_SECONDS * framesPerSecond));
  const onset = Array.from({ length: onsetEnd - onsetFirst }, (_, i) => onsetFirst + i);
  const tailActive = active.filter((t) => t >= onsetEnd);
  const tail = tailActive.length ? tailActive : onset;
  vectorMeans(values, 'onset_mfcc_', vectors.mfcc, MFCC_COUNT, onset);
  vectorMeans(values, 'tail_mfcc_', vectors.mfcc, MFCC_COUNT, tail);
  values.onset_centroid = meanOf(scalars.spectralCentroid, onset);
  values.tail_centroid = meanOf(scalars.spectralCentroid, tail);
  values.onset_flatness = meanOf(scalars.spectralFlatness, onset);
  values.tail_flatness = meanOf(scalars.spectralFlatness, tail);
  const timbre = timbreInput(table, onsetFirst);
  Object.assign(values, timbreDescriptors(timbre, timbreNet));

  let peak = 0;
  let energy = 0;
  for (let i = 0; i < samples.length; i++) {
    const magnitude = Math.abs(samples[i]);
    if (magnitude > peak) peak = magnitude;
    energy += samples[i] * samples[i];
  }
  const overallRms = samples.length ? Math.sqrt(energy / samples.length) : 0;
  values.peak_db = toDb(peak);
  values.crest_factor_db = peak > 0 && overallRms > 0 ? toDb(peak) - toDb(overallRms) : 0;
  values.loudness_lufs = samples.length ? integratedLoudness(samples, sampleRate) : LOUDNESS_FLOOR_LUFS;

  // Kick- and snare-band onsets from the log-mel frames already computed: the tempo's octave cue.
  const rhythm = analyseRhythm(scalars.onsetStrength, framesPerSecond, bandOnsets(vectors.logMel, table.frameCount, sampleRate, table.frameSize));
  values.tempo = rhythm.tempo;
  values.pulse_clarity = rhythm.pulseClarity;
  values.onset_rate = rhythm.onsetRate;

  const sustainStart = times.peakTime + PITCH_SKIP_SECONDS;
  const sustainEnd = times.peakTime + Math.max(times.decayTime20db, PITCH_MIN_REGION_SECONDS);
  const pitch = estimatePitch(samples, sampleRate, Math.round(sustainStart * sampleRate), Math.round(sustainEnd * sampleRate));
  values.f0_hz = pitch.f0Hz;
  values.f0_confidence = pitch.confidence;
  values.harmonicity = pitch.harmonicity;
  values.f0_spread_cents = pitch.spreadCents;
  const harmonics = harmonicProfile(samples, sampleRate, pitch.f0Hz, Math.round(sustainStart * sampleRate), Math.round(sustainEnd * sampleRate));
  for (let h = 0; h < HARMONIC_COUNT; h++) values[`partial_level_${h}`] = harmonics.partialLevelsDb[h];
  values.harmonic_ratio = harmonics.harmonicRatio;
  values.inharmonicity_cents = harmonics.inharmonicityCents;
  values.brightness_decay = harmonics.brightnessDecayDbPerSecond;

  const sustain = sustainShape(envelope.values, envelope.hopSize / sampleRate, times.peakTime);
  values.sustain_slope_db = sustain.slope;
  values.sustain_roughness_db = sustain.residualStd;
  const centroidOctaves = active.map((t) => Math.log2(Math.max(1e-3, scalars.spectralCentroid[t])));
  const centroidFit = fitLine(active.map((t) => t / framesPerSecond), centroidOctaves);
  values.centroid_slope = clamp(centroidFit.slope, MAX_CENTROID_SLOPE_OCTAVES);

  const key = estimateKey(samples, sampleRate);
  values.key_index = key.keyIndex;
  values.key_strength = key.strength;

  return {
    descriptors: finaliseDescriptors(values),
    audioHash: audioHash(samples, sampleRate),
    waveform: peakWaveform(samples),
    timbreInput: timbre,
  };
}
