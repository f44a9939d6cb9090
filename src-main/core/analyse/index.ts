// The analyse stage: mono samples in, named descriptors, an audio hash and a thumbnail out.
// Pure computation (no I/O), so it runs the same in workers, tests and the browser.
import type { Descriptors } from '../../../src-shared/sample.js';
import { audioHash } from './audio-hash.js';
import { activeFrames, DESCRIPTOR_NAMES, finaliseDescriptors, meanOf, stdOf, vectorMeans, vectorStds } from './descriptors.js';
import { envelopeTimes, rmsEnvelope } from './envelope.js';
import { integratedLoudness, LOUDNESS_FLOOR_LUFS } from './loudness.js';
import { estimateKey } from './key.js';
import { estimatePitch } from './pitch.js';
import { analyseRhythm, bandOnsets } from './rhythm.js';
import { CHROMA_COUNT, CONTRAST_BAND_COUNT, MEL_BAND_COUNT, MFCC_COUNT } from './spectral-frame.js';
import { computeFrames } from './stft.js';
import { peakWaveform } from './waveform.js';

export { DESCRIPTOR_NAMES };

/**
 * Bumped whenever the analysis gives other values for the same audio: catalogued rows of an older
 * version are re-analysed on the next index run, and the training cache is keyed on it.
 * 2: tempo octave choice by onset density, subdivision and at-least-a-bar cues.
 */
export const ANALYSIS_VERSION = 2;
export { WAVEFORM_BUCKETS } from './waveform.js';

export interface Analysis {
  /** Every name in DESCRIPTOR_NAMES, every value finite. */
  descriptors: Descriptors;
  /** FNV-1a 64 (16 hex digits) of the audio quantised to 16 bit: equal for the same sound in any lossless format. */
  audioHash: string;
  /** WAVEFORM_BUCKETS peaks of |x|, 0..1. */
  waveform: number[];
}

/** Level floor in dB for peak_db on silence. */
const DB_FLOOR = -120;
/** The onset part of a sound for onset/tail contrasts. */
const ONSET_SECONDS = 0.05;
/** Skip the first milliseconds after the peak (the transient) when looking for a pitch. */
const PITCH_SKIP_SECONDS = 0.02;
const PITCH_MIN_REGION_SECONDS = 0.1;

const toDb = (amplitude: number): number => (amplitude > 0 ? Math.max(DB_FLOOR, 20 * Math.log10(amplitude)) : DB_FLOOR);

/** Analyses mono `samples` at `sampleRate` (the decode stage delivers 22050 Hz). */
export function analyse(samples: Float32Array, sampleRate: number): Analysis {
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
  const times = envelopeTimes(rmsEnvelope(samples, sampleRate));
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

  const key = estimateKey(samples, sampleRate);
  values.key_index = key.keyIndex;
  values.key_strength = key.strength;

  return {
    descriptors: finaliseDescriptors(values),
    audioHash: audioHash(samples, sampleRate),
    waveform: peakWaveform(samples),
  };
}
